/**
 * The product's wiring through the real HTTP server on a temp database: the inbox
 * job loads a file and the API's next answer reflects it; the built dashboard is
 * served with an SPA fallback beside /graphql; the entry point refuses an unsafe
 * binding with one sentence.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createApiServer, type ApiServer } from '@collections/api';
import { loadEnv } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInbox } from './inbox.ts';
import { dashboardFiles } from './static.ts';

let db: TempDb;
let api: ApiServer;
let base: string;
let stopInbox: () => Promise<void>;
const inbox = mkdtempSync(path.join(tmpdir(), 'app-inbox-'));

beforeAll(async () => {
  db = await openTempDb();
  const dist = path.join(db.dir, 'dist');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
  const env = loadEnv({
    CHDB_PATH: db.dir,
    API_KEYS: 'view-key:viewer',
    PII_KEY: 'app-test-key-0123456',
  });
  api = await createApiServer({ db, env, log: () => undefined, fallback: dashboardFiles(dist) });
  base = await api.listen(0);
  stopInbox = await startInbox(
    db,
    { ...env, INBOX_DIR: inbox },
    () => undefined,
    () => api.serving.version.changed(),
  );
});
afterAll(async () => {
  await stopInbox();
  await api.close();
  await db.dispose();
});

const asOf = async () => {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer view-key' },
    body: JSON.stringify({ query: '{ asOf { date } }' }),
  });
  return ((await res.json()) as { data: { asOf: { date: string | null } } }).data.asOf.date;
};

async function until(check: () => Promise<boolean>, tries: number): Promise<void> {
  for (let i = 0; i < tries && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
}

describe('the product', () => {
  it('after a load commits, the next answer reflects it (the inbox job moves the data version)', async () => {
    expect(await asOf()).toBeNull(); // empty database; this answer is now cached
    expect(await asOf()).toBeNull();
    const payment = {
      event_id: 'p1',
      type: 'payment',
      occurred_at: '2024-03-01T10:00:00Z',
      payment_id: 'p1',
      account_id: 'A',
      amount: 10,
    };
    writeFileSync(path.join(inbox, '1.ndjson'), `${JSON.stringify(payment)}\n`);
    // The inbox takes a file once it stood still for a poll (2 s); then the answer moves.
    await until(async () => (await asOf()) !== null, 150);
    expect(await asOf()).toBe('2024-03-01');
  });

  it('serves the dashboard at / with an SPA fallback; keeps /graphql', async () => {
    const root = await fetch(`${base}/`);
    expect(root.headers.get('content-type')).toContain('text/html');
    expect(await root.text()).toContain('id="root"');
    expect(await (await fetch(`${base}/agents/team-a`)).text()).toContain('id="root"');
    expect(await (await fetch(`${base}/assets/app.js`)).text()).toBe('console.log(1)');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/../../etc/passwd`)).status).not.toBe(500);
    expect((await fetch(`${base}/graphql`, { method: 'POST' })).status).not.toBe(404);
  });

  it('`pnpm api` refuses a non-loopback HOST without API_KEYS: exit 1, one sentence, no stack', async () => {
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
