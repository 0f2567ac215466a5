/** Runs a metric's query for a request: query id derived from the request id, rows as objects. */
import { queryRows } from '@collections/schema';
import type { ApiContext } from './context.ts';

export interface SqlQuery {
  readonly query: string;
  readonly query_params: Record<string, unknown>;
}

let sequence = 0;

export async function runQuery<T>(
  ctx: Pick<ApiContext, 'db' | 'requestId'>,
  sql: SqlQuery,
): Promise<T[]> {
  sequence = (sequence + 1) % 1_000_000;
  return queryRows<T>(ctx.db, sql.query, sql.query_params, {
    queryId: `${ctx.requestId}-${sequence}`,
  });
}
