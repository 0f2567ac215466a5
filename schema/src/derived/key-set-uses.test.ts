/**
 * Every key set names, in `uses`, the sets its SELECT reads from refresh_keys: the
 * refresh writes a set after those it uses (keys.ts keyLayers) and writes the sets
 * reading only event tables when it starts (index.ts eagerKeySets), so a set read but
 * not declared would be read before it is written — empty, and its table's rows
 * silently not refreshed.
 */
import { describe, expect, it } from 'vitest';
import { declaredKeySets, DERIVED_TABLES, eagerKeySets } from './index.ts';

/** The set names a SELECT reads: `kind = 'x'` and `kind IN ('x', 'y')` (keys.ts). */
function kindsRead(select: string): string[] {
  const names: string[] = [];
  for (const m of select.matchAll(/kind = '(\w+)'|kind IN \(([^)]*)\)/g)) {
    if (m[1]) names.push(m[1]);
    if (m[2]) for (const q of m[2].matchAll(/'(\w+)'/g)) names.push(q[1] as string);
  }
  return names;
}

describe('key sets', () => {
  const sets = declaredKeySets(DERIVED_TABLES);

  it('are found (the tables declare them)', () => {
    expect(sets.length).toBeGreaterThan(10);
  });

  it.each(sets.map((s) => [s.name, s] as const))('%s declares every set it reads', (_name, set) => {
    const declared = new Set((set.uses ?? []).map((u) => u.name));
    expect(kindsRead(set.select).filter((name) => !declared.has(name))).toEqual([]);
  });

  it('written when the refresh starts read no derived table', () => {
    const derived = DERIVED_TABLES.map((t) => t.name);
    for (const set of eagerKeySets(DERIVED_TABLES)) {
      const named = derived.filter((name) => new RegExp(`\\b${name}\\b`).test(set.select));
      expect({ set: set.name, named }).toEqual({ set: set.name, named: [] });
    }
  });
});
