/**
 * A finite Markov chain over named states (docs/metrics/loss-forecast.md):
 * a row-stochastic matrix from transition counts, and projections of a
 * distribution h steps ahead. Pure arithmetic, no database.
 */

export interface Chain<S extends string> {
  readonly states: readonly S[];
  /** p[i][j] = probability of moving from states[i] to states[j] in one step. */
  readonly p: readonly (readonly number[])[];
  /** States whose row had no observations and were kept in place (p[i][i] = 1). */
  readonly unobservedStates: readonly S[];
}

/**
 * Row-normalises transition counts. Absorbing states get p[i][i] = 1 whatever
 * the data say; a transient state with no observed transitions stays in place
 * (the neutral assumption: no evidence of movement), and is listed.
 */
export function chainFromCounts<S extends string>(
  states: readonly S[],
  counts: ReadonlyMap<S, ReadonlyMap<S, number>>,
  absorbing: readonly S[],
): Chain<S> {
  const unobservedStates: S[] = [];
  const p = states.map((from, i) => {
    const row = states.map(() => 0);
    const observed = counts.get(from);
    const total = observed ? [...observed.values()].reduce((s, n) => s + n, 0) : 0;
    if (absorbing.includes(from) || total === 0) {
      if (!absorbing.includes(from)) unobservedStates.push(from);
      row[i] = 1;
      return row;
    }
    states.forEach((to, j) => {
      row[j] = (observed?.get(to) ?? 0) / total;
    });
    return row;
  });
  return { states, p, unobservedStates };
}

/** One step: v' = v · P. */
export function step(v: readonly number[], p: readonly (readonly number[])[]): number[] {
  const out = v.map(() => 0);
  v.forEach((mass, i) => {
    const row = p[i]!;
    row.forEach((prob, j) => {
      out[j]! += mass * prob;
    });
  });
  return out;
}

/** v·P, v·P², …, v·Pʰ. */
export function project(
  v0: readonly number[],
  p: readonly (readonly number[])[],
  h: number,
): number[][] {
  const out: number[][] = [];
  let v = [...v0];
  for (let t = 0; t < h; t += 1) {
    v = step(v, p);
    out.push(v);
  }
  return out;
}
