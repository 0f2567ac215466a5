/** Benchmark arguments from the data's range (pure, unit-tested). */
import type { BenchArgs } from './metrics/types.ts';
import type { DataRange } from './protocol.ts';

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 10);
}

/**
 * rollRates: up to 24 origin months ending with the month before the last one
 * (each origin needs the month after it); the year-long queries: the 365 days
 * ending on the as-of date; loss forecast: the last 6 origin months.
 */
export function benchArgs(range: DataRange): BenchArgs {
  const toMonth = addMonths(range.lastMonth, -1);
  const from24 = addMonths(toMonth, -23);
  const fromMonth = from24 < range.firstMonth ? range.firstMonth : from24;
  const to = range.asOfDate;
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return {
    fromMonth,
    toMonth,
    from,
    to,
    experiment: range.experiment,
    cureWithinDays: 30,
    maxDays: 90,
    forecastMonths: 6,
    graceDays: 3,
  };
}
