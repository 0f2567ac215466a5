/** PostgreSQL through node-postgres, loaded from the same NDJSON files (COPY FROM STDIN of the lines, parsed to jsonb in a staging table). */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  allFields,
  createTableSql,
  insertFromStagingSql,
  PG_INDEXES,
  TABLE_NAMES,
} from '../tables.ts';
import type { BenchEngine, Row } from './types.ts';

// Dates stay YYYY-MM-DD strings (the default parser would shift them into local midnight).
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

/** numeric and bigint arrive as strings; the comparison layer rounds numbers itself. */
export async function openPostgres(port: number, user: string): Promise<BenchEngine> {
  const client = new pg.Client({ host: '127.0.0.1', port, user, database: 'postgres' });
  await client.connect();
  await client.query("SET TimeZone = 'UTC'");
  for (const t of TABLE_NAMES) await client.query(createTableSql(t));
  // A line that is not JSON becomes NULL instead of failing the whole COPY.
  await client.query(`CREATE FUNCTION try_jsonb(t text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
    $$ BEGIN RETURN t::jsonb; EXCEPTION WHEN others THEN RETURN NULL; END $$`);

  const query = async (sql: string, params: readonly unknown[]): Promise<Row[]> =>
    (await client.query(sql, params as unknown[])).rows as Row[];

  return {
    name: 'PostgreSQL',
    async version() {
      const [row] = await query('SHOW server_version', []);
      return `PostgreSQL ${String(row?.server_version)}`;
    },
    async load(files) {
      const started = performance.now();
      await client.query('CREATE UNLOGGED TABLE raw_lines (seq bigserial, line text)');
      // CSV mode with control characters as quote and delimiter: each line arrives verbatim.
      for (const f of [...files].sort()) {
        const copy = client.query(
          copyFrom(
            `COPY raw_lines (line) FROM STDIN WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`,
          ),
        );
        if (f.endsWith('.gz')) await pipeline(createReadStream(f), createGunzip(), copy);
        else await pipeline(createReadStream(f), copy);
      }
      const fields = allFields()
        .map((f) => `j->>'${f}' AS ${f}`)
        .join(', ');
      await client.query(
        `CREATE UNLOGGED TABLE staging AS
         SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY seq) = 1 AS first_seen
         FROM (SELECT seq, ${fields} FROM (SELECT seq, try_jsonb(line) AS j FROM raw_lines) r
               WHERE jsonb_typeof(j) = 'object') s`,
      );
      for (const t of TABLE_NAMES)
        await client.query(insertFromStagingSql('postgres', t, 'staging'));
      await client.query('DROP TABLE staging, raw_lines');
      for (const sql of PG_INDEXES) await client.query(sql);
      await client.query('VACUUM ANALYZE');
      const [row] = await query(
        `SELECT ${TABLE_NAMES.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')} AS n`,
        [],
      );
      return { events: Number(row?.n), seconds: (performance.now() - started) / 1000 };
    },
    query,
    async close() {
      await client.end();
    },
  };
}
