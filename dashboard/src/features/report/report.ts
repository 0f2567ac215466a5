/**
 * The monthly management report (`#/report?month=YYYY-MM`): which month, and
 * the pure selections it prints (top and bottom teams, teams with breaches).
 * Unit-tested; the page is ReportPage.tsx, the PDF is the API's GET /report.pdf.
 */
import { isPartialMonth, lastCompleteMonth } from '../../lib/periods.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type ReportMonth =
  { ok: true; month: string; partial: boolean } | { ok: false; message: string };

/**
 * The report's month: `month` from the URL, or the last complete month when
 * absent. A malformed month or one after the data is refused with a reason.
 */
export function reportMonth(param: string | null, asOf: string): ReportMonth {
  if (param === null || param === '')
    return { ok: true, month: lastCompleteMonth(asOf), partial: false };
  if (!MONTH.test(param))
    return { ok: false, message: `“${param}” is not a month: write it as YYYY-MM, e.g. 2026-10.` };
  if (param > asOf.slice(0, 7))
    return { ok: false, message: `There are no data for ${param} yet: the data end on ${asOf}.` };
  return { ok: true, month: param, partial: isPartialMonth(param, asOf) };
}

export interface TeamLike {
  team: string;
  amountCollected: number;
}

/** The `n` teams that collected most and the `n` that collected least (no team in both lists). */
export function topBottomTeams<T extends TeamLike>(teams: readonly T[], n = 3) {
  const sorted = [...teams].sort(
    (a, b) => b.amountCollected - a.amountCollected || a.team.localeCompare(b.team),
  );
  const top = sorted.slice(0, n);
  const bottom = sorted.slice(Math.max(n, sorted.length - n)).reverse();
  return { top, bottom };
}

/** Teams with at least one breach, most breaches first. */
export function breachingTeams<T extends { team: string; violations: number }>(
  teams: readonly T[],
) {
  return teams
    .filter((t) => t.violations > 0)
    .sort((a, b) => b.violations - a.violations || a.team.localeCompare(b.team));
}
