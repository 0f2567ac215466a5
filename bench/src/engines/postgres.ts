/** PostgreSQL through node-postgres, loaded from the same NDJSON files (COPY FROM STDIN of the lines, parsed to jsonb in a staging table). */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  benchColumns,
  createTableSql,
  insertFromStagingSql,
  PG_INDEXES,
  TABLE_NAMES,
} from '../tables.ts';
import { phaseClock, QueryTimeout, type BenchEngine, type Row } from './types.ts';

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

  let limitSeconds = 0;
  const query = async (sql: string, params: readonly unknown[]): Promise<Row[]> => {
    try {
      return (await client.query(sql, params as unknown[])).rows as Row[];
    } catch (err) {
      // 57014 query_canceled: statement_timeout
      if ((err as { code?: string }).code === '57014') throw new QueryTimeout(limitSeconds);
      throw err;
    }
  };

  return {
    name: 'PostgreSQL',
    async version() {
      const [row] = await query('SHOW server_version', []);
      return `PostgreSQL ${String(row?.server_version)}`;
    },
    async load(files) {
      const phases = phaseClock();
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
      phases.mark('COPY raw lines');
      // Staging partitioned by type: each typed insert reads only its own rows.
      await client.query(
        'CREATE TABLE staging (seq bigint, type text, event_id text, j jsonb) PARTITION BY LIST (type)',
      );
      for (const t of TABLE_NAMES)
        await client.query(
          `CREATE UNLOGGED TABLE staging_${t} PARTITION OF staging FOR VALUES IN ('${t}')`,
        );
      await client.query('CREATE UNLOGGED TABLE staging_other PARTITION OF staging DEFAULT');
      await parseLines(client);
      await client.query('DROP TABLE raw_lines');
      phases.mark('parse to jsonb');
      // First occurrence of an event_id wins: only the ids seen twice need a look (none in clean data).
      await client.query(
        `CREATE UNLOGGED TABLE dup AS SELECT event_id, min(seq) AS keep FROM staging
         WHERE event_id IS NOT NULL GROUP BY event_id HAVING count(*) > 1`,
      );
      phases.mark('duplicate ids');
      for (const t of TABLE_NAMES) {
        const fields = benchColumns(t)
          .map((c) => `s.j->>'${c.name}' AS ${c.name}`)
          .join(', ');
        const source = `(SELECT s.type, ${fields}, (d.keep IS NULL OR d.keep = s.seq) AS first_seen
          FROM staging_${t} AS s LEFT JOIN dup AS d ON d.event_id = s.event_id) AS st`;
        await client.query(insertFromStagingSql('postgres', t, source));
      }
      await client.query('DROP TABLE staging, dup');
      phases.mark('typed inserts');
      for (const sql of PG_INDEXES) await client.query(sql);
      phases.mark('indexes');
      await client.query('VACUUM ANALYZE');
      phases.mark('VACUUM ANALYZE');
      const [row] = await query(
        `SELECT ${TABLE_NAMES.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')} AS n`,
        [],
      );
      return { events: Number(row?.n), ...phases.done() };
    },
    query,
    async limit(seconds) {
      limitSeconds = seconds;
      await client.query(`SET statement_timeout = '${Math.round(seconds * 1000)}ms'`);
    },
    async close() {
      await client.end();
    },
  };
}

/**
 * raw_lines → staging. Clean data parses in one set-based cast; if any line is
 * not JSON (22P02, the statement rolls back) the lines go through try_jsonb,
 * whose exception block costs a subtransaction per line.
 */
async function parseLines(client: pg.Client): Promise<void> {
  const insert = (parse: string) =>
    `INSERT INTO staging SELECT seq, j->>'type', j->>'event_id', j
     FROM (SELECT seq, ${parse} AS j FROM raw_lines) AS r WHERE jsonb_typeof(j) = 'object'`;
  try {
    await client.query(insert('line::jsonb'));
  } catch (err) {
    if ((err as { code?: string }).code !== '22P02') throw err;
    await client.query(insert('try_jsonb(line)'));
  }
}
