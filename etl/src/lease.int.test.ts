/**
 * The ETL lease's protocol (lease.ts) against embedded chDB: two writers in one process
 * stand for two processes (each acquire has its own holder id). A Db seen as `server`
 * (same chDB) runs the server's rules: heartbeat, silence, dead process on this host.
 */
import { hostname } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import {
  LEASE_TABLE,
  acquireLease,
  readHolder,
  takeOver,
  withLease,
  type LeaseTiming,
} from './lease.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb({ migrate: false });
});
afterAll(() => db?.dispose());
/** The same database under the server's rules. */
const server = (): Db => ({ ...db, engine: 'server' });
/** Tests wait in steps of 10 ms; the heartbeat and the silence stay as in production. */
const FAST: LeaseTiming = { heartbeatMs: 5_000, staleMs: 60_000, pollMs: 10 };

async function leaseTables(): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    `SELECT name FROM system.tables WHERE database = currentDatabase()
       AND startsWith(name, {p:String}) ORDER BY name`,
    { p: LEASE_TABLE },
  );
  return rows.map((r) => r.name);
}

/**
 * A lease as another process left it (holder `f…f` unless told): `silentS` seconds since
 * its last heartbeat; `rows` 0: no heartbeat row (being written, or a server restarted).
 */
async function foreignLease(o: {
  holder?: string;
  host?: string;
  pid?: number;
  silentS?: number;
  rows?: 0 | 1;
}) {
  const holder = o.holder ?? 'f'.repeat(32);
  const record = {
    holder,
    command: 'load',
    host: o.host ?? 'loader-2.example',
    pid: o.pid ?? 4242,
    started_at: new Date(Date.now() - 3_600_000).toISOString(),
  };
  const comment = JSON.stringify(record).replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  await db.client.command({
    query: `CREATE TABLE ${LEASE_TABLE} (holder String, heartbeat DateTime64(3, 'UTC'))
      ENGINE = Memory COMMENT '${comment}'
      AS SELECT {holder:String}, now64(3, 'UTC') - toIntervalSecond({silent:UInt32})
      FROM numbers({rows:UInt8})`,
    query_params: { holder, silent: o.silentS ?? 0, rows: o.rows ?? 1 },
  });
  return holder;
}

/** `db` whose client runs `before(query)` ahead of each command: another writer meddling. */
function meddled(on: Db, before: (query: string) => Promise<void>): Db {
  const client = new Proxy(on.client, {
    get(target, prop) {
      if (prop === 'command')
        return async (args: Parameters<Db['client']['command']>[0]) => {
          await before(args.query);
          return target.command(args);
        };
      const v: unknown = Reflect.get(target, prop);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { ...on, client };
}

afterEach(async () => {
  for (const name of await leaseTables())
    await db.client.command({ query: `DROP TABLE ${name} SYNC` });
});

describe('acquire and release', () => {
  it('a free database: the lease table holds the holder, and is gone after release', async () => {
    const lease = await acquireLease(db, 'load');
    const h = await readHolder(db, LEASE_TABLE);
    expect(h).toMatchObject({ command: 'load', host: hostname(), pid: process.pid, rows: 1 });
    expect(h!.holder).toMatch(/^[0-9a-f]{32}$/);
    await lease.release();
    expect(await leaseTables()).toEqual([]);
  });

  it('a second writer fails at once with LOAD_RUNNING naming the holder; the lease stays the first', async () => {
    const first = await acquireLease(db, 'rebuild');
    const before = await readHolder(db, LEASE_TABLE);
    const err = await acquireLease(db, 'load').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'LOAD_RUNNING' });
    expect((err as Error).message).toContain(
      `another etl rebuild (host ${hostname()}, pid ${process.pid}, since `,
    );
    expect((err as Error).message).toMatch(/holds the database default; nothing was done\./);
    expect(await readHolder(db, LEASE_TABLE)).toEqual({ ...before, silent_ms: expect.any(Number) });
    await first.release();
    expect(await leaseTables()).toEqual([]);
  });

  it('a waiter says it waits and takes the lease once the holder releases it', async () => {
    const first = await acquireLease(db, 'maintain');
    const said: string[] = [];
    const second = acquireLease(
      db,
      'load',
      {
        seconds: 600,
        say: (line) => {
          said.push(line);
          void first.release(); // released while the second waits
        },
      },
      FAST,
    );
    const lease = await second;
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      /^waiting: another etl maintain \(host .*\) holds the database \(0 s of 600 s\)$/,
    );
    expect((await readHolder(db, LEASE_TABLE))?.command).toBe('load');
    await lease.release();
  });

  it('withLease releases the lease when its work throws', async () => {
    await expect(
      withLease(db, 'load', {}, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await leaseTables()).toEqual([]);
  });
});

describe('a lease left behind', () => {
  it('embedded: a lease no writer of this process holds was left by a dead process: taken at once', async () => {
    await foreignLease({ silentS: 0 });
    const said: string[] = [];
    const lease = await acquireLease(db, 'load', { say: (l) => said.push(l) });
    expect((await readHolder(db, LEASE_TABLE))?.pid).toBe(process.pid);
    expect(said).toEqual([
      expect.stringMatching(
        /^took over the lease of another etl load \(host loader-2.example, pid 4242, since .*\): it is gone$/,
      ),
    ]);
    expect(await leaseTables()).toEqual([LEASE_TABLE, `${LEASE_TABLE}_taken_${'f'.repeat(32)}`]);
    await lease.release();
    expect(await leaseTables()).toEqual([]);
  });

  it('server: another host heartbeating is waited for; silent for 60 s it is taken over', async () => {
    await foreignLease({ silentS: 2 });
    const err = await acquireLease(server(), 'load').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'LOAD_RUNNING' });
    expect((err as Error).message).toMatch(
      /^another etl load \(host loader-2\.example, pid 4242, since .* UTC, last heartbeat 2 s ago\) holds/,
    );
    await db.client.command({ query: `DROP TABLE ${LEASE_TABLE}` });

    await foreignLease({ silentS: 61 });
    const lease = await acquireLease(server(), 'load');
    expect((await readHolder(db, LEASE_TABLE))?.host).toBe(hostname());
    await lease.release();
    expect(await leaseTables()).toEqual([]);
  });

  it('server: a lease of a dead process on this host is taken over at once', async () => {
    const { spawnSync } = await import('node:child_process');
    const gone = spawnSync(process.execPath, ['-e', '']).pid!; // exited
    await foreignLease({ host: hostname(), pid: gone, silentS: 0 });
    const lease = await acquireLease(server(), 'load');
    expect((await readHolder(db, LEASE_TABLE))?.pid).toBe(process.pid);
    await lease.release();
  });

  it('server: an empty lease (its writer between CREATE and its row) is not stale at first sight', async () => {
    await foreignLease({ rows: 0 });
    await expect(acquireLease(server(), 'load')).rejects.toThrow(
      /^another etl load \(host loader-2\.example, pid 4242, since .* UTC, no heartbeat yet\) holds the database default/,
    );
  });

  it('a lease emptied by a server restart (Memory) still names its holder; a quoting host name is kept as is', async () => {
    const host = `it's a \\ "host"`;
    await foreignLease({ host, silentS: 0 });
    await db.client.command({ query: `TRUNCATE TABLE ${LEASE_TABLE}` }); // what a restart leaves
    expect(await readHolder(db, LEASE_TABLE)).toMatchObject({
      holder: 'f'.repeat(32),
      command: 'load',
      host,
      pid: 4242,
      rows: 0,
    });
  });
});

describe('takeover race', () => {
  // Five rounds: a protocol with a gap between a wrong RENAME and its undoing lets two win
  // in about one round of three.
  for (const view of ['embedded', 'server'] as const)
    it(`${view}: eight writers take over one stale lease at once: exactly one wins`, async () => {
      const on = view === 'server' ? server() : db;
      for (let round = 0; round < 5; round++) {
        await foreignLease({ silentS: 3600 });
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, () => acquireLease(on, 'load', {}, FAST)),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost.map((r) => (r.reason as { code?: string }).code)).toEqual(
          Array(7).fill('LOAD_RUNNING'),
        );
        // Each loser names the winner (this process), not the stale holder.
        for (const r of lost) expect(String(r.reason)).toContain(`pid ${process.pid}`);
        await won[0]!.value.release();
        expect(await leaseTables()).toEqual([]);
      }
    });

  it('a taker whose stale lease was replaced meanwhile puts the new lease back', async () => {
    const staleHolder = await foreignLease({ silentS: 3600 });
    const seen = (await readHolder(db, LEASE_TABLE))!;
    // Another taker got there first: the stale lease is gone, a live one holds.
    await db.client.command({ query: `DROP TABLE ${LEASE_TABLE}` });
    const live = await acquireLease(db, 'load');
    const holder = (await readHolder(db, LEASE_TABLE))!.holder;
    expect(await takeOver(db, seen, 'a'.repeat(32), 'load')).toBeUndefined();
    expect((await readHolder(db, LEASE_TABLE))?.holder).toBe(holder);
    expect(await leaseTables()).toEqual([LEASE_TABLE]);
    expect(seen.holder).toBe(staleHolder);
    await live.release();
  });
});

describe('takeover of an empty lease', () => {
  it('two takers acting on one read of an empty lease: the second cannot move the first’s live lease', async () => {
    await foreignLease({ rows: 0 });
    const seen = (await readHolder(db, LEASE_TABLE))!;
    const first = await takeOver(db, seen, 'a'.repeat(32), 'load');
    // The second taker's RENAME would move the live lease; a third writer creates one
    // whenever etl_lease is free.
    const third = 'c'.repeat(32);
    const other = meddled(db, async (query) => {
      if (query.startsWith(`RENAME TABLE ${LEASE_TABLE}_taken_`))
        await foreignLease({ holder: third });
    });
    expect(await takeOver(other, seen, 'b'.repeat(32), 'load')).toBeUndefined();
    expect((await readHolder(db, LEASE_TABLE))?.holder).toBe('a'.repeat(32));
    // Named after the stale holder, not the taker.
    expect(first).toBe(`${LEASE_TABLE}_taken_${'f'.repeat(32)}`);
    expect(await leaseTables()).toEqual([LEASE_TABLE, first]);
  });

  it('a taker that cannot put back a lease it moved fails, naming it', async () => {
    const staleHolder = await foreignLease({ silentS: 3600 });
    const seen = (await readHolder(db, LEASE_TABLE))!;
    // Taken over and released meanwhile; another holder's lease in its place.
    await db.client.command({ query: `DROP TABLE ${LEASE_TABLE}` });
    const liveHolder = await foreignLease({ holder: 'd'.repeat(32), silentS: 0 });
    // A third writer creates a lease while the taker has moved the live one away.
    const other = meddled(db, async (query) => {
      if (query.startsWith(`RENAME TABLE ${LEASE_TABLE}_taken_`))
        await foreignLease({ holder: 'c'.repeat(32) });
    });
    const err = await takeOver(other, seen, 'b'.repeat(32), 'load').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'LOAD_RUNNING' });
    expect(String(err)).toContain(`moved the ETL lease of another etl load`);
    expect(String(err)).toContain(`to ${LEASE_TABLE}_taken_${staleHolder}`);
    expect((await readHolder(db, `${LEASE_TABLE}_taken_${staleHolder}`))?.holder).toBe(liveHolder);
  });
});

describe('heartbeat (server)', () => {
  it('the holder appends its row with the server clock; taken over, it learns it lost the lease', async () => {
    const beats: LeaseTiming = { heartbeatMs: 10, staleMs: 60_000, pollMs: 10 };
    const lease = await acquireLease(server(), 'load', {}, beats);
    while ((await readHolder(db, LEASE_TABLE))!.rows < 3)
      await new Promise((r) => setTimeout(r, 10));
    expect(() => lease.check()).not.toThrow();
    // Someone judged it stale and took it over: its table moved, another lease in its place.
    await db.client.command({ query: `RENAME TABLE ${LEASE_TABLE} TO ${LEASE_TABLE}_taken_x` });
    const other = await foreignLease({ silentS: 0 });
    let lost: unknown;
    while (!lost) {
      await new Promise((r) => setTimeout(r, 10));
      try {
        lease.check();
      } catch (err) {
        lost = err;
      }
    }
    expect(lost).toMatchObject({ code: 'LEASE_LOST' });
    await lease.release();
    // The lease that replaced it is left alone.
    expect((await readHolder(db, LEASE_TABLE))?.holder).toBe(other);
  });
});
