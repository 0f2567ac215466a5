/**
 * `pnpm etl maintain [--min-patches N] [--json] [--wait S]` (docs/operations.md, Patch parts):
 * applies the derived tables' pending patch parts (applyPatches), holding the ETL lease
 * (lease.ts) as a load does, and says what it did. Exit 0
 * when done (also when nothing was pending), 1 on an error.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { applyPatches, type AppliedPatches } from '@collections/schema';
import { leaseWait, waitOption, withDb } from './commands.ts';
import { errorLine } from './failures.ts';
import { withLease } from './lease.ts';

export function maintainText(applied: readonly AppliedPatches[], seconds: number): string {
  if (applied.length === 0)
    return 'no derived table holds enough pending patch parts: nothing done';
  const lines = applied.map(
    (a) =>
      `${a.table}: applied ${a.pending} patch part${a.pending === 1 ? '' : 's'} to ` +
      `${a.patchedRows.toLocaleString('en-US')} rows in ${a.seconds.toFixed(1)} s`,
  );
  return [...lines, `${applied.length} tables in ${seconds.toFixed(1)} s`].join('\n');
}

export function registerMaintain(program: Command): void {
  waitOption(program.command('maintain'))
    .description("apply the derived tables' pending patch parts (the refreshes' DELETEs)")
    .option(
      '--min-patches <n>',
      'only tables holding at least this many pending patch parts',
      (value: string) => {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1)
          throw new InvalidArgumentError(`must be a whole number ≥ 1`);
        return n;
      },
      1,
    )
    .option('--json', 'print what was applied as JSON')
    .action(async (options: { minPatches: number; json?: boolean; wait?: number }) => {
      try {
        const { applied, seconds } = await withDb(async (db, env) => {
          if (env.CLICKHOUSE_CLUSTER)
            throw new Error(
              'maintain runs on a single node; on a cluster apply the patches of each `_local` table per shard',
            );
          return withLease(db, 'maintain', leaseWait(env, options.wait), async () => {
            const t0 = performance.now();
            const applied = await applyPatches(db, { minPending: options.minPatches });
            return { applied, seconds: (performance.now() - t0) / 1000 };
          });
        });
        console.log(
          options.json ? JSON.stringify({ applied, seconds }) : maintainText(applied, seconds),
        );
      } catch (err) {
        // a table whose APPLY PATCHES did not finish keeps its patches: reads stay right
        console.error(errorLine(err));
        process.exit(1);
      }
    });
}
