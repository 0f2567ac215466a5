/**
 * The refresh pattern of the per-event derived tables (promise_facts,
 * payment_facts, voice_attempts): insert the recomputed rows of the touched keys
 * with a fresh refresh_id, then delete the older rows of those keys. Both steps
 * are skipped when they have nothing to do — a load that touches none of the
 * table's keys (most loads touch one or two event types) costs one cheap
 * SELECT, and a load of only new keys needs no DELETE (a lightweight DELETE is a
 * mutation: far dearer than the check).
 */
import { randomUUID } from 'node:crypto';
import { queryRows, type Db } from '../db.ts';
import type { RefreshContext } from './index.ts';

export interface RefreshSteps {
  /** A query returning at least one row when the loads touched a key of the table. */
  readonly touched: string;
  readonly insert: string;
  /** A query returning at least one row when older rows of the rewritten keys exist. */
  readonly stale: string;
  readonly delete: string;
}

export async function refreshKeys(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  steps: RefreshSteps,
): Promise<void> {
  if (context.loadIds.length === 0) return;
  const query_params = { loadIds: [...context.loadIds], refreshId: randomUUID() };
  if ((await queryRows(db, `${steps.touched} LIMIT 1`, query_params)).length === 0) return;
  await db.client.command({ query: steps.insert, query_params });
  if ((await queryRows(db, `${steps.stale} LIMIT 1`, query_params)).length === 0) return;
  await db.client.command({ query: steps.delete, query_params });
}
