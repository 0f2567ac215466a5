/**
 * For tests: refresh-steps.ts whose `refreshKeys` skips the table's DELETE while
 * `killed()` holds, leaving its rows as a kill between its insert and its DELETE would
 * (the refresh goes on with the later tables). Use in a vi.mock factory:
 *   vi.mock('../refresh-steps.ts', async (original) =>
 *     (await import('../kill-before-delete.ts')).killBeforeDelete(await original(), 'kpi_daily', () => crash.on));
 */
import type * as RefreshSteps from './refresh-steps.ts';

export function killBeforeDelete(
  steps: typeof RefreshSteps,
  table: string,
  killed: () => boolean,
): typeof RefreshSteps {
  return {
    ...steps,
    refreshKeys: (...[db, context, step, keysId]: Parameters<typeof steps.refreshKeys>) =>
      steps.refreshKeys(
        db,
        context,
        killed() && step.delete.includes(table)
          ? { ...step, delete: `DELETE FROM ${table} WHERE 0` }
          : step,
        keysId,
      ),
  };
}
