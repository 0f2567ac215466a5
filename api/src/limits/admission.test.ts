/**
 * Admission limits over HTTP, with small limits so that short documents cross
 * them: each refusal is HTTP 400 with a message naming the limit's variable and
 * the value, is not logged as a fault, and runs no database query (the client's
 * query() is counted).
 */
import { ApolloServer } from '@apollo/server';
import { loadEnv } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ErrorLog } from '../apollo.ts';
import type { ApiContext } from '../context.ts';
import { apiSchema } from '../schema.ts';
import { createApiServer, type ApiServer } from '../server.ts';
import { admissionPlugin, limitsFromEnv } from './admission.ts';

let db: TempDb;
let api: ApiServer;
let base: string;
const logged: Parameters<ErrorLog>[0][] = [];
const SMALL = {
  MAX_QUERY_ALIASES: '5',
  MAX_QUERY_DEPTH: '3',
  MAX_QUERY_TOKENS: '200',
  MAX_QUERY_COST: '50',
  MAX_RESPONSE_BYTES: '10000',
};

beforeAll(async () => {
  db = await openTempDb();
  const env = loadEnv({ CHDB_PATH: db.dir, ...SMALL });
  api = await createApiServer({ db, env, log: (e) => logged.push(e) });
  base = await api.listen(0);
  await api.serving.warmed();
});
afterAll(async () => {
  await api.close();
  await db.dispose();
});

type Body = { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };
async function post(query: string, variables?: Record<string, unknown>) {
  // Served reads go through the scheduler's lanes (serving.query), others through the client.
  const queries = vi.spyOn(db.client, 'query');
  const served = vi.spyOn(api.serving, 'query');
  try {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: res.status,
      body: (await res.json()) as Body,
      dbQueries: queries.mock.calls.length + served.mock.calls.length,
    };
  } finally {
    queries.mockRestore();
    served.mockRestore();
  }
}

const refusal = (code: string, message: string) => ({
  status: 400,
  body: { errors: [{ message, extensions: { code } }] },
  dbQueries: 0,
});

const aliased = (n: number, field: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('admission limits', () => {
  it('costs explore its months × the facts its measures read', async () => {
    // 2026: 365 / 30.44 = 11.99 months. Cases opened, attempts, payments and legal actions
    // (cost to collect reads the last three): 4 facts → 48.0 ≤ 50; with kept rate
    // (promises) 5 facts → 60.0 > 50.
    const explore = (measures: string) =>
      `{ explore(from: "2026-01-01", to: "2026-12-31", measures: [${measures}]) { totalRows } }`;
    const four = await post(explore('CASES_OPENED, RPC_RATE, COST_TO_COLLECT'));
    expect(four.status).toBe(200);
    expect(four.dbQueries).toBeGreaterThan(0);
    const five = await post(explore('CASES_OPENED, RPC_RATE, COST_TO_COLLECT, KEPT_RATE'));
    expect(five.status).toBe(400);
    expect(five.dbQueries).toBe(0);
    expect(five.body.errors?.[0]?.extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(five.body.errors?.[0]?.message).toContain('the costliest explore at 60');
  });

  it('refuses more aliases than MAX_QUERY_ALIASES', async () => {
    expect(await post(aliased(6, 'asOf { date }'))).toEqual(
      refusal(
        'GRAPHQL_VALIDATION_FAILED',
        'Aliases limit of 5 exceeded, found 6. (MAX_QUERY_ALIASES)',
      ),
    );
    expect((await post(aliased(5, 'asOf { date }'))).status).toBe(200);
  });

  it('refuses a deeper query than MAX_QUERY_DEPTH', async () => {
    const deep =
      '{ complianceReport(from: "2026-01-01", to: "2026-01-31") { offendingAttempts { rows { eventId } } } }';
    expect(await post(deep)).toEqual(
      refusal(
        'GRAPHQL_VALIDATION_FAILED',
        'Query depth limit of 3 exceeded, found 4. (MAX_QUERY_DEPTH)',
      ),
    );
  });

  it('counts the fields of a fragment at the depth where it is spread, not one deeper', async () => {
    // depth 3 written through a fragment: complianceReport > offendingAttempts > total
    const three =
      '{ complianceReport(from: "2026-01-01", to: "2026-01-31") { offendingAttempts { ...T } } } ' +
      'fragment T on ComplianceViolationPage { total }';
    expect((await post(three)).status).toBe(200);
    // depth 4 through a fragment is still refused
    const four =
      '{ complianceReport(from: "2026-01-01", to: "2026-01-31") { ...R } } ' +
      'fragment R on ComplianceReport { offendingAttempts { rows { eventId } } }';
    expect(await post(four)).toEqual(
      refusal(
        'GRAPHQL_VALIDATION_FAILED',
        'Query depth limit of 3 exceeded, found 4. (MAX_QUERY_DEPTH)',
      ),
    );
  });

  it('refuses more tokens than MAX_QUERY_TOKENS', async () => {
    const long = `{ asOf { ${Array.from({ length: 200 }, () => 'date').join(' ')} } }`;
    expect(await post(long)).toEqual(
      refusal('BAD_REQUEST', 'The query has more than 200 tokens (MAX_QUERY_TOKENS).'),
    );
  });

  it('refuses an estimated cost over MAX_QUERY_COST, counting variables and defaults', async () => {
    // kpis over 2026-01-01 … 2026-12-31 with both comparisons: 365 days / 30.44 = 11.99 months;
    // (7 + 7 + 7) × (1 + growth 0.01 × 10.99) = 23.308; three aliases: 69.9 > 50. One alone passes.
    const kpis = 'kpis(from: $from, to: $to) { kpis { previous yearAgo } }';
    const three = `query ($from: String!, $to: String!) { a: ${kpis} b: ${kpis} c: ${kpis} }`;
    expect(await post(three, { from: '2026-01-01', to: '2026-12-31' })).toEqual(
      refusal(
        'QUERY_TOO_COSTLY',
        "The query's estimated cost is 69.9, over the limit of 50 (MAX_QUERY_COST); 3 field(s), the costliest a: kpis at 23.3. " +
          'Ask for shorter periods, fewer rows or fewer fields per request.',
      ),
    );
    const one = await post(`query ($from: String!, $to: String!) { ${kpis} }`, {
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(one.status).toBe(200);
    expect(one.dbQueries).toBeGreaterThan(0);
  });

  it('refuses a response over MAX_RESPONSE_BYTES after execution', async () => {
    const big = '{ __schema { types { name description fields { name description } } } }';
    expect(await post(big)).toMatchObject({
      status: 400,
      body: {
        errors: [
          {
            message: expect.stringMatching(
              /^The response would be \d+ bytes, over the limit of 10000 \(MAX_RESPONSE_BYTES\)\. Ask for fewer rows or fields per request\.$/,
            ),
            extensions: { code: 'RESPONSE_TOO_LARGE' },
          },
        ],
      },
    });
    expect((await post('{ __schema { queryType { name } } }')).status).toBe(200);
  });

  it('logs none of these refusals as a fault', () => {
    expect(logged).toEqual([]);
  });
});

describe('ctx.cost', () => {
  it('holds the estimate of an admitted request for the resolvers (and a scheduler)', async () => {
    const env = loadEnv({ CHDB_PATH: db.dir });
    let seen: number | undefined;
    const apollo = new ApolloServer<ApiContext>({
      schema: await apiSchema(),
      plugins: [
        admissionPlugin(limitsFromEnv(env)),
        {
          requestDidStart: async () => ({
            executionDidStart: async ({ contextValue }) => void (seen = contextValue.cost),
          }),
        },
      ],
    });
    await apollo.start();
    try {
      // rollRates 2026-01 … 2026-06: 1.2 × (1 + 0.21 × 5) = 2.46;
      // cases(limit: 250): 3.5 × (1 + 0.15 × 1.5) = 4.2875
      await apollo.executeOperation(
        {
          query:
            '{ rollRates(fromMonth: "2026-01", toMonth: "2026-06") { pooledUnobserved } cases(limit: 250) { total } }',
        },
        { contextValue: { db, env, role: 'admin', requestId: 'r1' } },
      );
      expect(seen).toBeCloseTo(6.7475, 10);
    } finally {
      await apollo.stop();
    }
  });
});
