/**
 * The planted effects are in the files, computed from the events alone with
 * the docs/metrics/README.md definitions (independently of the generator's code):
 * the challenger cures clearly more than the champion, the best team keeps
 * clearly more promises, and the manifest lists exactly the attempts that break
 * a compliance rule.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BEST_TEAM, CHALLENGER, CHAMPION, EXPERIMENT, TEAMS } from './planted.ts';
import { byType, plantedPortfolio, type Event } from './test-support.ts';

let events: readonly Event[];
let manifest: {
  experiment: { name: string; champion: { strategy: string }; challenger: { strategy: string } };
  promises: { bestTeam: string };
  compliance: { breachEventIds: string[] };
};
const DAY = 86_400_000;

beforeAll(async () => {
  const portfolio = await plantedPortfolio();
  events = portfolio.events;
  manifest = portfolio.manifest as typeof manifest;
});

const t = (e: Event) => Date.parse(e.occurred_at);

describe('planted effects', () => {
  it('names the experiment, arms and best team in the manifest', () => {
    expect(manifest.experiment.name).toBe(EXPERIMENT);
    expect(manifest.experiment.champion.strategy).toBe(CHAMPION.strategy);
    expect(manifest.experiment.challenger.strategy).toBe(CHALLENGER.strategy);
    expect(manifest.promises.bestTeam).toBe(BEST_TEAM);
  });

  it('the challenger cures clearly more within 30 days than the champion (mature cases)', () => {
    const asOf = Math.max(...events.map(t));
    const closedAt = new Map<string, Event>();
    for (const c of byType(events, 'case_closed')) closedAt.set(c.case_id as string, c);
    const arms = new Map<string, { mature: number; cured: number; role: string }>();
    for (const c of byType(events, 'case_opened').filter((c) => c.experiment === EXPERIMENT)) {
      const t0 = t(c);
      if (t0 + 30 * DAY > asOf) continue; // immature
      const arm = arms.get(c.strategy as string) ?? {
        mature: 0,
        cured: 0,
        role: c.arm_role as string,
      };
      expect(c.arm_role).toBe(arm.role);
      arm.mature++;
      const close = closedAt.get(c.case_id as string);
      if (
        close &&
        ['cured', 'paid_in_full'].includes(close.outcome as string) &&
        t(close) <= t0 + 30 * DAY
      ) {
        arm.cured++;
      }
      arms.set(c.strategy as string, arm);
    }
    const champion = arms.get(CHAMPION.strategy);
    const challenger = arms.get(CHALLENGER.strategy);
    expect(champion?.role).toBe('champion');
    expect(challenger?.role).toBe('challenger');
    expect(champion?.mature).toBeGreaterThan(200);
    expect(challenger?.mature).toBeGreaterThan(200);
    const rate = (a?: { mature: number; cured: number }) => (a ? a.cured / a.mature : NaN);
    // True rates 0.30 vs 0.48: the observed gap must be well clear of noise (SE ≈ 0.04 here).
    expect(rate(challenger) - rate(champion)).toBeGreaterThan(0.1);
    expect(Math.abs(rate(champion) - CHAMPION.cureProbability)).toBeLessThan(0.08);
    expect(Math.abs(rate(challenger) - CHALLENGER.cureProbability)).toBeLessThan(0.08);
  });

  it('the best team has the highest kept rate, clearly above every other team', () => {
    const asOf = Math.max(...events.map(t));
    const teamOf = new Map(
      byType(events, 'agent_registered').map((a) => [a.agent_id, a.team as string]),
    );
    const payments = new Map<string, Event[]>();
    for (const p of byType(events, 'payment')) {
      if (p.case_id === undefined) continue;
      const list = payments.get(p.case_id as string) ?? [];
      list.push(p);
      payments.set(p.case_id as string, list);
    }
    const stats = new Map<
      string,
      { kept: number; partial: number; broken: number; pending: number }
    >();
    for (const p of byType(events, 'promise_to_pay')) {
      const team = teamOf.get(p.agent_id) as string;
      const s = stats.get(team) ?? { kept: 0, partial: 0, broken: 0, pending: 0 };
      // docs/metrics/README.md: window = [occurred_at, midnight after due_on + 3 days) in REPORT_TZ (UTC).
      const end = Date.parse(`${p.due_on as string}T00:00:00Z`) + 4 * DAY;
      if (end > asOf) s.pending++;
      else {
        const paid = (payments.get(p.case_id as string) ?? [])
          .filter((x) => t(x) >= t(p) && t(x) < end)
          .reduce((sum, x) => sum + Math.round((x.amount as number) * 100), 0);
        const amount = Math.round((p.amount as number) * 100);
        if (paid >= amount) s.kept++;
        else if (paid > 0) s.partial++;
        else s.broken++;
      }
      stats.set(team, s);
    }
    const keptRate = (team: string) => {
      const s = stats.get(team);
      return s ? s.kept / (s.kept + s.partial + s.broken) : NaN;
    };
    expect(stats.size).toBe(TEAMS.length);
    for (const s of stats.values()) expect(s.kept + s.partial + s.broken).toBeGreaterThan(100);
    const best = keptRate(BEST_TEAM);
    for (const team of TEAMS.filter((x) => x !== BEST_TEAM)) {
      expect(best - keptRate(team), team).toBeGreaterThan(0.15);
    }
    const all = [...stats.values()];
    expect(all.some((s) => s.partial > 0) && all.some((s) => s.pending > 0)).toBe(true);
  });
});

describe('planted compliance breaches', () => {
  /** docs/metrics/compliance.md, recomputed from the files: voice attempts per case in the account's local time. */
  function violations(): { ids: Set<string>; night: number; day: number; week: number } {
    const offsetOf = new Map(
      byType(events, 'account_opened').map((a) => [
        a.account_id,
        (a.utc_offset_minutes as number | undefined) ?? 480,
      ]),
    );
    const accountOf = new Map(byType(events, 'case_opened').map((c) => [c.case_id, c.account_id]));
    const perCase = new Map<string, Event[]>();
    for (const a of byType(events, 'contact_attempt')) {
      if (!['call', 'field_visit', 'ivr'].includes(a.channel as string)) continue;
      const list = perCase.get(a.case_id as string) ?? [];
      list.push(a);
      perCase.set(a.case_id as string, list);
    }
    const out = { ids: new Set<string>(), night: 0, day: 0, week: 0 };
    for (const [caseId, list] of perCase) {
      const offset = (offsetOf.get(accountOf.get(caseId)) ?? 480) * 60_000;
      list.sort((x, y) => t(x) - t(y));
      const times = list.map(t);
      const dates = times.map((ms) => new Date(ms + offset).toISOString().slice(0, 10));
      list.forEach((a, i) => {
        const hour = new Date((times[i] as number) + offset).getUTCHours();
        const night = hour < 8 || hour >= 22;
        // Sorted by time, so the same local day and the last 7 × 24 h are runs ending at i.
        let sameDay = 0;
        for (let j = i; j >= 0 && dates[j] === dates[i]; j--) sameDay++;
        let week = 0;
        for (let j = i; j >= 0 && (times[j] as number) > (times[i] as number) - 7 * DAY; j--)
          week++;
        if (night) out.night++;
        if (sameDay >= 7) out.day++;
        if (week >= 8) out.week++;
        if (night || sameDay >= 7 || week >= 8) out.ids.add(a.event_id);
      });
    }
    return out;
  }

  it('lists exactly the attempts that break a rule, with every kind of breach present', () => {
    const found = violations();
    const listed = manifest.compliance.breachEventIds;
    expect(new Set(listed).size).toBe(listed.length);
    expect([...found.ids].sort()).toEqual([...listed].sort());
    expect(found.night).toBeGreaterThan(0);
    expect(found.day).toBeGreaterThan(0);
    expect(found.week).toBeGreaterThan(0);
  });
});
