import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
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
  const dist = path.join(db.dir, 'dist');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
  const env = loadEnv({ CHDB_PATH: db.dir, API_KEYS: 'view-key:viewer,admin-key:admin' });
  api = await createApiServer({ db, env, log: (e) => logged.push(e), dashboardDir: dist });
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

  it('serves the dashboard at / with an SPA fallback; keeps /graphql', async () => {
    const root = await fetch(`${base}/`);
    expect(root.headers.get('content-type')).toContain('text/html');
    expect(await root.text()).toContain('id="root"');
    expect(await (await fetch(`${base}/agents/team-a`)).text()).toContain('id="root"');
    expect(await (await fetch(`${base}/assets/app.js`)).text()).toBe('console.log(1)');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/../../etc/passwd`)).status).not.toBe(500);
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

  it('refuses to start on a non-loopback HOST without API_KEYS', async () => {
    expect(() => assertSafeBinding(loadEnv({ HOST: '0.0.0.0' }))).toThrow(
      /Refusing to start: HOST=0\.0\.0\.0/,
    );
    expect(() => assertSafeBinding(loadEnv({ HOST: '127.0.0.1' }))).not.toThrow();
    expect(() =>
      assertSafeBinding(loadEnv({ HOST: '0.0.0.0', API_KEYS: 'k:viewer' })),
    ).not.toThrow();
    // The real entry point exits non-zero with that sentence and no stack.
    const main = path.resolve(import.meta.dirname, 'main.ts');
    const run = promisify(execFile)('pnpm', ['exec', 'tsx', main], {
      env: { ...process.env, HOST: '0.0.0.0', API_KEYS: '', CHDB_PATH: path.join(db.dir, 'never') },
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^Refusing to start/),
    });
  });
});
