/**
 * A mutation, a subscription, an unknown operationName or a document with
 * several operations and no operationName is a client error: HTTP 400
 * BAD_REQUEST, refused before execution and not logged as a server fault.
 */
import { loadEnv } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorLog } from '../apollo.ts';
import { createApiServer, type ApiServer } from '../server.ts';

let db: TempDb;
let api: ApiServer;
let base: string;
const logged: Parameters<ErrorLog>[0][] = [];

beforeAll(async () => {
  db = await openTempDb();
  api = await createApiServer({
    db,
    env: loadEnv({ CHDB_PATH: db.dir }),
    log: (e) => logged.push(e),
  });
  base = await api.listen(0);
});
afterAll(async () => {
  await api.close();
  await db.dispose();
});

const post = async (body: Record<string, unknown>) => {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { errors?: { message: string; extensions: { code: string } }[] },
  };
};

describe('operations other than one query', () => {
  it.each([
    [
      { query: 'mutation { asOf { date } }' },
      'This API answers queries only; a mutation cannot be run.',
    ],
    [
      { query: 'subscription { asOf { date } }' },
      'This API answers queries only; a subscription cannot be run.',
    ],
    [
      { query: 'query A { asOf { date } }', operationName: 'B' },
      'The document has no operation named "B".',
    ],
    [
      { query: 'query A { asOf { date } } query B { asOf { date } }' },
      'The document has several operations: pass operationName to choose one.',
    ],
  ])('%j → 400 BAD_REQUEST', async (body, message) => {
    const { status, body: result } = await post(body);
    expect(status).toBe(400);
    expect(result.errors).toEqual([{ message, extensions: { code: 'BAD_REQUEST' } }]);
    expect(logged).toEqual([]);
  });

  it('still runs the named operation of several', async () => {
    const { status, body } = await post({
      query: 'query A { asOf { date } } query B { dimensions { portfolios } }',
      operationName: 'A',
    });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { asOf: { date: null } } });
  });
});
