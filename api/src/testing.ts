/**
 * Test support for metric tests: a fresh embedded database (one per test file),
 * fixture inserts, and GraphQL operations run through the real Apollo server.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { loadEnv, refreshDerived, type ApiRole, type Env } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import type { ApiContext } from './context.ts';
import { createApollo, type ErrorLog } from './apollo.ts';
import { limitsFromEnv } from './limits/admission.ts';
import { apiSchema } from './schema.ts';

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface TestApi {
  readonly db: TempDb;
  readonly env: Env;
  readonly logged: Parameters<ErrorLog>[0][];
  /** Run an operation as `role` (default admin). */
  run<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    role?: ApiRole,
  ): Promise<GraphQLResult<T>>;
  /** Run an operation and fail the test on any error. */
  data<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    role?: ApiRole,
  ): Promise<T>;
  /**
   * Insert fixture rows into a table (JSONEachRow; omitted columns take their
   * defaults) as one load, then refresh the derived tables for it, as the ETL
   * does after each load. Rows without a load_id get a fresh one.
   */
  insert(table: string, rows: Record<string, unknown>[]): Promise<void>;
  dispose(): Promise<void>;
}

export async function createTestApi(envOverrides: Record<string, string> = {}): Promise<TestApi> {
  const db = await openTempDb();
  const env = loadEnv({ CHDB_PATH: db.dir, ...envOverrides });
  const logged: Parameters<ErrorLog>[0][] = [];
  const server: ApolloServer<ApiContext> = createApollo(
    await apiSchema(),
    limitsFromEnv(env),
    (entry) => logged.push(entry),
  );
  await server.start();

  const run: TestApi['run'] = async (query, variables, role = 'admin') => {
    const contextValue: ApiContext = { db, env, role, requestId: randomUUID() };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as GraphQLResult<never>;
  };

  return {
    db,
    env,
    logged,
    run,
    async data(query, variables, role) {
      const result = await run(query, variables, role);
      if (result.errors?.length)
        throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as never;
    },
    async insert(table, rows) {
      const loadId = randomUUID();
      const values = rows.map((row) => ({ load_id: loadId, ...row }));
      await db.client.insert({ table, values, format: 'JSONEachRow' });
      const loadIds = new Set(values.map((row) => String(row.load_id)));
      await refreshDerived(db, { loadIds: [...loadIds] });
    },
    async dispose() {
      await server.stop();
      await db.dispose();
    },
  };
}

export type FixtureEvent = (
  occurred_at: string,
  fields: Record<string, unknown>,
) => Record<string, unknown>;

/** Fixture events with ids e1, e2, … in call order (metric tests). */
export function fixtureEvents(): FixtureEvent {
  let n = 0;
  return (occurred_at, fields) => ({ event_id: `e${++n}`, occurred_at, ...fields });
}

/** An account_opened fixture row (opened 2025-01-01; credit_card, retail, north unless given). */
export function accountOpened(
  ev: FixtureEvent,
  account_id: string,
  dims: { product?: string; portfolio?: string; region?: string } = {},
): Record<string, unknown> {
  return ev('2025-01-01 00:00:00', {
    account_id,
    customer_hash: 'h',
    product: dims.product ?? 'credit_card',
    portfolio: dims.portfolio ?? 'retail',
    region: dims.region ?? 'north',
    opened_on: '2025-01-01',
    principal: '1000',
  });
}

/** A payment_plan fixture row created at `at` (3 installments, first due 2026-03-01 unless given). */
export function paymentPlan(
  ev: FixtureEvent,
  at: string,
  plan: { plan_id: string; case_id: string; kind: string; total_amount: string },
  schedule: { installments?: number; first_due_on?: string } = {},
): Record<string, unknown> {
  return ev(at, {
    ...plan,
    installments: schedule.installments ?? 3,
    first_due_on: schedule.first_due_on ?? '2026-03-01',
  });
}
