import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketOf, bucketSql } from './domain.ts';
import { queryRows } from './db.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { EVENT_INDEX, EVENT_TABLES, LOAD_LEDGER, QUARANTINE, SCHEMA_MIGRATIONS } from './tables.ts';
import { openTempDb, type TempDb } from './testing.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb({ migrate: false });
});
afterAll(() => db.dispose());

describe('migrate on a fresh embedded database', () => {
  it('creates every table and records each migration', async () => {
    const first = await migrate(db);
    expect(first.applied.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));

    const tables = await queryRows<{ name: string }>(
      db,
      'SELECT name FROM system.tables WHERE database = currentDatabase()',
    );
    const names = tables.map((t) => t.name).sort();
    const expected = [
      ...Object.values(EVENT_TABLES),
      EVENT_INDEX,
      QUARANTINE,
      LOAD_LEDGER,
      SCHEMA_MIGRATIONS,
    ]
      .map((t) => t.name)
      .sort();
    expect(names).toEqual(expect.arrayContaining(expected));
  });

  it('is a no-op the second time', async () => {
    const again = await migrate(db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(MIGRATIONS.length);
    const rows = await queryRows<{ n: string }>(db, 'SELECT count() AS n FROM schema_migrations');
    expect(Number(rows[0]?.n)).toBe(MIGRATIONS.length);
  });

  it('stores amounts exactly and instants in UTC with milliseconds', async () => {
    const cols = await queryRows<{ name: string; type: string }>(
      db,
      "SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = 'payment'",
    );
    const types = Object.fromEntries(cols.map((c) => [c.name, c.type]));
    expect(types.amount).toBe('Decimal(18, 2)');
    expect(types.occurred_at).toBe("DateTime64(3, 'UTC')");
  });

  it('returns UInt64 exactly', async () => {
    const rows = await queryRows<{ big: string }>(
      db,
      'SELECT toUInt64(18446744073709551615) AS big',
    );
    expect(rows[0]?.big).toBe('18446744073709551615');
  });
});

describe('bucketSql agrees with bucketOf', () => {
  it('on the DPD edges and statuses', async () => {
    const cases = [0, 1, 30, 31, 60, 61, 90, 91, 120, 121, 150, 151, 180, 181, 999].map(
      (dpd) => ['open', dpd] as const,
    );
    const all = [...cases, ['charged_off', 5] as const, ['closed', 0] as const];
    const got: string[] = [];
    for (const [status, dpd] of all) {
      const [row] = await queryRows<{ b: string }>(
        db,
        `SELECT ${bucketSql('{s:String}', '{d:UInt32}')} AS b`,
        {
          s: status,
          d: dpd,
        },
      );
      got.push(row!.b);
    }
    expect(got).toEqual(all.map(([status, dpd]) => bucketOf(status, dpd)));
  });
});
