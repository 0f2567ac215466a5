/** Plans & legal math (docs/metrics/repayment-plans.md). */
import { groupKeyLabel } from '../../lib/groups.ts';

export interface PlanGroupLike {
  key: readonly string[];
  plans: number;
  onTrack: number;
  closedPlans: number;
  completed: number;
}

/** Display name of a group key (lib/groups.ts). */
export const keyLabel = (key: readonly string[]) => groupKeyLabel(key, 'All plans');

/** Chart rows: on-track share of all plans, completion share of the closed ones (null if none). */
export function planRows(groups: readonly PlanGroupLike[]) {
  return groups.map((g) => ({
    group: keyLabel(g.key),
    plans: g.plans,
    onTrackRate: g.plans > 0 ? g.onTrack / g.plans : 0,
    completionRate: g.closedPlans > 0 ? g.completed / g.closedPlans : null,
  }));
}

export const STAGE_ORDER = ['demand_letter', 'filed', 'judgment', 'enforcement', 'withdrawn'];

export interface StageLike {
  stage?: string | null;
  cases: number;
  legalCost: number;
  recovered: number;
}

/** Stages in pipeline order with their share of the cases; unknown stages go last. */
export function stageRows<S extends StageLike>(stages: readonly S[], total: number) {
  const rank = (s: string | null | undefined) => {
    const i = STAGE_ORDER.indexOf(s ?? '');
    return i < 0 ? STAGE_ORDER.length : i;
  };
  return [...stages]
    .sort((a, b) => rank(a.stage) - rank(b.stage))
    .map((s) => ({
      ...s,
      label: stageLabel(s.stage),
      share: total > 0 ? s.cases / total : 0,
      net: s.recovered - s.legalCost,
    }));
}

export function stageLabel(s: string | null | undefined): string {
  if (!s) return 'Total';
  const t = s.replace(/_/g, ' ');
  return t[0]!.toUpperCase() + t.slice(1);
}
