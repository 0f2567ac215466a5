/**
 * The effects of planted-intel.ts are in the files, computed from the events
 * alone: calls reaching the right party peak at 18–19 h local, the challenger's
 * 30-day cure uplift has the planted sign per segment, and grade A cases cure
 * more than grade E cases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_CATEGORIES } from '@collections/schema/domain';
import { CHALLENGER, CHAMPION, EXPERIMENT } from './planted.ts';
import { CHALLENGER_WORSE_SEGMENT, RPC_PEAK_MINUTES } from './planted-intel.ts';
import { byType, plantedPortfolio, type Event } from './test-support.ts';

let events: readonly Event[];
const DAY = 86_400_000;
const t = (e: Event) => Date.parse(e.occurred_at);
const RPC = new Set<string>(CONTACT_CATEGORIES.rpc);

beforeAll(async () => {
  ({ events } = await plantedPortfolio());
});

/** Rate of `hit` over `n` per key. */
function rates(map: Map<string, { n: number; hit: number }>, key: string) {
  const s = map.get(key);
  return s && s.n > 0 ? s.hit / s.n : NaN;
}
function add(map: Map<string, { n: number; hit: number }>, key: string, hit: boolean) {
  const s = map.get(key) ?? { n: 0, hit: 0 };
  s.n++;
  if (hit) s.hit++;
  map.set(key, s);
}

/** Instant of each case's cure closure (cured / paid_in_full). */
function cureTimes(): Map<string, number> {
  const at = new Map<string, number>();
  for (const c of byType(events, 'case_closed'))
    if (['cured', 'paid_in_full'].includes(c.outcome as string)) at.set(c.case_id as string, t(c));
  return at;
}

describe('planted intelligence effects', () => {
  it('calls reach the right party more often at 18–19 h local', () => {
    const offset = new Map<string, number>();
    for (const a of byType(events, 'account_opened'))
      offset.set(a.account_id as string, (a.utc_offset_minutes as number | undefined) ?? 480);
    const accountOf = new Map(
      byType(events, 'case_opened').map((c) => [c.case_id as string, c.account_id as string]),
    );
    const byPeak = new Map<string, { n: number; hit: number }>();
    for (const a of byType(events, 'contact_attempt')) {
      if (a.channel !== 'call') continue;
      const minutes =
        (t(a) / 60_000 + (offset.get(accountOf.get(a.case_id as string) ?? '') ?? 480)) % 1440;
      const local = minutes < 0 ? minutes + 1440 : minutes;
      const peak = local >= RPC_PEAK_MINUTES[0] && local < RPC_PEAK_MINUTES[1];
      add(byPeak, peak ? 'peak' : 'other', RPC.has(a.outcome as string));
    }
    // Planted: RPC share 0.37 overall; peak ≈ 0.6, elsewhere ≈ 0.25 (docs/generator.md).
    expect(rates(byPeak, 'peak') - rates(byPeak, 'other')).toBeGreaterThan(0.2);
  });

  it('the challenger cures more in the able segments and less in the planted one', () => {
    const asOf = Math.max(...events.map(t));
    const cureAt = cureTimes();
    const cells = new Map<string, { n: number; hit: number }>();
    for (const c of byType(events, 'case_opened')) {
      if (c.experiment !== EXPERIMENT || c.segment === undefined || t(c) + 30 * DAY > asOf)
        continue;
      const at = cureAt.get(c.case_id as string);
      add(
        cells,
        `${c.segment as string}/${c.strategy as string}`,
        at !== undefined && at <= t(c) + 30 * DAY,
      );
    }
    const uplift = (segment: string) =>
      rates(cells, `${segment}/${CHALLENGER.strategy}`) -
      rates(cells, `${segment}/${CHAMPION.strategy}`);
    // Planted: +0.32, +0.22, −0.12 before the case-level logit shifts.
    expect(uplift('willing_able')).toBeGreaterThan(0.15);
    expect(uplift('unwilling_able')).toBeGreaterThan(0.08);
    expect(uplift(CHALLENGER_WORSE_SEGMENT)).toBeLessThan(0);
  });

  it('grade A cases cure more within 30 days than grade E cases', () => {
    const grade = new Map(
      byType(events, 'account_opened').map((a) => [
        a.account_id as string,
        a.risk_grade as string | undefined,
      ]),
    );
    const asOf = Math.max(...events.map(t));
    const cureAt = cureTimes();
    const byGrade = new Map<string, { n: number; hit: number }>();
    for (const c of byType(events, 'case_opened')) {
      if (t(c) + 30 * DAY > asOf) continue;
      const at = cureAt.get(c.case_id as string);
      add(
        byGrade,
        grade.get(c.account_id as string) ?? '',
        at !== undefined && at <= t(c) + 30 * DAY,
      );
    }
    expect(rates(byGrade, 'A') - rates(byGrade, 'E')).toBeGreaterThan(0.1);
  });
});
