/**
 * Table definitions as data, rendered either for one node (MergeTree family)
 * or for a cluster (ReplicatedMergeTree `<name>_local` on every shard plus a
 * `Distributed` table `<name>` sharded so that one account's rows share a shard).
 * Both renderings come from the same definition, so they cannot drift apart.
 */

export interface ColumnDef {
  readonly name: string;
  readonly type: string;
  /** DEFAULT expression, if any. */
  readonly default?: string;
  readonly comment?: string;
}

export interface TableDef {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  /** MergeTree-family engine for one node, e.g. `MergeTree` or `ReplacingMergeTree(version)`. */
  readonly engine: string;
  readonly orderBy: string;
  readonly partitionBy?: string;
  /**
   * Expression that picks a row's shard in the cluster profile (README "Scaling out"):
   * one account's rows share a shard (docs/decisions/008-cluster-derived.md). Absent
   * when a row's shard is not a function of its columns (a case event's is its case's
   * account; a partial rollup's is every shard): the writer puts each row into its
   * shard's `_local` table, and the Distributed table refuses inserts.
   */
  readonly shardKey?: string;
  readonly settings?: Readonly<Record<string, string | number>>;
  /** Data-skipping indexes (`INDEX name expr TYPE type GRANULARITY n`). */
  readonly indexes?: readonly SkipIndex[];
  /** Why this ORDER BY / PARTITION BY: the queries it serves. Shown as the table comment. */
  readonly why: string;
}

/** A data-skipping index of a table (ClickHouse's secondary indexes). */
export interface SkipIndex {
  readonly name: string;
  readonly expr: string;
  /** e.g. `set(8)`, `minmax` */
  readonly type: string;
  readonly granularity: number;
}

/** The column-list entry of `index`; also the body of `ALTER TABLE … ADD INDEX`. */
export function skipIndexSql(index: SkipIndex): string {
  return `${index.name} ${index.expr} TYPE ${index.type} GRANULARITY ${index.granularity}`;
}

export interface ClusterOptions {
  /** Cluster name as configured in remote_servers (docker/clickhouse/config.d). */
  readonly cluster: string;
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function columnsSql(table: TableDef, withIndexes = true): string {
  const columns = table.columns.map((c) => {
    const parts = [`    \`${c.name}\` ${c.type}`];
    if (c.default !== undefined) parts.push(`DEFAULT ${c.default}`);
    if (c.comment) parts.push(`COMMENT ${quote(c.comment)}`);
    return parts.join(' ');
  });
  const indexes = withIndexes
    ? (table.indexes ?? []).map((i) => `    INDEX ${skipIndexSql(i)}`)
    : [];
  return [...columns, ...indexes].join(',\n');
}

function tail(table: TableDef): string {
  const lines = [];
  if (table.partitionBy) lines.push(`PARTITION BY ${table.partitionBy}`);
  lines.push(`ORDER BY ${table.orderBy}`);
  const settings = Object.entries(table.settings ?? {});
  if (settings.length > 0)
    lines.push(`SETTINGS ${settings.map(([k, v]) => `${k} = ${v}`).join(', ')}`);
  lines.push(`COMMENT ${quote(table.why)}`);
  return lines.join('\n');
}

/** CREATE TABLE for a single node. */
export function createTableSql(table: TableDef): string {
  return `CREATE TABLE IF NOT EXISTS ${table.name}\n(\n${columnsSql(table)}\n)\nENGINE = ${table.engine}\n${tail(table)}`;
}

/** `MergeTree` → `ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/t', '{replica}')`, keeping engine args. */
export function replicatedEngine(engine: string, localName: string): string {
  const match = /^(\w*)MergeTree(?:\((.*)\))?$/.exec(engine.trim());
  if (!match) throw new Error(`Not a MergeTree-family engine: ${engine}`);
  const zkPath = quote(`/clickhouse/tables/{shard}/{database}/${localName}`);
  const args = [zkPath, quote('{replica}'), ...(match[2] ? [match[2]] : [])];
  return `Replicated${match[1]}MergeTree(${args.join(', ')})`;
}

/** The two CREATE TABLE statements of the cluster profile: local replicated table, then the Distributed one. */
export function createClusterTableSql(table: TableDef, options: ClusterOptions): string[] {
  const local = `${table.name}_local`;
  const onCluster = `ON CLUSTER ${quote(options.cluster)}`;
  return [
    `CREATE TABLE IF NOT EXISTS ${local} ${onCluster}\n(\n${columnsSql(table)}\n)\nENGINE = ${replicatedEngine(table.engine, local)}\n${tail(table)}`,
    // A Distributed table holds no data and takes no skipping index: its columns are
    // listed without the local table's indexes (`AS t_local` would copy them).
    `CREATE TABLE IF NOT EXISTS ${table.name} ${onCluster} ${
      table.indexes?.length ? `\n(\n${columnsSql(table, false)}\n)` : `AS ${local}`
    }\n` +
      `ENGINE = Distributed(${quote(options.cluster)}, currentDatabase(), ${local}${table.shardKey ? `, ${table.shardKey}` : ''})`,
  ];
}
