import { openTempDb, type TempDb } from '@collections/schema/testing';
import { loadEnv } from '@collections/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEmpty, seedDemoIfEmpty } from './demo.ts';
import { startInbox } from './inbox.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(() => db.dispose());

describe('pnpm start demo wiring', () => {
  it('sees an empty database as empty, and one with snapshots as not', async () => {
    expect(await isEmpty(db)).toBe(true);
    await db.client.insert({
      table: 'account_snapshot',
      values: [
        {
          event_id: 's1',
          occurred_at: '2026-01-31 00:00:00.000',
          account_id: 'a',
          as_of: '2026-01-31',
          dpd: 0,
          balance: '1.00',
          amount_due: '0.00',
          status: 'open',
        },
      ],
      format: 'JSONEachRow',
    });
    expect(await isEmpty(db)).toBe(false);
  });

  it('does not seed a database that holds data', async () => {
    const said: string[] = [];
    const result = await seedDemoIfEmpty(db, loadEnv({ CHDB_PATH: db.dir }), (l) => said.push(l));
    expect(result).toEqual({ seeded: false, reason: 'the database already holds data' });
    expect(said).toEqual([]);
  });

  it('watches nothing without INBOX_DIR', async () => {
    const said: string[] = [];
    const stop = await startInbox(db, loadEnv({ CHDB_PATH: db.dir }), (l) => said.push(l));
    await stop();
    expect(said).toEqual([]);
  });
});
