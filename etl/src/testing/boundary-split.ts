/**
 * The `boundary` split of refresh-splits.test.ts: generated lines in time order cut into
 * consecutive loads, each later load carrying exactly one late event placed so that a
 * row written by an earlier load depends on it from just inside a bounded table's
 * look-back (docs/etl.md, Bounded in time). A bound one day (one offset, one month)
 * too tight leaves that row stale. One kind of late event per load, in this order:
 *
 * - `outcome` (case_outcome_facts, 24 h: one day offset): a payment at the very end of an
 *   earlier payment's day offset (t0 + d × 24 h), the earlier one before the UTC day the
 *   refresh starts from, so only the 24 h look-back reads it into the offset's sum;
 * - `caseDays` (agent_case_days, the UTC day): an attempt at 23:59:59.999 on the day of an
 *   earlier attempt of the same agent and case;
 * - `voice` (voice_attempts, 7 × 24 h): a voice attempt 168 h − 1 s before an earlier one of
 *   its case (whose 7-day count it joins), on a case the load has no other voice attempt of;
 * - `payment` (payment_facts, at or before): an assignment to another agent at exactly the
 *   instant of an earlier payment of the case (the payment's holder changes);
 * - `month` (account_month, one month): a month-end snapshot re-sent a second later with
 *   30 more days past due (its month's bucket, and the month before's next bucket, change);
 * - `relapse` (case_dims, 92 days + 1): an M1+ snapshot on the last day of a cure's relapse
 *   window (closure day + 92) when the data reaches it, else on its first (closure day − 1).
 */

export const BOUNDARY_KINDS = [
  'outcome',
  'caseDays',
  'voice',
  'payment',
  'month',
  'relapse',
] as const;
type Kind = (typeof BOUNDARY_KINDS)[number];

type Event = Record<string, unknown> & { event_id: string; type: string; occurred_at: string };

const DAY = 86_400_000;
const VOICE = new Set(['call', 'field_visit', 'ivr']);
const ms = (e: Event) => Date.parse(e.occurred_at);
const iso = (t: number) => new Date(t).toISOString();
const dayOf = (t: number) => Math.floor(t / DAY) * DAY;

/** What the earlier loads hold, to pick anchors from. */
interface Earlier {
  readonly events: readonly Event[];
  /** case → its first opening */
  readonly openings: ReadonlyMap<string, Event>;
}

/**
 * The late event of `kind` for a load starting at `start` (ms) whose own lines are
 * `load`, anchored on an event of the earlier loads (the latest that fits: the late
 * event is as close to the load as it can be); undefined when none fits.
 */
function lateEvent(
  kind: Kind,
  earlier: Earlier,
  load: readonly Event[],
  start: number,
  id: string,
): Event | undefined {
  const before = (t: number) => t < start;
  const latest = <T>(items: T[]): T | undefined => items[items.length - 1];
  const t0 = (e: Event) => {
    const opening = earlier.openings.get(String(e.case_id));
    return opening ? ms(opening) : undefined;
  };
  const of = (type: string) => earlier.events.filter((e) => e.type === type);
  switch (kind) {
    case 'outcome': {
      const fits = of('payment').flatMap((e) => {
        const open = t0(e);
        if (open === undefined || !e.case_id) return [];
        const end = open + Math.ceil((ms(e) - open) / DAY) * DAY; // end of e's day offset
        return end > ms(e) && before(end) && ms(e) < dayOf(end) ? [{ e, at: end }] : [];
      });
      const pick = latest(fits);
      return (
        pick && {
          ...pick.e,
          event_id: id,
          payment_id: `PM-${id}`,
          amount: 1.5,
          occurred_at: iso(pick.at),
        }
      );
    }
    case 'caseDays': {
      const fits = of('contact_attempt').filter(
        (e) => e.agent_id && ms(e) < dayOf(ms(e)) + DAY - 1 && before(dayOf(ms(e)) + DAY - 1),
      );
      const e = latest(fits);
      return e && { ...e, event_id: id, occurred_at: iso(dayOf(ms(e)) + DAY - 1) };
    }
    case 'voice': {
      const busy = new Set(load.filter((e) => e.type === 'contact_attempt').map((e) => e.case_id));
      const fits = of('contact_attempt').filter((e) => {
        const open = t0(e);
        const at = ms(e) - 7 * DAY + 1000;
        return (
          VOICE.has(String(e.channel)) && !busy.has(e.case_id) && open !== undefined && at > open
        );
      });
      const e = latest(fits);
      return e && { ...e, event_id: id, occurred_at: iso(ms(e) - 7 * DAY + 1000) };
    }
    case 'payment': {
      const agents = of('agent_registered').map((e) => String(e.agent_id));
      const holder = (p: Event) =>
        latest(of('case_assigned').filter((a) => a.case_id === p.case_id && ms(a) <= ms(p)))
          ?.agent_id;
      const e = latest(of('payment').filter((p) => p.case_id && t0(p) !== undefined));
      const agent = e && agents.find((a) => a !== holder(e));
      if (!e || !agent) return undefined;
      const at = e.occurred_at;
      return {
        event_id: id,
        type: 'case_assigned',
        occurred_at: at,
        case_id: e.case_id,
        agent_id: agent,
      };
    }
    case 'month': {
      const snapshots = of('account_snapshot');
      const first = Math.min(...snapshots.map((s) => Date.parse(String(s.as_of))));
      // the effective snapshot of its day (no later one of the account and as_of): re-sending
      // a superseded one would change nothing
      const day = (s: Event) => `${String(s.account_id)} ${String(s.as_of)}`;
      const latestOfDay = new Map<string, number>();
      for (const s of snapshots)
        latestOfDay.set(day(s), Math.max(latestOfDay.get(day(s)) ?? 0, ms(s)));
      const fits = snapshots.filter(
        (s) =>
          s.status === 'open' &&
          ms(s) === latestOfDay.get(day(s)) &&
          Number(s.dpd) <= 150 && // 30 more days move its bucket
          new Date(Date.parse(String(s.as_of)) + DAY).getUTCDate() === 1 && // the month's end
          Date.parse(String(s.as_of)) - first > 27 * DAY && // a month before it has a row
          before(ms(s) + 1000),
      );
      const s = latest(fits);
      return s && { ...s, event_id: id, occurred_at: iso(ms(s) + 1000), dpd: Number(s.dpd) + 30 };
    }
    case 'relapse': {
      const fits = of('case_closed').flatMap((c) => {
        const account = earlier.openings.get(String(c.case_id))?.account_id;
        if (c.outcome !== 'cured' || !account) return [];
        const u = dayOf(ms(c));
        const day = [u + 92 * DAY, u - DAY].find((d) => before(d + 12 * 3600_000));
        return day === undefined ? [] : [{ account, day }];
      });
      const pick = latest(fits);
      return (
        pick && {
          event_id: id,
          type: 'account_snapshot',
          occurred_at: iso(pick.day + 12 * 3600_000),
          account_id: pick.account,
          as_of: iso(pick.day).slice(0, 10),
          dpd: 35,
          balance: 100,
          amount_due: 10,
          status: 'open',
        }
      );
    }
  }
}

/**
 * `lines` (generated, JSON) in time order cut into `n` consecutive loads of equal count;
 * each load k ≥ 1 gets one late event: of the first kind of BOUNDARY_KINDS not placed yet
 * that finds an anchor in the loads before it (else of the first that does). Throws when
 * a kind is left without a load (the test would not test it).
 */
export function boundarySplit(
  lines: readonly string[],
  n: number,
): { loads: string[][]; late: string[] } {
  const events = lines.map((l) => JSON.parse(l) as Event).sort((a, b) => ms(a) - ms(b));
  const loads = Array.from({ length: n }, (_, k) =>
    events.slice(Math.floor((k * events.length) / n), Math.floor(((k + 1) * events.length) / n)),
  );
  const late: string[] = [];
  const left = new Set<Kind>(BOUNDARY_KINDS);
  for (let k = 1; k < n; k += 1) {
    const prior = loads.slice(0, k).flat();
    const openings = new Map<string, Event>();
    for (const e of prior)
      if (e.type === 'case_opened' && !openings.has(String(e.case_id)))
        openings.set(String(e.case_id), e);
    const own = loads[k]!;
    const earlier = { events: prior, openings };
    const placed = [...left, ...BOUNDARY_KINDS]
      .map((kind) => ({ kind, event: lateEvent(kind, earlier, own, ms(own[0]!), `late-${k}`) }))
      .find((p) => p.event !== undefined);
    if (!placed) continue;
    left.delete(placed.kind);
    late.push(`${k}: ${placed.kind} ${placed.event!.type} at ${placed.event!.occurred_at}`);
    own.push(placed.event as Event);
  }
  if (left.size > 0) throw new Error(`boundary split: no load for late ${[...left].join(', ')}`);
  return { loads: loads.map((load) => load.map((e) => JSON.stringify(e))), late };
}
