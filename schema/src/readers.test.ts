import { getPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './db.ts';
import { openReaders, type ReaderPool } from './readers.ts';
import { openTempDb, type TempDb } from './testing.ts';

const nice = getPriority();
let db: TempDb;
let readers: ReaderPool;

beforeAll(async () => {
  db = await openTempDb({ migrate: false });
  readers = openReaders(db, 2, {
    maxSeconds: 1,
    maxMemoryBytes: 64 * 1024 * 1024,
    threadPriority: 7,
  });
});
afterAll(async () => {
  await readers.close();
  await db.dispose();
});

// A scan that runs for minutes unless stopped (10^11 rows).
const ENDLESS = 'SELECT count() AS n FROM numbers(100000000000) WHERE number % {m:UInt32} = 1';

describe('embedded read lanes', () => {
  it('bind parameters and return rows as objects, with the base settings (64-bit as strings)', async () => {
    expect(
      await readers.query(0, 'SELECT {x:String} AS x, toUInt64({n:UInt64}) AS n', {
        x: "it's",
        n: 7,
      }),
    ).toEqual([{ x: "it's", n: '7' }]);
  });

  it('carry the limits on their own connections only: the ETL connection stays unlimited', async () => {
    const settings =
      "SELECT getSetting('max_execution_time') AS t, getSetting('max_memory_usage') AS m, getSetting('os_thread_priority') AS p";
    for (const lane of [0, 1])
      expect(await readers.query(lane, settings, {})).toEqual([
        { t: 1, m: 64 * 1024 * 1024, p: Math.min(19, nice + 7) },
      ]);
    // The engine resets the calling thread's nice after a query; the lanes restore it.
    expect(getPriority()).toBe(nice);
    const [shared] = await queryRows<{ t: number; p: number }>(db, settings);
    expect(shared).toMatchObject({ t: 0, p: 0 });
  });

  it('stop a query at max_execution_time (TIMEOUT_EXCEEDED)', async () => {
    await expect(readers.query(0, ENDLESS, { m: 3 })).rejects.toThrow(/TIMEOUT_EXCEEDED|Code: 159/);
  });

  it('stop a query over max_memory_usage (MEMORY_LIMIT_EXCEEDED)', async () => {
    // groupArray of 50 M UInt64 needs ~400 MB > 64 MB; time enough that only memory stops it.
    const roomy = openReaders(db, 1, { maxSeconds: 600, maxMemoryBytes: 64 * 1024 * 1024 });
    await expect(
      roomy.query(0, 'SELECT length(groupArray(number + {k:UInt64})) AS n FROM numbers(50000000)', {
        k: 1,
      }),
    ).rejects.toThrow(/MEMORY_LIMIT_EXCEEDED|Code: 241/);
    await roomy.close();
  });

  it('run a light query on one lane while a heavy one runs on the other (no global parameter queue)', async () => {
    const finished: string[] = [];
    const heavy = readers
      .query(0, ENDLESS, { m: 5 })
      .catch(() => undefined)
      .finally(() => finished.push('heavy'));
    await new Promise((r) => setTimeout(r, 50));
    const light = await readers.query(1, 'SELECT {g:UInt32} + 1 AS s', { g: 41 });
    finished.push('light');
    expect(light).toEqual([{ s: '42' }]); // UInt64, quoted by the base settings
    await heavy;
    // Through chdb's queryBindAsync both would share one chain: light would finish after heavy.
    expect(finished).toEqual(['light', 'heavy']);
  });

  it('start no stream while a parameterized query of the shared connection is in flight (chdb binds parameters unisolated)', async () => {
    const before = readers.sharedReads();
    const loader = queryRows(db, 'SELECT sleepEachRow({s:Float64}) AS z FROM numbers(3)', {
      s: 0.3,
    });
    expect(db.paramQueriesInFlight?.()).toBe(1);
    // Sent while the load's query is in flight: through the shared connection, behind it.
    expect(await readers.query(0, 'SELECT {x:UInt8} AS x', { x: 5 })).toEqual([{ x: 5 }]);
    expect(readers.sharedReads()).toBe(before + 1);
    await loader;
    expect(db.paramQueriesInFlight?.()).toBe(0);
    // Nothing in flight: the lane's own stream again.
    expect(await readers.query(0, 'SELECT {x:UInt8} AS x', { x: 6 })).toEqual([{ x: 6 }]);
    expect(readers.sharedReads()).toBe(before + 1);
  });

  it('cancel a running query when the caller aborts', async () => {
    const abort = new AbortController();
    const running = readers.query(
      1,
      'SELECT number FROM numbers(3000000000) WHERE number % {m:UInt32} = 1',
      { m: 3 },
      { signal: abort.signal },
    );
    setTimeout(() => abort.abort(), 100);
    await expect(running).rejects.toThrow(/abort/i);
  });
});
