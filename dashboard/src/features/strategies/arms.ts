/** Strategy comparison chart math (docs/metrics/strategy-comparison.md): interval bars and the champion first. */
export interface ArmLike {
  strategy: string;
  cureRate: number;
  cureRateCI: { low: number; high: number };
}

export interface IntervalBar {
  strategy: string;
  rate: number;
  low: number;
  high: number;
  /** [below, above] distances for an error bar centred on `rate`. */
  error: [number, number];
  champion: boolean;
}

export function intervalBars(arms: readonly ArmLike[], champion: string): IntervalBar[] {
  return [...arms]
    .sort((a, b) =>
      a.strategy === champion
        ? -1
        : b.strategy === champion
          ? 1
          : a.strategy.localeCompare(b.strategy),
    )
    .map((a) => ({
      strategy: a.strategy,
      rate: a.cureRate,
      low: a.cureRateCI.low,
      high: a.cureRateCI.high,
      error: [
        Math.max(0, a.cureRate - a.cureRateCI.low),
        Math.max(0, a.cureRateCI.high - a.cureRate),
      ],
      champion: a.strategy === champion,
    }));
}

/** Axis maximum: the highest interval end rounded up to 5 points, at least 10 %. */
export function rateAxisMax(bars: readonly IntervalBar[]): number {
  const top = Math.max(0.1, ...bars.map((b) => b.high));
  return Math.min(1, Math.ceil(top * 20) / 20);
}
