/**
 * Contact rounds of a case: which channels a strategy uses, their outcomes,
 * durations and costs, promises to pay and the payments that keep them, and the
 * planted compliance breaches. Voice attempts are kept apart (normal rounds are
 * ≥ 2 days apart with one voice attempt each, so only planted bursts break a rule).
 */
import type { Channel, ContactOutcome } from '@collections/schema/domain';
import {
  CALL_CENTS_PER_MINUTE,
  COST_CENTS,
  OUTCOMES,
  PROMISE_SHARE,
  RPC_OUTCOMES,
  type Segment,
} from './model.ts';
import { KEPT_PROBABILITY, PARTIAL_SHARE, type BreachKind } from './planted.ts';
import { callMinute } from './planted-intel.ts';
import { amountDue, fromCents, type AccountRun, type AccountState, type Agent } from './run.ts';
import { DAY, dateString } from './time.ts';

export interface CaseState {
  readonly id: string;
  readonly openMs: number;
  readonly strategy: string;
  readonly segment: Segment;
  /** Planted logit shift of the 30-day cure from what was known at opening (planted-intel.ts). */
  readonly cureShift: number;
  holder: Agent;
  monthsOpen: number;
  rounds: number;
  nextRoundDay: number;
  /** No new promise, and no payment outside a promise, on or before this day. */
  busyUntilDay: number;
  plan: { id: string; left: number; each: number; total: number; paid: number } | null;
  planTried: boolean;
  /** 0 none, 1…4 = LEGAL_STAGES reached, −1 withdrawn. */
  legal: number;
  breach: BreachKind | null;
  breachDone: boolean;
  readonly voice: { eventId: string; ms: number }[];
}

export interface RoundOptions {
  /** Promises may be taken in this round (no plan, no closure this month). */
  allowPromise: boolean;
  /** Last day a promise taken now may fall due. */
  lastDueDay: number;
  /** Day the case ends (exclusive) for planted bursts spread over several days. */
  endDay: number;
  /** Turn this round into the promise that precedes a cure payment. */
  curePromise?: { dueDay: number; amount: number };
}

const METHODS = [
  ['app', 0.4],
  ['bank_transfer', 0.35],
  ['agent_assisted', 0.2],
  [undefined, 0.05],
] as const;

function roundChannels(
  run: AccountRun,
  c: CaseState,
  bucket: number,
  firstOfMonth: boolean,
): { voice: Channel | null; other: Channel[] } {
  const r = run.rng;
  const k = c.rounds;
  switch (c.strategy) {
    case 'sms_first':
      if (k === 0) return { voice: null, other: ['sms'] as Channel[] };
      if (k < 3)
        return {
          voice: r.chance(0.5) ? 'ivr' : null,
          other: [r.pick(['sms', 'app_push'])] as Channel[],
        };
      return { voice: 'call', other: r.chance(0.3) ? (['sms'] as Channel[]) : [] };
    case 'early_call':
      return { voice: 'call', other: k === 0 ? (['sms'] as Channel[]) : [] };
    case 'hardship_offer':
      return { voice: 'call', other: k % 2 === 0 ? (['email'] as Channel[]) : [] };
    default:
      return {
        voice: bucket >= 4 && r.chance(0.3) ? 'field_visit' : 'call',
        other: firstOfMonth ? (['letter'] as Channel[]) : [],
      };
  }
}

/** Emits a voice attempt; nudges it by seconds so no two attempts of a case tie or sit exactly 7×24 h apart. */
function voiceAttempt(
  run: AccountRun,
  c: CaseState,
  channel: Channel,
  ms: number,
  outcome: ContactOutcome,
): string {
  let t = ms;
  while (c.voice.some((v) => v.ms === t || Math.abs(v.ms - t) === 7 * DAY)) t += 1000;
  const r = run.rng;
  const rpc =
    outcome !== 'no_answer' &&
    outcome !== 'busy' &&
    outcome !== 'voicemail' &&
    outcome !== 'failed';
  let duration: number;
  if (channel === 'field_visit') duration = rpc ? r.int(600, 2400) : r.int(300, 900);
  else if (channel === 'ivr') duration = r.int(20, 180);
  else if (outcome === 'no_answer' || outcome === 'busy') duration = r.int(0, 25);
  else if (outcome === 'voicemail') duration = r.int(20, 60);
  else duration = rpc ? r.int(90, 900) : r.int(15, 90);
  const cost =
    COST_CENTS[channel] +
    (channel === 'call' ? Math.ceil(duration / 60) * CALL_CENTS_PER_MINUTE : 0);
  const agent = channel === 'ivr' ? undefined : c.holder.id;
  const id = run.emit('contact_attempt', t, {
    case_id: c.id,
    agent_id: agent,
    channel,
    outcome,
    duration_s: duration,
    cost: fromCents(cost),
  });
  c.voice.push({ eventId: id, ms: t });
  return id;
}

function otherAttempt(run: AccountRun, c: CaseState, channel: Channel, ms: number): void {
  const outcome = run.rng.weighted(OUTCOMES[channel]);
  const cost = COST_CENTS[channel];
  run.emit('contact_attempt', ms, {
    case_id: c.id,
    channel,
    outcome,
    cost: cost > 0 || run.rng.chance(0.5) ? fromCents(cost) : undefined,
  });
}

function refineRpc(run: AccountRun): ContactOutcome {
  return run.rng.weighted(RPC_OUTCOMES);
}

/** A payment on the case: `method` sometimes absent. */
export function casePayment(
  run: AccountRun,
  c: CaseState | null,
  ms: number,
  amount: number,
  method?: string,
): void {
  if (amount <= 0) return; // docs/etl.md: a payment amount is > 0
  run.emit('payment', ms, {
    payment_id: run.nextId('PM'),
    account_id: run.accountId,
    case_id: c?.id,
    amount: fromCents(amount),
    method: method ?? run.rng.weighted(METHODS),
  });
}

/** Promise taken at `ms` on `day`; its payment (kept/partial/none) by the holder's team (planted effect). */
function promise(
  run: AccountRun,
  c: CaseState,
  state: AccountState,
  ms: number,
  day: number,
  dueDay: number,
  amount: number,
  forceKept: boolean,
): void {
  const r = run.rng;
  run.emit('promise_to_pay', ms + r.int(30, 180) * 1000, {
    ptp_id: run.nextId('P'),
    case_id: c.id,
    agent_id: c.holder.id,
    amount: fromCents(amount),
    due_on: dateString(dueDay),
  });
  c.busyUntilDay = dueDay + 5;
  if (forceKept) return; // the cure payment itself keeps it
  const kept = r.chance(KEPT_PROBABILITY[c.holder.team]);
  const partial = !kept && r.chance(PARTIAL_SHARE);
  if (!kept && !partial) return;
  const paid = kept ? amount : Math.max(1, Math.round(amount * r.uniform(0.3, 0.8)));
  const payDay = Math.max(day + 1, dueDay - r.int(0, 2));
  casePayment(run, c, run.at(payDay, r.int(720, 1140) + r.int(0, 59) / 60), paid);
  state.balance = Math.max(0, state.balance - paid);
}

/** One contact round on `day`: a voice attempt (maybe), other channels, maybe a promise; planted bursts. */
export function contactRound(
  run: AccountRun,
  c: CaseState,
  state: AccountState,
  day: number,
  bucket: number,
  firstOfMonth: boolean,
  opts: RoundOptions,
): void {
  const r = run.rng;
  const minute = r.int(600, 1230) + r.int(0, 59) / 60;
  const channels = roundChannels(run, c, bucket, firstOfMonth);
  const other = channels.other;
  let voice = channels.voice;
  if (opts.curePromise && (voice === null || voice === 'ivr')) voice = 'call';
  const plantNow = c.breach !== null && !c.breachDone && c.rounds >= 1 && c.monthsOpen === 0;
  let voiceMinute = minute;
  if (plantNow && c.breach === 'night') {
    voice = voice === 'field_visit' ? 'field_visit' : 'call';
    voiceMinute = r.chance(0.5)
      ? r.int(1335, 1424) + r.int(0, 59) / 60
      : r.int(360, 459) + r.int(0, 59) / 60;
  }
  other.forEach((ch, i) => otherAttempt(run, c, ch, run.at(day, minute - 20 - 7 * i)));
  if (voice !== null) {
    let outcome = r.weighted(OUTCOMES[voice]);
    // Planted hour-of-day RPC pattern: a normal round's call is placed by whether it
    // reaches the right party (side stream, so the main stream's draws do not move).
    const plantedNight = plantNow && c.breach === 'night';
    const rightParty = opts.curePromise !== undefined || outcome === 'right_party_contact';
    const ms = run.at(
      day,
      voice === 'call' && !plantedNight ? callMinute(run.side, rightParty) : voiceMinute,
    );
    const canPromise =
      voice !== 'ivr' && opts.allowPromise && day > c.busyUntilDay && day + 2 <= opts.lastDueDay;
    if (opts.curePromise) {
      voiceAttempt(run, c, voice, ms, 'promise_to_pay');
      promise(run, c, state, ms, day, opts.curePromise.dueDay, opts.curePromise.amount, true);
    } else if (outcome === 'right_party_contact' && canPromise && r.chance(PROMISE_SHARE)) {
      const due = Math.min(opts.lastDueDay, day + r.int(2, 10));
      const amount = Math.max(100, Math.round(amountDue(state) * r.uniform(0.3, 1)));
      voiceAttempt(run, c, voice, ms, 'promise_to_pay');
      promise(run, c, state, ms, day, due, amount, false);
    } else {
      if (outcome === 'right_party_contact') outcome = refineRpc(run);
      voiceAttempt(run, c, voice, ms, outcome);
    }
  }
  if (plantNow) plantBurst(run, c, day, opts.endDay);
  c.rounds++;
}

function burstCall(run: AccountRun, c: CaseState, day: number, minute: number): void {
  let outcome = run.rng.weighted(OUTCOMES.call);
  if (outcome === 'right_party_contact') outcome = refineRpc(run);
  voiceAttempt(run, c, 'call', run.at(day, minute + run.rng.int(0, 59) / 60), outcome);
}

/** Planted `day` and `week` bursts (the `night` call is placed by the round itself). */
function plantBurst(run: AccountRun, c: CaseState, day: number, endDay: number): void {
  c.breachDone = true;
  const r = run.rng;
  if (c.breach === 'day') {
    for (let k = 0; k < 7; k++) burstCall(run, c, day, 600 + 88 * k + r.int(0, 20));
  } else if (c.breach === 'week') {
    for (let d = day; d < Math.min(day + 6, endDay); d++) {
      burstCall(run, c, d, r.int(540, 700));
      burstCall(run, c, d, r.int(1100, 1250));
    }
  }
}
