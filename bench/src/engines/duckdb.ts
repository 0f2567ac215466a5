/**
 * DuckDB through @duckdb/node-api, in this process (definition-equivalent SQL in ../metrics).
 * With a directory the database is a file there and DuckDB may spill to it: an
 * in-memory database of the M portfolio (45 M events) plus its load would not
 * leave room for the other engines on a 24 GB box. Its memory is capped at
 * MEMORY_SHARE of the machine (buffer pool; the rest of the data stays in the OS cache).
 */
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { allFields, createTableSql, insertFromStagingSql, TABLE_NAMES } from '../tables.ts';
import { phaseClock, QueryTimeout, type BenchEngine, type Row } from './types.ts';

const MEMORY_SHARE = 0.3;

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

export async function openDuckDb(dir?: string): Promise<BenchEngine> {
  const instance = await DuckDBInstance.create(dir ? path.join(dir, 'bench.duckdb') : ':memory:');
  const conn: DuckDBConnection = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  const limitMb = Math.round((os.totalmem() * MEMORY_SHARE) / 2 ** 20);
  await conn.run(`SET memory_limit = '${limitMb}MB'`);
  if (dir) await conn.run(`SET temp_directory = ${quote(path.join(dir, 'duckdb.tmp'))}`);
  for (const t of TABLE_NAMES) await conn.run(createTableSql(t));

  let limitSeconds = 0;
  const query = async (sql: string, params: readonly unknown[]): Promise<Row[]> => {
    let stopped = false;
    const timer =
      limitSeconds > 0
        ? setTimeout(() => {
            stopped = true;
            conn.interrupt();
          }, limitSeconds * 1000)
        : undefined;
    try {
      const reader = await conn.runAndReadAll(sql, params as DuckDBValue[]);
      return reader.getRowObjectsJson() as Row[];
    } catch (err) {
      if (stopped) throw new QueryTimeout(limitSeconds);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    name: 'DuckDB',
    async version() {
      const [row] = await query('SELECT version() AS v', []);
      return `DuckDB ${String(row?.v)}`;
    },
    async load(files) {
      const phases = phaseClock();
      const columns = allFields()
        .map((f) => `${f}: 'VARCHAR'`)
        .join(', ');
      const list = `[${[...files].sort().map(quote).join(', ')}]`;
      // Lines that are not JSON come back as all-NULL rows (ignore_errors) and fail every check.
      // seq: load order (files in sorted order, insertion order preserved).
      await conn.run(
        `CREATE TABLE staging AS
         SELECT *, row_number() OVER () AS seq
         FROM read_json(${list}, format = 'newline_delimited', columns = {${columns}},
                        ignore_errors = true)`,
      );
      phases.mark('read_json');
      // First occurrence of an event_id wins: only the ids seen twice need a look.
      await conn.run(
        `CREATE TABLE dup AS SELECT event_id, min(seq) AS keep FROM staging
         WHERE event_id IS NOT NULL GROUP BY event_id HAVING count(*) > 1`,
      );
      phases.mark('duplicate ids');
      const source = `(SELECT s.*, (d.keep IS NULL OR d.keep = s.seq) AS first_seen
        FROM staging AS s LEFT JOIN dup AS d ON d.event_id = s.event_id) AS st`;
      for (const t of TABLE_NAMES) await conn.run(insertFromStagingSql('duckdb', t, source));
      await conn.run('DROP TABLE staging');
      await conn.run('DROP TABLE dup');
      await conn.run('CHECKPOINT');
      phases.mark('typed inserts');
      const counts = await query(
        `SELECT ${TABLE_NAMES.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')} AS n`,
        [],
      );
      return { events: Number(counts[0]?.n), ...phases.done() };
    },
    query,
    async limit(seconds) {
      limitSeconds = seconds;
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
