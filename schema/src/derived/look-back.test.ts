import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DERIVED_TABLES } from './index.ts';
import {
  lookAheadSql,
  lookBackDays,
  lookBackLabel,
  lookBackMs,
  lookBackSql,
  type LookBack,
} from './look-back.ts';

const ETL_DOC = new URL('../../../docs/etl.md', import.meta.url);

/** docs/etl.md's "Bounded in time" table: each row's table names and look-back cell. */
function docLookBacks(): Map<string, string> {
  const lines = readFileSync(ETL_DOC, 'utf8').split('\n');
  const header = lines.findIndex((l) => /^\| table\b.*\| look-back\s*\|$/.test(l));
  expect(header, 'docs/etl.md has a table with a look-back column').toBeGreaterThan(-1);
  const cells = (l: string) =>
    l
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
  const column = cells(lines[header] ?? '').indexOf('look-back');
  const rows = new Map<string, string>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const row = cells(line);
    for (const name of (row[0] ?? '').split(',')) rows.set(name.trim(), row[column] ?? '');
  }
  return rows;
}

describe('look-back declarations', () => {
  it("docs/etl.md's look-back column states every derived table's declared look-back", () => {
    const documented = docLookBacks();
    const declared = new Map(DERIVED_TABLES.map((t) => [t.name, lookBackLabel(t.lookBack)]));
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(declared));
  });

  it('covers what the metric definitions need (the property test places its late events by these, not by the declarations)', () => {
    const of = (name: string) => {
      const table = DERIVED_TABLES.find((t) => t.name === name);
      if (!table) throw new Error(`no derived table ${name}`);
      return table.lookBack;
    };
    // the compliance 7-day count (docs/metrics/compliance.md): 7 × 24 h before an attempt
    expect(lookBackMs(of('voice_attempts'), 'window')).toBe(7 * 24 * 3_600_000);
    // a cure's relapse window starts the day before its closure day (post-cure-relapse.md)
    expect(lookBackDays(of('case_dims'))).toBe(1);
  });

  it('renders the SQL bounds from the declared numbers', () => {
    const week: LookBack = { kind: 'hours', hours: 168, slackHours: 24, why: 'w' };
    // 168 h window + 24 h slack = 192 h read back and ahead; the window alone 168 h
    expect(lookBackSql(week, 'x')).toBe('x - toIntervalHour(192)');
    expect(lookAheadSql(week, 'x')).toBe('x + toIntervalHour(192)');
    expect(lookBackMs(week)).toBe(192 * 3_600_000);
    expect(lookBackMs(week, 'window')).toBe(168 * 3_600_000);
    expect(lookBackSql({ kind: 'months', months: 1, why: 'm' }, 'min(day)')).toBe(
      'addMonths(toStartOfMonth(min(day)), -1)',
    );
    expect(lookBackSql({ kind: 'days', days: 1, before: 'c', why: 'd' }, 'c.u')).toBe(
      'addDays(c.u, -1)',
    );
    expect(lookBackDays({ kind: 'days', days: 1, before: 'c', why: 'd' })).toBe(1);
    expect(() => lookBackSql({ kind: 'none', why: 'n' }, 'x')).toThrow(/no SQL bound/);
    expect(() => lookBackMs({ kind: 'months', months: 1, why: 'm' })).toThrow(/not a duration/);
  });
});
