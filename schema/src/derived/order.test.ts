import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DERIVED_TABLES } from './index.ts';
import { refreshOrder } from './order.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The source of a table's module: account_month → account-month/index.ts. */
const source = (name: string) =>
  readFileSync(path.join(here, name.replaceAll('_', '-'), 'index.ts'), 'utf8');

describe('the derived tables’ refresh order', () => {
  it('is the same for any order of the declarations', () => {
    const names = DERIVED_TABLES.map((t) => t.name);
    let seed = 7;
    for (let round = 0; round < 20; round += 1) {
      const shuffled = [...DERIVED_TABLES];
      for (let i = shuffled.length - 1; i > 0; i -= 1) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const j = seed % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      expect(refreshOrder(shuffled).map((t) => t.name)).toEqual(names);
    }
  });

  it('puts every table after the tables it declares it reads', () => {
    const position = new Map(DERIVED_TABLES.map((t, i) => [t.name, i]));
    for (const table of DERIVED_TABLES)
      for (const dep of table.after ?? [])
        expect(position.get(dep), `${table.name} after ${dep}`).toBeLessThan(
          position.get(table.name)!,
        );
  });

  it('has every table declare the derived tables its SQL reads', () => {
    const names = DERIVED_TABLES.map((t) => t.name);
    for (const table of DERIVED_TABLES) {
      const text = source(table.name);
      const read = names.filter(
        (other) => other !== table.name && new RegExp(`\\b(FROM|JOIN)\\s+${other}\\b`).test(text),
      );
      expect([...(table.after ?? [])].sort(), table.name).toEqual(read.sort());
    }
  });

  it('refuses a cycle and a read of an undeclared table', () => {
    expect(() =>
      refreshOrder([
        { name: 'a', after: ['b'] },
        { name: 'b', after: ['a'] },
      ]),
    ).toThrow(/read each other/);
    expect(() => refreshOrder([{ name: 'a', after: ['z'] }])).toThrow(/not declared/);
  });
});
