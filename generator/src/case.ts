/**
 * Case lifecycle, one calendar month at a time: a case opens the day after the
 * month-end snapshot that shows the account delinquent, and each month decides
 * how the account moves (cure, settle, plan, roll, stay, charge-off) and
 * generates the contacts, promises, payments and legal steps that go with it.
 */
import { LEGAL_STAGES } from '@collections/schema/domain';
import {
  CHARGE_OFF,
  LATE_CURE,
  LEGAL_COST_CENTS,
  PLAN,
  PLAN_MISS,
  SEGMENT_CURE_FACTOR,
  SEGMENT_WEIGHTS,
  SETTLE,
  STAY,
} from './model.ts';
import {
  BREACH_CASE_SHARE,
  BREACH_KINDS,
  CHALLENGER,
  CHAMPION,
  EXPERIMENT,
  OTHER_STRATEGIES,
} from './planted.ts';
import { casePayment, contactRound, type CaseState } from './contacts.ts';
import { cureLogitShift, cureProbability } from './planted-intel.ts';
import {
  SNAPSHOT_MINUTE,
  amountDue,
  bucketIndex,
  fromCents,
  type AccountRun,
  type AccountState,
} from './run.ts';
import { dateString, dayOfMonth, daysInMonth, monthStartDay } from './time.ts';

const CURE_30: Readonly<Record<string, number>> = {
  [CHAMPION.strategy]: CHAMPION.cureProbability,
  [CHALLENGER.strategy]: CHALLENGER.cureProbability,
  ...OTHER_STRATEGIES,
};

/** Opens a case on the first day of month `mi` from the state of the previous month-end snapshot. */
export function openCase(run: AccountRun, state: AccountState, mi: number): CaseState {
  const r = run.rng;
  const day = monthStartDay(mi);
  const openMs = run.at(day, r.int(480, 569) + r.int(0, 59) / 60);
  const segment = r.weighted(SEGMENT_WEIGHTS);
  let strategy: string = 'late_stage_call';
  let arm: 'champion' | 'challenger' | undefined;
  if (bucketIndex(state.dpd) === 1) {
    if (segment === 'willing_unable') strategy = 'hardship_offer';
    else {
      arm = r.chance(0.5) ? 'champion' : 'challenger';
      strategy = arm === 'champion' ? CHAMPION.strategy : CHALLENGER.strategy;
    }
  }
  const id = run.nextId('CS');
  run.emit('case_opened', openMs, {
    case_id: id,
    account_id: run.accountId,
    strategy,
    experiment: arm ? EXPERIMENT : undefined,
    arm_role: arm,
    segment: r.chance(0.96) ? segment : undefined,
    entry_dpd: state.dpd,
    entry_balance: fromCents(state.balance),
  });
  const holder = r.pick(run.world.agents);
  run.emit('case_assigned', openMs + r.int(60, 600) * 1000, { case_id: id, agent_id: holder.id });
  return {
    id,
    openMs,
    strategy,
    segment,
    cureShift: cureLogitShift(run.grade, state.balance, run.priorCures),
    holder,
    monthsOpen: 0,
    rounds: 0,
    nextRoundDay: day,
    busyUntilDay: day - 1,
    plan: null,
    planTried: false,
    legal: 0,
    breach: r.chance(BREACH_CASE_SHARE) ? r.pick(BREACH_KINDS) : null,
    breachDone: false,
    voice: [],
  };
}

type Move = 'cure' | 'full' | 'settle' | 'plan' | 'onplan' | 'roll' | 'stay' | 'chargeoff';

function decide(run: AccountRun, c: CaseState, bucket: number): Move {
  const r = run.rng;
  if (c.plan) return 'onplan';
  if (
    c.monthsOpen === 0 &&
    r.chance(cureProbability(CURE_30[c.strategy] ?? 0, c.strategy, c.segment, c.cureShift))
  )
    return r.chance(0.1) ? 'full' : 'cure';
  if (c.monthsOpen === 0) return r.chance(STAY) ? 'stay' : 'roll';
  if (bucket >= 4 && r.chance(SETTLE)) return 'settle';
  if (r.chance((LATE_CURE[bucket] ?? 0) * SEGMENT_CURE_FACTOR[c.segment]))
    return r.chance(0.1) ? 'full' : 'cure';
  if (bucket === 7 && r.chance(CHARGE_OFF)) return 'chargeoff';
  if (bucket >= 2 && bucket <= 3 && !c.planTried && r.chance(PLAN)) return 'plan';
  return bucket < 7 && r.chance(STAY) ? 'stay' : 'roll';
}

function legalStep(run: AccountRun, c: CaseState, bucket: number, mi: number): void {
  if (bucket < 4 || c.legal < 0 || c.legal >= Math.min(bucket - 3, 4)) return;
  const r = run.rng;
  const action = LEGAL_STAGES[c.legal] as (typeof LEGAL_STAGES)[number];
  c.legal++;
  run.emit('legal_action', run.at(dayOfMonth(mi, 3), 660 + r.int(0, 60)), {
    case_id: c.id,
    action,
    cost: r.chance(0.9) ? fromCents(LEGAL_COST_CENTS[action]) : undefined,
  });
  if (action === 'filed' && r.chance(0.1)) {
    c.legal = -1;
    run.emit('legal_action', run.at(dayOfMonth(mi, 13), 660 + r.int(0, 60)), {
      case_id: c.id,
      action: 'withdrawn',
    });
  }
}

function close(run: AccountRun, c: CaseState, ms: number, outcome: string): void {
  run.emit('case_closed', ms, { case_id: c.id, outcome });
}

/**
 * Runs month `mi` of an open case. Mutates the account state to its month-end
 * value and returns whether the case is still open and the day of month on
 * which the account changed before month end (for mid-month snapshots), if any.
 */
export function caseMonth(
  run: AccountRun,
  c: CaseState,
  state: AccountState,
  mi: number,
): { open: boolean; changeDom: number | null } {
  const r = run.rng;
  const bucket = bucketIndex(state.dpd);
  const start = monthStartDay(mi);
  const dim = daysInMonth(mi);
  const end = start + dim - 1;
  const last = mi === run.world.endIdx;
  legalStep(run, c, bucket, mi);
  let move = decide(run, c, bucket);
  // A plan or settlement needs something to pay (docs/etl.md: total_amount > 0).
  if ((move === 'plan' && amountDue(state) < 100) || (move === 'settle' && state.balance < 100)) {
    move = 'roll';
  }
  // Day of the month's decisive event (cure payment, settlement or plan agreement).
  let eventDom = move === 'cure' || move === 'full' ? r.int(c.monthsOpen === 0 ? 2 : 5, 27) : 0;
  if (move === 'settle' || move === 'plan') eventDom = r.int(8, 18);
  if (eventDom > 0 && start + eventDom - 1 <= c.busyUntilDay) {
    eventDom = c.busyUntilDay - start + 2;
    if (eventDom > 27) move = 'roll';
  }
  const eventDay = start + eventDom - 1;
  const closing = move === 'cure' || move === 'full' || move === 'settle';
  const roundsEnd = eventDom > 0 && move !== 'roll' ? eventDay : end + 1;
  const due = amountDue(state);
  const payoff = move === 'full' ? state.balance : due;

  // Reassignment in the first month (before the rounds that follow it).
  const reassignDay = c.monthsOpen === 0 && r.chance(0.15) ? start + r.int(7, 20) : Infinity;
  let reassigned = false;

  // Contact rounds (none while on a plan: a reminder SMS instead).
  if (move === 'onplan') {
    run.emit('contact_attempt', run.at(dayOfMonth(mi, 20), 600 + r.int(0, 120)), {
      case_id: c.id,
      channel: 'sms',
      outcome: r.weighted([
        ['delivered', 0.9],
        ['failed', 0.1],
      ] as const),
      cost: 0.04,
    });
  } else {
    const days: number[] = [];
    let d = Math.max(c.nextRoundDay, start);
    for (; d < roundsEnd; d += r.int(2, 4)) days.push(d);
    c.nextRoundDay = Math.max(d, end + 1);
    const curePromiseAt =
      closing && move !== 'settle' && days.length > 0 && r.chance(0.5) ? days.length - 1 : -1;
    days.forEach((day, i) => {
      if (!reassigned && day >= reassignDay) {
        reassigned = true;
        const others = run.world.agents.filter((a) => a.id !== c.holder.id);
        if (others.length > 0) {
          c.holder = r.pick(others);
          run.emit('case_assigned', run.at(day, 540 + r.int(0, 50)), {
            case_id: c.id,
            agent_id: c.holder.id,
          });
        }
      }
      contactRound(run, c, state, day, bucket, i === 0, {
        allowPromise: !closing && move !== 'plan' && move !== 'chargeoff',
        lastDueDay: last ? end + 10 : end - 1,
        endDay: roundsEnd,
        curePromise: i === curePromiseAt ? { dueDay: eventDay, amount: payoff } : undefined,
      });
    });
  }

  const snapshotMs = run.at(end, SNAPSHOT_MINUTE);
  const fee = Math.round(state.balance * 0.015);
  let open = true;
  switch (move) {
    case 'cure':
    case 'full': {
      const ms = run.at(eventDay, r.int(840, 1200) + r.int(0, 59) / 60);
      casePayment(run, c, ms, payoff);
      close(run, c, ms + r.int(5, 120) * 60_000, move === 'full' ? 'paid_in_full' : 'cured');
      state.balance -= payoff;
      state.dpd = 0;
      if (move === 'full' || state.balance <= 0) state.status = 'closed';
      run.priorCures++;
      open = false;
      break;
    }
    case 'settle':
    case 'plan': {
      const agreed = run.at(eventDay, r.int(600, 960) + r.int(0, 59) / 60);
      contactRound(run, c, state, eventDay, bucket, false, {
        allowPromise: false,
        lastDueDay: 0,
        endDay: eventDay + 1,
      });
      const settle = move === 'settle';
      const total = settle
        ? Math.round(state.balance * r.uniform(0.5, 0.7))
        : Math.round(due * r.uniform(1, 1.3));
      const installments = settle ? 1 : r.int(3, 6);
      const firstDue = settle ? eventDay + 7 : dayOfMonth(mi + 1, 27);
      const planId = run.nextId('PL');
      run.emit('payment_plan', agreed + 3_600_000, {
        plan_id: planId,
        case_id: c.id,
        kind: settle ? 'settlement' : c.segment === 'willing_unable' ? 'hardship' : 'installment',
        installments,
        total_amount: fromCents(total),
        first_due_on: dateString(firstDue),
      });
      c.planTried = true;
      if (settle) {
        const ms = run.at(firstDue, 780 + r.int(0, 60));
        casePayment(run, c, ms, total, 'bank_transfer');
        close(run, c, ms + 3_600_000, 'settled');
        state.status = 'closed';
        state.balance = 0;
        state.dpd = 0;
        open = false;
      } else {
        c.plan = {
          id: planId,
          left: installments,
          each: Math.ceil(total / installments),
          total,
          paid: 0,
        };
        state.balance += fee;
      }
      break;
    }
    case 'onplan': {
      const plan = c.plan as NonNullable<CaseState['plan']>;
      if (r.chance(PLAN_MISS)) {
        c.plan = null;
        state.dpd += 30;
        state.balance += fee;
        break;
      }
      const amount = plan.left === 1 ? plan.total - plan.paid : plan.each;
      const ms = run.at(dayOfMonth(mi, 27), 720 + r.int(0, 60));
      casePayment(run, c, ms, amount, 'auto_debit');
      plan.paid += amount;
      plan.left--;
      state.balance = Math.max(0, state.balance - amount);
      if (plan.left === 0) {
        close(run, c, ms + 3_600_000, 'plan_completed');
        state.dpd = 0;
        open = false;
      }
      break;
    }
    case 'chargeoff': {
      state.status = 'charged_off';
      const outcome =
        c.legal === 4 && r.chance(0.5)
          ? 'legal_closed'
          : r.weighted([
              ['charged_off', 0.7],
              ['written_off', 0.15],
              ['uncollectible', 0.15],
            ] as const);
      close(run, c, snapshotMs + r.int(5, 25) * 60_000, outcome);
      open = false;
      break;
    }
    case 'stay':
    case 'roll':
      if (move === 'roll') state.dpd += 30;
      state.balance += fee;
      if (
        c.legal === 4 &&
        state.balance >= 1_000 &&
        r.chance(0.3) &&
        dayOfMonth(mi, 25) > c.busyUntilDay
      ) {
        const amount = Math.max(100, Math.round(state.balance * r.uniform(0.05, 0.2)));
        casePayment(
          run,
          c,
          run.at(dayOfMonth(mi, 25), 900 + r.int(0, 60)),
          amount,
          'legal_recovery',
        );
        state.balance -= amount;
      }
      break;
  }
  c.monthsOpen++;
  return { open, changeDom: closing || move === 'plan' ? eventDom : null };
}
