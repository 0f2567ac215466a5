/**
 * docs/metrics/loss-forecast.md: the pooled count-basis matrix as a Markov
 * chain (CHARGED_OFF and CLOSED absorbing) applied to the latest month-end
 * counts and balances. Balances move with their accounts (each bucket's balance
 * follows the count matrix), so no balance is created or destroyed; expected
 * charge-offs in a month are the growth of the CHARGED_OFF bucket.
 */
import { BUCKETS, type Bucket } from '@collections/schema';
import { cents } from '../../stats/ratios.ts';
import { addMonths } from '../../sql/period.ts';
import { chainFromCounts, project } from './markov.ts';
import type { ForecastInputRow } from './loss-forecast.sql.ts';

const ABSORBING: readonly Bucket[] = ['CHARGED_OFF', 'CLOSED'];
const CO = BUCKETS.indexOf('CHARGED_OFF');

export interface BucketAmount {
  bucket: Bucket;
  accounts: number;
  balance: number;
}

export interface ForecastMonth {
  month: string;
  buckets: BucketAmount[];
  chargeOffs: number;
  chargeOffBalance: number;
}

export interface Forecast {
  baseMonth: string | null;
  lookbackFrom: string | null;
  lookbackTo: string | null;
  matrix: { from: Bucket; to: Bucket; probability: number }[];
  unobservedBuckets: Bucket[];
  start: BucketAmount[];
  months: ForecastMonth[];
  expectedChargeOffs: number;
  expectedChargeOffBalance: number;
}

const isBucket = (s: string): s is Bucket => (BUCKETS as readonly string[]).includes(s);

export function buildForecast(
  rows: readonly ForecastInputRow[],
  horizon: number,
  lookbackMonths: number,
): Forecast {
  const baseMonth = rows.find((r) => r.base)?.base ?? null;
  const counts = new Map<Bucket, Map<Bucket, number>>();
  const accounts = BUCKETS.map(() => 0);
  const balances = BUCKETS.map(() => 0);
  for (const row of rows) {
    if (!isBucket(row.from)) continue;
    if (row.kind === 'D') {
      accounts[BUCKETS.indexOf(row.from)] = Number(row.accounts);
      balances[BUCKETS.indexOf(row.from)] = Number(row.balance);
    } else if (isBucket(row.to)) {
      const m = counts.get(row.from) ?? new Map<Bucket, number>();
      m.set(row.to, (m.get(row.to) ?? 0) + Number(row.accounts));
      counts.set(row.from, m);
    }
  }
  const chain = chainFromCounts(BUCKETS, counts, ABSORBING);
  const amounts = (a: readonly number[], b: readonly number[]): BucketAmount[] =>
    BUCKETS.map((bucket, i) => ({ bucket, accounts: a[i]!, balance: cents(b[i]!) }));

  if (!baseMonth)
    return {
      baseMonth: null,
      lookbackFrom: null,
      lookbackTo: null,
      matrix: [],
      unobservedBuckets: [],
      start: [],
      months: [],
      expectedChargeOffs: 0,
      expectedChargeOffBalance: 0,
    };

  const countPath = project(accounts, chain.p, horizon);
  const balancePath = project(balances, chain.p, horizon);
  let prevCount = accounts[CO]!;
  let prevBalance = balances[CO]!;
  const months = countPath.map((v, t) => {
    const b = balancePath[t]!;
    const month: ForecastMonth = {
      month: addMonths(baseMonth, t + 1),
      buckets: amounts(v, b),
      chargeOffs: v[CO]! - prevCount,
      chargeOffBalance: cents(b[CO]! - prevBalance),
    };
    prevCount = v[CO]!;
    prevBalance = b[CO]!;
    return month;
  });

  return {
    baseMonth,
    lookbackFrom: addMonths(baseMonth, -lookbackMonths),
    lookbackTo: addMonths(baseMonth, -1),
    matrix: BUCKETS.flatMap((from, i) =>
      BUCKETS.map((to, j) => ({ from, to, probability: chain.p[i]![j]! })).filter(
        (cell) => cell.probability > 0,
      ),
    ),
    unobservedBuckets: [...chain.unobservedStates],
    start: amounts(accounts, balances),
    months,
    expectedChargeOffs: prevCount - accounts[CO]!,
    expectedChargeOffBalance: cents(prevBalance - balances[CO]!),
  };
}
