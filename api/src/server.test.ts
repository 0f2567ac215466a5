import { loadEnv } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorLog } from './apollo.ts';
import { assertSafeBinding, authenticate, requireRole } from './auth.ts';
import { createApiServer, type ApiServer } from './server.ts';

let db: TempDb;
let api: ApiServer;
let base: string;
const logged: Parameters<ErrorLog>[0][] = [];

beforeAll(async () => {
  db = await openTempDb();
  const env = loadEnv({ CHDB_PATH: db.dir, API_KEYS: 'view-key:viewer,admin-key:admin' });
  api = await createApiServer({ db, env, log: (e) => logged.push(e) });
  base = await api.listen(0);
});
afterAll(async () => {
  await api.close();
  await db.dispose();
});

const ASOF = JSON.stringify({ query: '{ asOf { date } }' });
const post = (body: string, key?: string) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body,
  });

describe('HTTP server', () => {
  it('GET /report.pdf needs a key like the API and refuses a bad month with a clear 400', async () => {
    const pdf = (q: string, key?: string) =>
      fetch(`${base}/report.pdf${q}`, key ? { headers: { authorization: `Bearer ${key}` } } : {});
    const anonymous = await pdf('?month=2026-10');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    for (const [q, message] of [
      ['', 'Give the month of the report: /report.pdf?month=YYYY-MM.'],
      ['?month=2026-13', 'month must be a month as YYYY-MM, got "2026-13".'],
      ['?month=oct%27;DROP', `month must be a month as YYYY-MM, got "oct';DROP".`],
    ] as const) {
      const res = await pdf(q, 'view-key');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: message });
    }
  });

  it('GET /healthz is 200 once the database answers', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('answers 401 without a key and with a wrong key, 200 with a valid one', async () => {
    const none = await post(ASOF);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect((await post(ASOF, 'nope')).status).toBe(401);
    const ok = await post(ASOF, 'view-key');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { asOf: { date: null } } });
  });

  it('masks internal errors (no SQL, no stack) and logs them with the request id', async () => {
    await db.client.command({ query: 'RENAME TABLE account_month TO account_month_gone' });
    try {
      const res = await post(
        JSON.stringify({
          query: '{ rollRates(fromMonth: "2026-01", toMonth: "2026-02") { pooledUnobserved } }',
        }),
        'view-key',
      );
      const requestId = res.headers.get('x-request-id')!;
      const body = (await res.json()) as {
        errors: { message: string; extensions: Record<string, unknown> }[];
      };
      const text = JSON.stringify(body);
      expect(body.errors[0]!.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(body.errors[0]!.message).toContain(requestId);
      expect(text).not.toMatch(/account_month|SELECT|FROM|\.ts:|at /);
      const entry = logged.find((e) => e.requestId === requestId);
      expect(String((entry?.cause as Error).message)).toContain('account_month');
    } finally {
      await db.client.command({ query: 'RENAME TABLE account_month_gone TO account_month' });
    }
  });

  it('without a fallback, / points to /graphql and other paths are 404 (the app serves the dashboard)', async () => {
    const root = await fetch(`${base}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
    expect(await root.text()).toContain('href="/graphql"');
    expect((await fetch(`${base}/agents/team-a`)).status).toBe(404);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(404);
  });
});

describe('access (docs/api.md#access)', () => {
  const env = loadEnv({ API_KEYS: 'k1:viewer,k2:analyst' });
  it('maps bearer keys to roles', () => {
    expect(authenticate(env, 'Bearer k2')).toEqual({ ok: true, role: 'analyst' });
    expect(authenticate(env, 'Bearer k3').ok).toBe(false);
    expect(authenticate(env, 'k1').ok).toBe(false);
    expect(authenticate(loadEnv({}), undefined)).toEqual({ ok: true, role: 'admin' });
  });

  it('requireRole refuses a lower role with FORBIDDEN', () => {
    expect(() => requireRole({ role: 'viewer' }, 'analyst')).toThrow(/needs the analyst role/);
    try {
      requireRole({ role: 'analyst' }, 'admin');
      expect.unreachable();
    } catch (err) {
      expect((err as { extensions: { code: string } }).extensions.code).toBe('FORBIDDEN');
    }
    expect(() => requireRole({ role: 'admin' }, 'analyst')).not.toThrow();
  });

  it('refuses to start on a non-loopback HOST without API_KEYS', () => {
    expect(() => assertSafeBinding(loadEnv({ HOST: '0.0.0.0' }))).toThrow(
      /Refusing to start: HOST=0\.0\.0\.0/,
    );
    expect(() => assertSafeBinding(loadEnv({ HOST: '127.0.0.1' }))).not.toThrow();
    expect(() =>
      assertSafeBinding(loadEnv({ HOST: '0.0.0.0', API_KEYS: 'k:viewer' })),
    ).not.toThrow();
    // The entry point's exit with that sentence: app/src/serve.int.test.ts.
  });
});
