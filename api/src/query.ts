/** Runs a metric's query for a request: query id derived from the request id, rows as objects. */
import { queryRows } from '@collections/schema';
import type { ApiContext } from './context.ts';

export interface SqlQuery {
  readonly query: string;
  readonly query_params: Record<string, unknown>;
}

let sequence = 0;

/**
 * Served requests go through the scheduler (fair, bounded, cancellable, with
 * per-query limits: serving/serving.ts); without it (unit tests) the query runs directly.
 */
export async function runQuery<T>(
  ctx: Pick<ApiContext, 'db' | 'requestId' | 'serving' | 'caller' | 'signal'>,
  sql: SqlQuery,
): Promise<T[]> {
  sequence = (sequence + 1) % 1_000_000;
  const queryId = `${ctx.requestId}-${sequence}`;
  if (ctx.serving) return ctx.serving.query<T>(ctx, sql, queryId);
  return queryRows<T>(ctx.db, sql.query, sql.query_params, { queryId });
}
