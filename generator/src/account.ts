/**
 * One account over the whole window: its opening, a month-end snapshot every
 * month (some mid-month ones, rarely a missing month), the Markov walk of its
 * delinquency bucket, and a case whenever a month-end finds it delinquent.
 */
import { caseMonth, openCase } from './case.ts';
import type { CaseState } from './contacts.ts';
import { breaches } from './compliance.ts';
import {
  DOMESTIC_OFFSETS,
  FIRST_NAMES,
  INITIAL_BUCKETS,
  LAST_NAMES,
  M0_PAYOFF,
  M0_TO_M1,
  OVERSEAS_OFFSETS,
  PORTFOLIOS,
  PRODUCTS,
  REGIONS,
  RISK_GRADES,
} from './model.ts';
import {
  AccountRun,
  SNAPSHOT_MINUTE,
  amountDue,
  fromCents,
  type AccountState,
  type GeneratedEvent,
  type World,
} from './run.ts';
import { dateString, dayOfMonth, daysInMonth, localDay, monthStartDay } from './time.ts';

export interface AccountOutput {
  /** Events in generation order, up to the data's last day. */
  readonly events: readonly GeneratedEvent[];
  /** event_ids of this account's contact attempts that break a compliance rule. */
  readonly breaches: readonly string[];
}

/** Opens the account: dimensions, PII, opening date; returns its initial state and first month. */
function openAccount(run: AccountRun): {
  state: AccountState;
  firstIdx: number;
  gradeFactor: number;
} {
  const r = run.rng;
  const { startIdx, endIdx } = run.world;
  const [product, , minP, maxP, term] = r.weighted(PRODUCTS.map((p) => [p, p[1]] as const));
  const [grade, , gradeFactor] = r.weighted(RISK_GRADES.map((g) => [g, g[1]] as const));
  run.grade = grade;
  const region = r.weighted(REGIONS.map((x) => [x, x === 'overseas' ? 0.04 : 0.192] as const));
  run.offset = r.weighted(region === 'overseas' ? OVERSEAS_OFFSETS : DOMESTIC_OFFSETS);
  const portfolio = product === 'sme_loan' ? 'sme' : r.pick(PORTFOLIOS.slice(0, 3));
  const openIdx = r.chance(0.8) ? startIdx - r.int(1, 48) : r.int(startIdx, endIdx);
  const openDay = dayOfMonth(openIdx, r.int(1, 28));
  const principal = Math.round(r.uniform(minP, maxP)) * 100;
  const n = run.index;
  run.emit('account_opened', run.at(openDay, r.int(540, 1080)), {
    account_id: run.accountId,
    customer_id: `CUST${String(n * 7 + 3).padStart(9, '0')}`,
    product,
    portfolio,
    region,
    opened_on: dateString(openDay),
    principal: fromCents(principal),
    risk_grade: r.chance(0.95) ? grade : undefined,
    utc_offset_minutes: run.offset !== 480 || r.chance(0.3) ? run.offset : undefined,
    customer_name: r.chance(0.9) ? `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}` : undefined,
    phone: r.chance(0.85)
      ? `+86 13${r.int(0, 9)} ${r.int(1000, 9999)} ${r.int(1000, 9999)}`
      : undefined,
    national_id: r.chance(0.7)
      ? `${r.int(110000, 659999)}19${r.int(50, 99)}${r.int(1000, 1228)}${r.int(1000, 9999)}`
      : undefined,
  });
  const onBook = Math.max(0, startIdx - openIdx);
  const revolving = term === 0;
  const balance = revolving
    ? Math.round(principal * r.uniform(0.2, 0.9))
    : Math.round(principal * Math.max(0.1, 1 - onBook / term));
  const installment = revolving
    ? Math.max(10_000, Math.round(balance * 0.05))
    : Math.round((principal * 1.08) / term);
  let dpd = 0;
  if (openIdx < startIdx) {
    const bucket = r.weighted(
      INITIAL_BUCKETS.map((w, i) => [i, i === 0 ? w : w * gradeFactor] as const),
    );
    if (bucket > 0) dpd = (bucket - 1) * 30 + r.int(1, 28) + (bucket === 7 ? 30 * r.int(0, 3) : 0);
  }
  return {
    state: { status: 'open', dpd, balance, installment },
    firstIdx: Math.max(startIdx, openIdx),
    gradeFactor,
  };
}

/** A month of a current account without a case: amortise, pay off, or fall 1–30 days behind. */
function currentMonth(
  run: AccountRun,
  state: AccountState,
  mi: number,
  gradeFactor: number,
): number | null {
  const r = run.rng;
  if (r.chance(M0_PAYOFF) || state.balance <= state.installment) {
    const dom = r.int(3, 27);
    const paid = state.balance;
    if (paid > 0) {
      run.emit('payment', run.at(dayOfMonth(mi, dom), r.int(600, 1200)), {
        payment_id: run.nextId('PM'),
        account_id: run.accountId,
        amount: fromCents(paid),
        method: r.pick(['bank_transfer', 'auto_debit']),
      });
    }
    state.status = 'closed';
    state.balance = 0;
    return dom;
  }
  if (r.chance(0.01) && state.balance >= 1_000) {
    // An ad-hoc extra payment from a current customer: a payment without a case.
    const paid = Math.max(100, Math.round(state.balance * r.uniform(0.05, 0.2)));
    run.emit('payment', run.at(dayOfMonth(mi, r.int(1, 28)), r.int(600, 1200)), {
      payment_id: run.nextId('PM'),
      account_id: run.accountId,
      amount: fromCents(paid),
      method: 'app',
    });
    state.balance -= paid;
  }
  state.balance = Math.max(0, state.balance - state.installment);
  if (r.chance(M0_TO_M1 * gradeFactor)) {
    state.dpd = r.int(1, 28);
    state.balance += state.installment;
  }
  return null;
}

function snapshot(
  run: AccountRun,
  day: number,
  minute: number,
  state: AccountState,
  dpd: number,
): void {
  run.emit('account_snapshot', run.at(day, minute), {
    account_id: run.accountId,
    as_of: dateString(day),
    dpd,
    balance: fromCents(state.balance),
    amount_due: fromCents(amountDue({ ...state, dpd })),
    status: state.status,
  });
}

export function simulateAccount(world: World, index: number): AccountOutput {
  const run = new AccountRun(world, index);
  const r = run.rng;
  const { state, firstIdx, gradeFactor } = openAccount(run);
  const cases: CaseState[] = [];
  let current: CaseState | null = null;
  for (let mi = firstIdx; mi <= world.endIdx; mi++) {
    const prev = { ...state };
    let changeDom: number | null = null;
    if (mi > firstIdx && state.status === 'open') {
      if (current) {
        const res = caseMonth(run, current, state, mi);
        changeDom = res.changeDom;
        if (!res.open) current = null;
      } else {
        changeDom = currentMonth(run, state, mi, gradeFactor);
      }
    }
    const end = monthStartDay(mi) + daysInMonth(mi) - 1;
    // Some mid-month snapshots (15th), only when nothing changed before then.
    if (
      mi > firstIdx &&
      prev.status === 'open' &&
      (changeDom === null || changeDom > 15) &&
      r.chance(0.04)
    ) {
      const shift = daysInMonth(mi) - 15;
      const dpd = prev.dpd > 0 ? prev.dpd + 15 : Math.max(0, state.dpd - shift);
      snapshot(run, dayOfMonth(mi, 15), SNAPSHOT_MINUTE, prev, dpd);
    }
    // Rarely a month-end snapshot is missing (docs/metrics/README.md: the account is unobserved that month).
    if (!(mi > firstIdx && state.status === 'open' && r.chance(0.005))) {
      snapshot(run, end, SNAPSHOT_MINUTE, state, state.status === 'closed' ? 0 : state.dpd);
    }
    if (state.status === 'open' && state.dpd > 0 && !current && mi < world.endIdx) {
      current = openCase(run, state, mi + 1);
      cases.push(current);
    }
  }
  const events = run.events.filter((e) => e.day <= world.lastDay);
  const breached = cases.flatMap((c) =>
    breaches(
      c.voice.filter((v) => localDay(v.ms, run.offset) <= world.lastDay),
      run.offset,
    ),
  );
  return { events, breaches: breached };
}
