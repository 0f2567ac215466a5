/**
 * Applies pending migrations (schema_migrations records each). Re-running is a
 * no-op. The same migrations render for one node or for a cluster profile.
 */
import { createHash } from 'node:crypto';
import { onClusterSql, type ClusterTables } from './cluster.ts';
import {
  createClusterTableSql,
  createTableSql,
  type ClusterOptions,
  type TableDef,
} from './ddl.ts';
import type { Db } from './db.ts';
import { PlatformError, errorMessage } from './errors.ts';
import { MIGRATIONS, type Migration, type MigrationStep } from './migrations/index.ts';
import { SCHEMA_MIGRATIONS } from './tables.ts';

export type Topology =
  { readonly kind: 'single' } | ({ readonly kind: 'cluster' } & ClusterOptions);

export function renderStep(step: MigrationStep, topology: Topology): string[] {
  if ('table' in step) {
    return topology.kind === 'single'
      ? [createTableSql(step.table)]
      : createClusterTableSql(step.table, topology);
  }
  if (topology.kind === 'single') return [step.sql];
  if (step.cluster === 'on-cluster')
    return [onClusterSql(step.sql, clusterTables(), topology.cluster)];
  return [...(step.cluster ?? [step.sql])];
}

/**
 * Every table the migrations create, by name: on a cluster each is `<name>_local` on
 * every shard plus a Distributed `<name>` (cluster.ts renders statements from it).
 */
export function clusterTables(migrations: readonly Migration[] = MIGRATIONS): ClusterTables {
  const tables = new Map<string, TableDef>([[SCHEMA_MIGRATIONS.name, SCHEMA_MIGRATIONS]]);
  for (const migration of migrations)
    for (const step of migration.steps)
      if ('table' in step) tables.set(step.table.name, step.table);
  return tables;
}

/** All statements of a migration, in order. */
export function renderMigration(migration: Migration, topology: Topology): string[] {
  return migration.steps.flatMap((step) => renderStep(step, topology));
}

function checksum(migration: Migration): string {
  return createHash('sha256')
    .update(renderMigration(migration, { kind: 'single' }).join(';\n'))
    .digest('hex')
    .slice(0, 16);
}

export interface MigrateResult {
  readonly applied: readonly { version: number; name: string }[];
  readonly alreadyApplied: number;
}

export async function migrate(
  db: Pick<Db, 'client'>,
  options: { topology?: Topology; migrations?: readonly Migration[] } = {},
): Promise<MigrateResult> {
  const topology = options.topology ?? { kind: 'single' };
  const migrations = [...(options.migrations ?? MIGRATIONS)].sort((a, b) => a.version - b.version);
  for (const sql of renderStep({ table: SCHEMA_MIGRATIONS }, topology))
    await db.client.command({ query: sql });

  const result = await db.client.query({
    query: 'SELECT DISTINCT version FROM schema_migrations',
    format: 'JSONEachRow',
  });
  const done = new Set((await result.json<{ version: number }>()).map((r) => Number(r.version)));

  const applied: { version: number; name: string }[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    try {
      for (const sql of renderMigration(migration, topology))
        await db.client.command({ query: sql });
    } catch (err) {
      throw new PlatformError(
        'MIGRATION_FAILED',
        `Migration ${migration.version} (${migration.name}) failed: ${errorMessage(err)}`,
        { cause: err },
      );
    }
    await db.client.insert({
      table: 'schema_migrations',
      values: [{ version: migration.version, name: migration.name, checksum: checksum(migration) }],
      format: 'JSONEachRow',
    });
    applied.push({ version: migration.version, name: migration.name });
  }
  return { applied, alreadyApplied: migrations.length - applied.length };
}
