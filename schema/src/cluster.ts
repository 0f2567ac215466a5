/**
 * The cluster form of the statements the platform runs on one node
 * (docs/decisions/008-cluster-derived.md). On a cluster every table `t` is a
 * `ReplicatedMergeTree` `t_local` on each shard plus a `Distributed` table `t`
 * (ddl.ts). One account's events, cases and derived rows share a shard, so a
 * refresh is shard-local: the same statements run on each shard with every
 * such table named `t_local` (shardLocalSql), through one connection per shard
 * (shardDb); the ETL's own tables (ledger, event index, quarantine) and the models'
 * stay whole behind their Distributed table. Statements of a migration that change a table in place run once
 * for all shards, `ON CLUSTER` on the `_local` tables (onClusterSql).
 *
 * Pure functions of the single-node statement and the table declarations: a
 * single node never goes through here.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Db } from './db.ts';
import type { TableDef } from './ddl.ts';
import { DERIVED_TABLES } from './derived/index.ts';
import { REFRESH_KEYS } from './derived/keys.ts';
import { EVENT_TABLES } from './tables.ts';

/** Every table the migrations create, by name (each is `_local` + Distributed on a cluster). */
export type ClusterTables = ReadonlyMap<string, TableDef>;

/** The name of `table`'s table on one shard. */
export const localName = (table: string) => `${table}_local`;

/**
 * The tables each shard holds its own part of and a refresh reads and writes there,
 * as `_local`: the event tables (a load's rows land on their account's shard; agents,
 * by agent), the derived tables and refresh_keys. The others — ledger, event index,
 * quarantine, migrations, models — are read whole through their Distributed table.
 */
export function shardTables(tables: ClusterTables): ClusterTables {
  const names = new Set<string>([
    ...Object.keys(EVENT_TABLES),
    ...DERIVED_TABLES.map((t) => t.name),
    REFRESH_KEYS.name,
  ]);
  return new Map([...tables].filter(([name]) => names.has(name)));
}

/**
 * Scratch tables named after a declared table (replace-partitions.ts: `<t>_stage`):
 * local to the shard that fills them.
 */
const SCRATCH_SUFFIXES = ['_stage'] as const;

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Whether `word` names a declared table or a scratch table of one. */
function isTable(word: string, tables: ClusterTables): boolean {
  if (tables.has(word)) return true;
  return SCRATCH_SUFFIXES.some((s) => word.endsWith(s) && tables.has(word.slice(0, -s.length)));
}

/** The end (exclusive) of the quoted run starting at `i` with `quote` (backslash escapes). */
function quotedEnd(sql: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < sql.length && sql[j] !== quote) j += sql[j] === '\\' ? 2 : 1;
  return Math.min(j + 1, sql.length);
}

/**
 * `sql` with every unqualified identifier that names a declared table (or its
 * stage) renamed `<name>_local`. String literals, quoted identifiers, query
 * parameters (`{name:Type}`), comments and `db.`-qualified names are left as they
 * are; tables.ts columns never share a table's name (cluster-refresh.int.test.ts).
 */
export function renameTables(sql: string, tables: ClusterTables, local = localName): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    let end = i + 1;
    if (c === "'" || c === '"' || c === '`') end = quotedEnd(sql, i, c);
    else if (c === '{') end = sql.indexOf('}', i) + 1 || sql.length;
    else if (c === '-' && sql[i + 1] === '-') end = sql.indexOf('\n', i) + 1 || sql.length;
    else if (/[0-9]/.test(c)) end = i + /^[0-9A-Za-z_.]*/.exec(sql.slice(i))![0].length;
    else if (/[A-Za-z_]/.test(c)) {
      IDENT.lastIndex = i;
      const word = IDENT.exec(sql)![0];
      const qualified = /\.\s*$/.test(out);
      out += !qualified && isTable(word, tables) ? local(word) : word;
      i += word.length;
      continue;
    }
    out += sql.slice(i, end);
    i = end;
  }
  return out;
}

/** `CREATE TABLE <scratch> AS <t>`: a stage shaped like a declared table (replace-partitions.ts). */
const CREATE_AS = /^\s*CREATE TABLE (\w+) AS (\w+)\s*$/;

/**
 * A single-node refresh statement in its form on one shard: the shard's own
 * `_local` tables. A stage made `AS` a table gets that table's single-node
 * engine, sort and partition key: `AS t_local` alone would copy the replicated
 * engine and its Keeper path, which a second table cannot share.
 */
export function shardLocalSql(sql: string, tables: ClusterTables, local = localName): string {
  const renamed = renameTables(sql, tables, local);
  const stage = CREATE_AS.exec(sql);
  const def = stage ? tables.get(stage[2]!) : undefined;
  if (!def) return renamed;
  const settings = Object.entries(def.settings ?? {});
  return [
    renamed.trim(),
    `ENGINE = ${def.engine}`,
    ...(def.partitionBy ? [`PARTITION BY ${def.partitionBy}`] : []),
    `ORDER BY ${def.orderBy}`,
    ...(settings.length > 0
      ? [`SETTINGS ${settings.map(([k, v]) => `${k} = ${v}`).join(', ')}`]
      : []),
  ].join('\n');
}

/**
 * A statement that changes a table in place (`ALTER TABLE t …`), run once for the
 * whole cluster: on every shard's `t_local`, `ON CLUSTER`.
 */
export function onClusterSql(sql: string, tables: ClusterTables, cluster: string): string {
  const renamed = renameTables(sql, tables);
  const match = /^(\s*ALTER TABLE \w+)/.exec(renamed);
  if (!match) throw new Error(`not an ALTER TABLE statement: ${sql.slice(0, 60)}`);
  return `${match[1]} ON CLUSTER '${cluster}'${renamed.slice(match[1]!.length)}`;
}

/**
 * A database handle on one shard whose statements are the shard-local forms of
 * the single-node ones (inserts go to `t_local` too) for the shard-local tables among
 * `tables`: the refresh and the rebuild run unchanged through it, one handle per shard
 * (docs/operations.md "Running"); the ledger is still read whole.
 */
export function shardDb(
  db: Pick<Db, 'client'>,
  tables: ClusterTables,
  /** a shard's name of a table (tests hold several shards in one database) */
  name = localName,
): Pick<Db, 'client'> {
  const client = db.client;
  const onShard = shardTables(tables);
  const local = (sql: string) => shardLocalSql(sql, onShard, name);
  const wrapped = {
    command: (p: Parameters<ClickHouseClient['command']>[0]) =>
      client.command({ ...p, query: local(p.query) }),
    exec: (p: Parameters<ClickHouseClient['exec']>[0]) =>
      client.exec({ ...p, query: local(p.query) }),
    query: (p: Parameters<ClickHouseClient['query']>[0]) =>
      client.query({ ...p, query: local(p.query) }),
    insert: (p: Parameters<ClickHouseClient['insert']>[0]) =>
      client.insert({ ...p, table: local(p.table) }),
  };
  return {
    client: new Proxy(client, {
      get(target, prop, receiver) {
        if (prop in wrapped) return wrapped[prop as keyof typeof wrapped];
        return Reflect.get(target, prop, receiver);
      },
    }) as ClickHouseClient,
  };
}
