/**
 * What every load path shares: running a statement, the settings of queries that read
 * a file, timing a part for the onTiming hook, and the scratch tables of a load
 * (created with merges stopped, dropped newest first).
 */
import type { Db } from '@collections/schema';
import type { LoadOptions } from './options.ts';

export type Params = Record<string, unknown>;

export async function run(
  db: Pick<Db, 'client'>,
  query: string,
  params: Params = {},
  settings?: ClickHouseSettings,
): Promise<void> {
  await db.client.command({ query, query_params: params, clickhouse_settings: settings });
}

export type ClickHouseSettings = NonNullable<
  Parameters<Db['client']['command']>[0]['clickhouse_settings']
>;

/**
 * Settings of the queries that read the file itself. pread instead of mmap, and insert
 * blocks of 100 k rows instead of 1 M, keep the memory of a load flat: staging 5 M lines
 * (921 MB) peaked at 2.9 GB RSS with the defaults and at 0.86 GB with these (1 M lines:
 * 0.70 GB), for about 10 % more time.
 */
export const FILE_READ_SETTINGS: ClickHouseSettings = {
  storage_file_read_method: 'pread',
  min_insert_block_size_rows: '100000',
  min_insert_block_size_bytes: String(32 << 20),
};

/** Time `work` as `part` for the onTiming hook. */
export async function timed<T>(
  options: LoadOptions,
  part: string,
  work: () => Promise<T>,
): Promise<T> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  try {
    return await work();
  } finally {
    const cpu = process.cpuUsage(c0);
    options.onTiming?.(part, (performance.now() - t0) / 1000, (cpu.user + cpu.system) / 1e6);
  }
}

/**
 * A scratch table of this load, with background merges stopped: its parts are read
 * once by line range and dropped, so merging them would only cost CPU and memory.
 */
export async function createScratch(
  db: Db,
  table: string,
  ddl: string,
  created: string[],
): Promise<void> {
  created.push(table);
  await run(db, ddl);
  if (ddl.includes('MergeTree')) await run(db, `SYSTEM STOP MERGES ${table}`);
}

/** Drops a load's scratch tables and views, newest first (views before the tables they read). */
export async function dropScratch(
  db: Db,
  created: readonly string[],
  options: LoadOptions,
): Promise<void> {
  await timed(options, 'drop scratch', async () => {
    for (const t of [...created].reverse())
      await run(db, `DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
  });
}

/** Both results, after both settled (a failure of one does not leave the other running). */
export async function settleBoth<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}
