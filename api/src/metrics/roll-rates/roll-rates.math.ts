/**
 * Pure roll-rate arithmetic (docs/metrics/roll-rates.md): transition counts in, rates
 * out. Unobserved accounts (no state in the following month) are reported apart
 * and never enter a denominator. Zero denominators give 0 for non-nullable
 * rates and null for nullable ones (docs/metrics/README.md#zero-denominators).
 */
import { BUCKETS, bucketRank, type Bucket } from '@collections/schema';
import type { TransitionRow } from '../../sql/transitions.ts';
import { cents, rateOrZero as ratio } from '../../stats/ratios.ts';

export interface Transition {
  from: Bucket;
  to: Bucket;
  accounts: number;
  balance: number;
  accountRate: number;
  balanceRate: number;
}

export interface BucketFlow {
  bucket: Bucket;
  /** Accounts in the bucket with a state in the following month (the denominator). */
  accounts: number;
  balance: number;
  unobserved: number;
  rollForwardRate: number | null;
  cureRate: number | null;
  paidOffRate: number;
  rollForwardBalanceRate: number | null;
  cureBalanceRate: number | null;
  paidOffBalanceRate: number;
}

export interface Matrix {
  transitions: Transition[];
  flows: BucketFlow[];
  unobserved: number;
  unobservedBalance: number;
}

const ORDER = new Map<string, number>(BUCKETS.map((b, i) => [b, i]));

function isBucket(value: string): value is Bucket {
  return ORDER.has(value);
}

/** Rates for one set of transition rows (one month, or several pooled by summing). */
export function buildMatrix(rows: readonly TransitionRow[]): Matrix {
  const cells = new Map<string, { from: Bucket; to: Bucket; accounts: number; balance: number }>();
  const origin = new Map<Bucket, { accounts: number; balance: number; unobserved: number }>();
  let unobserved = 0;
  let unobservedBalance = 0;
  for (const row of rows) {
    if (!isBucket(row.from)) continue;
    const accounts = Number(row.accounts);
    const balance = Number(row.balance);
    const o = origin.get(row.from) ?? { accounts: 0, balance: 0, unobserved: 0 };
    origin.set(row.from, o);
    if (!isBucket(row.to)) {
      o.unobserved += accounts;
      unobserved += accounts;
      unobservedBalance += balance;
      continue;
    }
    o.accounts += accounts;
    o.balance += balance;
    const key = `${row.from}>${row.to}`;
    const cell = cells.get(key) ?? { from: row.from, to: row.to, accounts: 0, balance: 0 };
    cell.accounts += accounts;
    cell.balance += balance;
    cells.set(key, cell);
  }

  const transitions = [...cells.values()]
    .sort((a, b) => ORDER.get(a.from)! - ORDER.get(b.from)! || ORDER.get(a.to)! - ORDER.get(b.to)!)
    .map((c) => {
      const o = origin.get(c.from)!;
      return {
        from: c.from,
        to: c.to,
        accounts: c.accounts,
        balance: cents(c.balance),
        accountRate: ratio(c.accounts, o.accounts),
        balanceRate: ratio(c.balance, o.balance),
      };
    });

  const flows = BUCKETS.filter((b) => origin.has(b)).map((bucket) => {
    const o = origin.get(bucket)!;
    const rank = bucketRank(bucket);
    const out = transitions.filter((t) => t.from === bucket);
    const sum = (pick: (t: Transition) => boolean, key: 'accounts' | 'balance') =>
      out.filter(pick).reduce((s, t) => s + t[key], 0);
    const worse = (t: Transition) => {
      const r = bucketRank(t.to);
      return rank !== null && r !== null && r > rank;
    };
    const toM0 = (t: Transition) => t.to === 'M0';
    const toClosed = (t: Transition) => t.to === 'CLOSED';
    const nullIf = (cond: boolean, value: number) => (cond ? null : value);
    return {
      bucket,
      accounts: o.accounts,
      balance: cents(o.balance),
      unobserved: o.unobserved,
      rollForwardRate: nullIf(
        rank === null || o.accounts === 0,
        ratio(sum(worse, 'accounts'), o.accounts),
      ),
      cureRate: nullIf(
        bucket === 'M0' || o.accounts === 0,
        ratio(sum(toM0, 'accounts'), o.accounts),
      ),
      paidOffRate: ratio(sum(toClosed, 'accounts'), o.accounts),
      rollForwardBalanceRate: nullIf(
        rank === null || o.balance === 0,
        ratio(sum(worse, 'balance'), o.balance),
      ),
      cureBalanceRate: nullIf(
        bucket === 'M0' || o.balance === 0,
        ratio(sum(toM0, 'balance'), o.balance),
      ),
      paidOffBalanceRate: ratio(sum(toClosed, 'balance'), o.balance),
    };
  });

  return { transitions, flows, unobserved, unobservedBalance: cents(unobservedBalance) };
}

/** Every month `YYYY-MM` from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) return out;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

export interface RollRateReportData {
  months: (Matrix & { month: string })[];
  pooled: Matrix;
}

/** The report: one matrix per origin month (empty months included) and the pooled one. */
export function buildReport(
  rows: readonly TransitionRow[],
  fromMonth: string,
  toMonth: string,
): RollRateReportData {
  const byMonth = new Map<string, TransitionRow[]>();
  for (const row of rows) {
    const list = byMonth.get(row.ym ?? '') ?? [];
    list.push(row);
    byMonth.set(row.ym ?? '', list);
  }
  return {
    months: monthsBetween(fromMonth, toMonth).map((month) => ({
      month,
      ...buildMatrix(byMonth.get(month) ?? []),
    })),
    pooled: buildMatrix(rows),
  };
}
