/** PostgreSQL through node-postgres, loaded from the same NDJSON files (COPY of the lines, parsed by json_populate_record into a staging table partitioned by type). */
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
  await client.query(`CREATE FUNCTION try_json(t text) RETURNS json LANGUAGE plpgsql IMMUTABLE AS
    $$ BEGIN RETURN t::json; EXCEPTION WHEN others THEN RETURN NULL; END $$`);

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
      for (const f of [...files].sort()) await copyLines(client, f);
      phases.mark('COPY raw lines');
      // Staging partitioned by type, one text column per field: each typed insert reads only its own rows.
      const fields = allFields();
      await client.query(
        `CREATE TYPE staging_row AS (${fields.map((f) => `${f} text`).join(', ')})`,
      );
      await client.query(
        `CREATE TABLE staging (seq bigint, ${fields.map((f) => `${f} text`).join(', ')}) PARTITION BY LIST (type)`,
      );
      for (const t of TABLE_NAMES)
        await client.query(
          `CREATE UNLOGGED TABLE staging_${t} PARTITION OF staging FOR VALUES IN ('${t}')`,
        );
      await client.query('CREATE UNLOGGED TABLE staging_other PARTITION OF staging DEFAULT');
      await parseLines(client, fields);
      await client.query('DROP TABLE raw_lines');
      phases.mark('parse JSON');
      // First occurrence of an event_id wins: only the ids seen twice need a look (none in clean data).
      await client.query(
        `CREATE UNLOGGED TABLE dup AS SELECT event_id, min(seq) AS keep FROM staging
         WHERE event_id IS NOT NULL GROUP BY event_id HAVING count(*) > 1`,
      );
      phases.mark('duplicate ids');
      for (const t of TABLE_NAMES) {
        const source = `(SELECT s.*, (d.keep IS NULL OR d.keep = s.seq) AS first_seen
          FROM staging_${t} AS s LEFT JOIN dup AS d ON d.event_id = s.event_id) AS st`;
        await client.query(insertFromStagingSql('postgres', t, source));
      }
      await client.query('DROP TABLE staging, dup');
      await client.query('DROP TYPE staging_row');
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
 * raw_lines → staging: json_populate_record parses each line once into the
 * text fields. Clean data goes through in one statement; a line that starts
 * like an object but is not JSON fails the cast (22P02, the statement rolls
 * back) and the lines go again through try_json, whose exception block costs a
 * subtransaction per line. Lines that are not objects are skipped.
 */
async function parseLines(client: pg.Client, fields: string[]): Promise<void> {
  const insert = (json: string) =>
    `INSERT INTO staging (seq, ${fields.join(', ')})
     SELECT r.seq, ${fields.map((f) => `p.${f}`).join(', ')}
     FROM raw_lines AS r CROSS JOIN LATERAL json_populate_record(NULL::staging_row, ${json}) AS p
     WHERE p.type IS NOT NULL`;
  try {
    await client.query(
      insert(`CASE WHEN left(ltrim(r.line, E' \\t\\r'), 1) = '{' THEN r.line::json END`),
    );
  } catch (err) {
    if ((err as { code?: string }).code !== '22P02') throw err;
    await client.query(
      insert(`(SELECT CASE WHEN json_typeof(j) = 'object' THEN j END FROM try_json(r.line) AS j)`),
    );
  }
}

// CSV mode with control characters as quote and delimiter: each line arrives verbatim.
const COPY_OPTIONS = `WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`;

/**
 * One file into raw_lines. The server reads it itself when it can (a DBA's
 * COPY FROM 'file': no client in the way; the cluster is local and we are its
 * superuser); a file the postgres user may not read streams from here instead.
 */
async function copyLines(client: pg.Client, file: string): Promise<void> {
  const source = file.endsWith('.gz')
    ? `PROGRAM ${literal(`gzip -dc ${shellQuote(file)}`)}`
    : literal(file);
  try {
    await client.query(`COPY raw_lines (line) FROM ${source} ${COPY_OPTIONS}`);
    return;
  } catch (err) {
    // 42501 insufficient_privilege, 58P01 undefined_file, 38000 external routine (PROGRAM)
    if (!['42501', '58P01', '38000'].includes((err as { code?: string }).code ?? '')) throw err;
  }
  const copy = client.query(copyFrom(`COPY raw_lines (line) FROM STDIN ${COPY_OPTIONS}`));
  if (file.endsWith('.gz')) await pipeline(createReadStream(file), createGunzip(), copy);
  else await pipeline(createReadStream(file), copy);
}

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
const shellQuote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
