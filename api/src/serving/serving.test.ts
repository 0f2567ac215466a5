/**
 * The serving layer through the real HTTP server on a temp database: answers
 * move when the data version moves (the app's inbox job moves it after each
 * committed load: app/src/serve.int.test.ts), aliases execute once, /healthz degrades while
 * queries wait, /metrics, overload refusals, and a hang-up cancels waiting queries.
 */
import { randomUUID } from 'node:crypto';
import { loadEnv, refreshDerived } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer, type ApiServer } from '../server.ts';

let db: TempDb;
let api: ApiServer;
let base: string;

beforeAll(async () => {
  db = await openTempDb();
  const env = loadEnv({
    CHDB_PATH: db.dir,
    API_KEYS: 'view-key:viewer,other-key:viewer',
    QUERY_CONCURRENCY: '1',
    QUERY_QUEUE_MAX: '4',
    HEALTH_MAX_QUEUE_WAIT_SECONDS: '1',
    PII_KEY: 'serving-test-key-0123',
  });
  api = await createApiServer({ db, env, log: () => undefined });
  base = await api.listen(0);
});
afterAll(async () => {
  await api.close();
  await db.dispose();
});

const post = (query: string, key = 'view-key', signal?: AbortSignal) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
    signal,
  });

const asOf = async () =>
  ((await (await post('{ asOf { date } }')).json()) as { data: { asOf: { date: string | null } } })
    .data.asOf.date;

/** Hold the only read lane until `release()`, so that further queries wait (after any warm-up). */
async function holdLane() {
  await api.serving.warmed();
  let release!: () => void;
  const held = api.serving.scheduler.run(
    { caller: 'test', request: 'hold' },
    () => new Promise<void>((r) => (release = r)),
  );
  return { release: () => release(), held };
}

async function until(check: () => boolean | Promise<boolean>, tries = 100): Promise<void> {
  for (let i = 0; i < tries && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
}

const metric = async (name: string) => {
  const text = await (
    await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer view-key' } })
  ).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

describe('answers until the data changes', () => {
  it('after a load commits, the next answer reflects it (the data version moves, cached answers go)', async () => {
    expect(await asOf()).toBeNull(); // empty database; this answer is now cached
    expect(await asOf()).toBeNull();
    // A committed load, as the ETL leaves it: event rows under a load id, derived tables refreshed.
    const loadId = randomUUID();
    await db.client.insert({
      table: 'payment',
      values: [
        {
          event_id: 'p1',
          occurred_at: '2024-03-01 10:00:00.000',
          payment_id: 'p1',
          account_id: 'A',
          amount: '10.00',
          load_id: loadId,
        },
      ],
      format: 'JSONEachRow',
    });
    await refreshDerived(db, { loadIds: [loadId] });
    expect(await asOf()).toBeNull(); // still the cached answer: nothing said the data changed
    api.serving.version.changed(); // what the app's inbox job calls after each committed load
    expect(await asOf()).toBe('2024-03-01');
  });

  it('aliases of the same field and arguments execute once', async () => {
    await api.serving.warmed();
    const before = (await metric('api_answer_cache_lookups_total{outcome="miss"}')) ?? 0;
    const res = await post(
      '{ a: kpis(from: "2022-05-01", to: "2022-05-31") { from } b: kpis(to: "2022-05-31", from: "2022-05-01") { to } }',
    );
    expect(await res.json()).toEqual({
      data: { a: { from: '2022-05-01' }, b: { to: '2022-05-31' } },
    });
    expect(await metric('api_answer_cache_lookups_total{outcome="miss"}')).toBe(before + 1);
  });

  it('caches a whole answer: a first request selecting little does not strip comparisons from a later one', async () => {
    // the warm-up asks `kpis { __typename }`; the Overview then asks for previous and yearAgo
    await post('{ kpis(from: "2022-06-01", to: "2022-06-30") { __typename } }');
    const res = await post(
      '{ kpis(from: "2022-06-01", to: "2022-06-30") { kpis { name previous } } }',
    );
    const body = (await res.json()) as {
      data: { kpis: { kpis: { name: string; previous: number | null }[] } };
    };
    expect(body.data.kpis.kpis.length).toBeGreaterThan(0);
    // a count or an amount of May is a number (0 where nothing happened), never null;
    // the rates may be null there (nothing to divide by)
    const counts = ['delinquent_accounts', 'cases_opened', 'cases_closed', 'charge_offs'];
    const previous = body.data.kpis.kpis.filter((k) => counts.includes(k.name));
    expect(previous.map((k) => k.name).sort()).toEqual([...counts].sort());
    expect(previous.filter((k) => k.previous === null)).toEqual([]);
  });

  it('answers an identical JSON request body from the whole-response cache', async () => {
    const response = 'api_answer_cache_lookups_total{outcome="response"}';
    const query = '{ kpis(from: "2022-07-01", to: "2022-07-31") { to } }';
    const first = await (await post(query)).text();
    const before = (await metric(response)) ?? 0;
    expect(await (await post(query)).text()).toBe(first);
    expect(await metric(response)).toBe(before + 1);
  });
});

describe('bounded, fair, cancellable execution', () => {
  it('refuses with 503 and Retry-After when the queue is full', async () => {
    const lane = await holdLane();
    const waiting = ['w1', 'w2', 'w3', 'w4'].map((request) =>
      api.serving.scheduler.run({ caller: 'test', request }, async () => undefined),
    );
    const res = await post('{ kpis(from: "2023-01-01", to: "2023-01-31") { from } }');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({
      errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }],
    });
    lane.release();
    await Promise.all([lane.held, ...waiting]);
  });

  it('a client that hangs up takes its waiting queries out of the queue', async () => {
    const lane = await holdLane();
    const hangUp = new AbortController();
    const request = post(
      '{ kpis(from: "2022-01-01", to: "2022-01-31") { from } }',
      'other-key',
      hangUp.signal,
    ).catch(() => undefined);
    await until(() => api.serving.scheduler.queued > 0);
    expect(api.serving.scheduler.queued).toBeGreaterThan(0);
    hangUp.abort();
    await request;
    await until(() => api.serving.scheduler.queued === 0);
    // The lane is still held: without cancellation the query would still be waiting.
    expect(api.serving.scheduler.queued).toBe(0);
    expect(await metric('api_refused_total{reason="cancelled"}')).toBeGreaterThanOrEqual(1);
    lane.release();
    await lane.held;
  });
});

describe('health and metrics', () => {
  it('/healthz is 503 "degraded" with the oldest wait while queries wait longer than the bound', async () => {
    await api.serving.warmed();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const lane = await holdLane();
    const waiting = api.serving.scheduler.run({ caller: 'test', request: 'w' }, async () => 1);
    await new Promise((r) => setTimeout(r, 1200));
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; oldestQueuedWaitSeconds: number };
    expect(body.status).toBe('degraded');
    expect(body.oldestQueuedWaitSeconds).toBeGreaterThanOrEqual(1);
    lane.release();
    await Promise.all([lane.held, waiting]);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('/metrics needs a key when API_KEYS is set and speaks Prometheus text', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const res = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer view-key' } });
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of [
      'api_http_requests_total',
      'api_metric_duration_seconds_bucket',
      'api_query_queue_length',
      'api_answer_cache_hit_ratio',
      'api_refused_total',
      'process_resident_memory_bytes',
    ])
      expect(text).toContain(name);
  });
});
