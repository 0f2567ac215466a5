/** Case-outcome chart math (docs/metrics/case-outcomes.md): stacked-bar rows by group. */
import { groupKeyLabel } from '../../lib/groups.ts';

export interface OutcomeGroupLike {
  key: readonly string[];
  cases: number;
  outcomes: readonly { outcome: string; cases: number; share: number }[];
}

/** Display name of a group key (lib/groups.ts). */
export const groupLabel = (key: readonly string[]) => groupKeyLabel(key, 'All cases');

/** Outcomes in order of total cases, largest first (ties by name), so stacks read alike. */
export function outcomeOrder(groups: readonly OutcomeGroupLike[]): string[] {
  const totals = new Map<string, number>();
  for (const g of groups)
    for (const o of g.outcomes) totals.set(o.outcome, (totals.get(o.outcome) ?? 0) + o.cases);
  return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([o]) => o);
}

/** One bar per group: the share of each outcome (0 where absent), shares recomputed from counts. */
export function stackedShares(
  groups: readonly OutcomeGroupLike[],
): Record<string, string | number>[] {
  const order = outcomeOrder(groups);
  return groups.map((g) => {
    const row: Record<string, string | number> = { group: groupLabel(g.key), cases: g.cases };
    for (const o of order) {
      const n = g.outcomes.find((x) => x.outcome === o)?.cases ?? 0;
      row[o] = g.cases > 0 ? n / g.cases : 0;
    }
    return row;
  });
}

export const GROUP_DIMENSIONS = [
  'strategy',
  'segment',
  'entry_bucket',
  'product',
  'portfolio',
  'region',
  'team',
] as const;

/** Positive outcomes first in legends and colours (collected), then the losses. */
export const OUTCOME_COLOURS: Record<string, string> = {
  cured: '#1b7f3b',
  paid_in_full: '#2e9d55',
  settled: '#7cbf5a',
  plan_completed: '#b6d957',
  legal_closed: '#e0b341',
  uncollectible: '#e08a3c',
  charged_off: '#c8442f',
  written_off: '#8f2a1d',
};
