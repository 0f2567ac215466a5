import { describe, expect, it } from 'vitest';
import { chainFromCounts, project, step } from './markov.ts';

type S = 'A' | 'B' | 'D';
const states: S[] = ['A', 'B', 'D'];

describe('Markov chain (pure)', () => {
  // Counts: A→A 8, A→B 2; B→A 3, B→B 5, B→D 2; D (absorbing) observed going to A once, ignored.
  const counts = new Map<S, Map<S, number>>([
    [
      'A',
      new Map<S, number>([
        ['A', 8],
        ['B', 2],
      ]),
    ],
    [
      'B',
      new Map<S, number>([
        ['A', 3],
        ['B', 5],
        ['D', 2],
      ]),
    ],
    ['D', new Map<S, number>([['A', 1]])],
  ]);
  const chain = chainFromCounts(states, counts, ['D']);

  it('row-normalises counts and makes absorbing rows identity', () => {
    expect(chain.p).toEqual([
      [0.8, 0.2, 0],
      [0.3, 0.5, 0.2],
      [0, 0, 1],
    ]);
    expect(chain.unobservedStates).toEqual([]);
  });

  it('projects a distribution two steps ahead (worked by hand)', () => {
    // v0 = (100, 50, 0)
    // v1: A = 100·0.8 + 50·0.3 = 95; B = 100·0.2 + 50·0.5 = 45; D = 50·0.2 = 10
    // v2: A = 95·0.8 + 45·0.3 = 89.5; B = 95·0.2 + 45·0.5 = 41.5; D = 10 + 45·0.2 = 19
    const [v1, v2] = project([100, 50, 0], chain.p, 2);
    expect(v1![0]).toBeCloseTo(95, 12);
    expect(v1![1]).toBeCloseTo(45, 12);
    expect(v1![2]).toBeCloseTo(10, 12);
    expect(v2![0]).toBeCloseTo(89.5, 12);
    expect(v2![1]).toBeCloseTo(41.5, 12);
    expect(v2![2]).toBeCloseTo(19, 12);
  });

  it('conserves mass and never loses absorbed mass', () => {
    let v = [100, 50, 0];
    for (let t = 0; t < 24; t += 1) {
      const next = step(v, chain.p);
      expect(next.reduce((s, x) => s + x, 0)).toBeCloseTo(150, 9);
      expect(next[2]).toBeGreaterThanOrEqual(v[2]!);
      v = next;
    }
  });

  it('keeps a transient state without observations in place, and says so', () => {
    const sparse = chainFromCounts(states, new Map([['A', new Map<S, number>([['B', 1]])]]), ['D']);
    expect(sparse.p[1]).toEqual([0, 1, 0]);
    expect(sparse.unobservedStates).toEqual(['B']);
  });
});
