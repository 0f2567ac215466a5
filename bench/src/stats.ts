/** Timing summaries: median and range of a sample (pure, unit-tested). */
export interface Summary {
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, median: median(sorted), min: sorted[0]!, max: sorted.at(-1)! };
}

/** The median of a sample (the mean of the middle two for an even count; NaN when empty). */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The order of measurements: `warmup` rounds then `runs` rounds; each round
 * visits every query on every target, so that drift (other load on the box,
 * caches warming) hits all engines alike instead of whichever runs last.
 */
export function schedule<Q, T>(
  queries: readonly Q[],
  targets: readonly T[],
  warmup: number,
  runs: number,
): { query: Q; target: T; warm: boolean }[] {
  const out: { query: Q; target: T; warm: boolean }[] = [];
  for (let round = 0; round < warmup + runs; round++)
    for (const query of queries)
      for (const target of targets) out.push({ query, target, warm: round < warmup });
  return out;
}
