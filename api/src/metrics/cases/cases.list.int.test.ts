/**
 * Case lists for operations (docs/metrics/cases.md "Case lists"): promise and
 * current-bucket filters, orders, keyset cursors and the CSV route. REPORT_TZ
 * UTC, PROMISE_GRACE_DAYS 3; a snapshot on 06-30 puts the as-of after every window.
 *
 * | case | acct (region) | opened | entry dpd | balance | promises (made → due; paid)                         |
 * |------|---------------|--------|-----------|---------|-----------------------------------------------------|
 * | C1   | A1 (north)    | 03-01  | 40        | 1000    | P1 100 03-05→03-10, nothing: broken;                |
 * |      |               |        |           |         | P2 6000 03-20→03-25, 6000 on 03-22: kept (latest)   |
 * | C2   | A2 (north)    | 03-02  | 10        | 3000    | P3 5500 03-06→03-10 broken; P4 5200 03-15→03-18     |
 * |      |               |        |           |         | broken (latest): 2 broken                           |
 * | C3   | A3 (south)    | 03-03  | 70        | 2000    | P5 800 03-07→03-12, 300 on 03-11: partial (latest)  |
 * | C4   | A1 (north)    | 03-04  | 5         | 1000    | none                                                |
 * Current buckets (latest snapshot): A1 04-30 dpd 70 → M3; A2 06-30 dpd 35 → M2; A3 04-30 closed → CLOSED.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { loadEnv } from '@collections/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSchema } from '../../schema.ts';
import { createApiServer, type ApiServer } from '../../server.ts';
import { accountTag } from '../../sql/mask.ts';
import { accountOpened, createTestApi, fixtureEvents, type TestApi } from '../../testing.ts';
import { casesCsv } from './cases.csv.ts';

const PII_KEY = 'cases-list-test-key-0123';
let api: TestApi;
let server: ApiServer;
let base: string;
const ev = fixtureEvents();
const snap = (account_id: string, as_of: string, dpd: number, status = 'open') =>
  ev(`${as_of} 23:00:00`, { account_id, as_of, dpd, balance: '100', amount_due: '0', status });
const kase = (case_id: string, account_id: string, day: string, dpd: number, balance: string) =>
  ev(`${day} 00:00:00`, {
    case_id,
    account_id,
    strategy: 'early_call',
    entry_dpd: dpd,
    entry_balance: balance,
  });
const promise = (case_id: string, ptp_id: string, made: string, due_on: string, amount: string) =>
  ev(`${made} 10:00:00`, { case_id, ptp_id, amount, due_on });
const pay = (case_id: string, account_id: string, day: string, amount: string) =>
  ev(`${day} 12:00:00`, { payment_id: `Y-${case_id}-${day}`, case_id, account_id, amount });

beforeAll(async () => {
  api = await createTestApi({ PII_KEY });
  await api.insert('account_opened', [
    accountOpened(ev, 'A1', { region: 'north' }),
    accountOpened(ev, 'A2', { region: 'north' }),
    accountOpened(ev, 'A3', { region: 'south' }),
  ]);
  await api.insert('case_opened', [
    kase('C1', 'A1', '2026-03-01', 40, '1000'),
    kase('C2', 'A2', '2026-03-02', 10, '3000'),
    kase('C3', 'A3', '2026-03-03', 70, '2000'),
    kase('C4', 'A1', '2026-03-04', 5, '1000'),
  ]);
  await api.insert('promise_to_pay', [
    promise('C1', 'P1', '2026-03-05', '2026-03-10', '100'),
    promise('C1', 'P2', '2026-03-20', '2026-03-25', '6000'),
    promise('C2', 'P3', '2026-03-06', '2026-03-10', '5500'),
    promise('C2', 'P4', '2026-03-15', '2026-03-18', '5200'),
    promise('C3', 'P5', '2026-03-07', '2026-03-12', '800'),
  ]);
  await api.insert('payment', [
    pay('C1', 'A1', '2026-03-22', '6000'),
    pay('C3', 'A3', '2026-03-11', '300'),
  ]);
  await api.insert('account_snapshot', [
    snap('A1', '2026-03-31', 40),
    snap('A1', '2026-04-30', 70),
    snap('A2', '2026-06-30', 35),
    snap('A3', '2026-04-30', 0, 'closed'),
  ]);
  const env = loadEnv({
    CHDB_PATH: api.db.dir,
    PII_KEY,
    API_KEYS: 'view-key:viewer,analyst-key:analyst',
  });
  server = await createApiServer({ db: api.db, env });
  // the ports of this work: 5400–5499
  base = await server.listen(5400 + (process.pid % 100));
});
afterAll(async () => {
  await server.close();
  await api.dispose();
});

interface Page {
  cases: { rows: { caseId: string }[]; total: number; hasNextPage: boolean; endCursor: string };
}
const LIST = `query($filter: CaseFilter, $portfolio: PortfolioFilter, $limit: Int, $orderBy: CaseOrder, $descending: Boolean, $after: String, $offset: Int) {
  cases(filter: $filter, portfolio: $portfolio, limit: $limit, orderBy: $orderBy, descending: $descending, after: $after, offset: $offset) {
    rows { caseId } total hasNextPage endCursor } }`;
const ids = async (variables: Record<string, unknown>) =>
  (await api.data<Page>(LIST, variables)).cases.rows.map((r) => r.caseId);
const errorOf = async (variables: Record<string, unknown>) => {
  const res = await api.run(LIST, variables);
  return { code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message ?? '' };
};

describe('cases: promise and bucket filters', () => {
  it('filters by the latest promise status and amount, and broken promises', async () => {
    // latest promises: C1 kept 6000, C2 broken 5200, C3 partial 800; newest opened first
    expect(await ids({ filter: { promiseStatuses: ['broken'] } })).toEqual(['C2']);
    expect(
      await ids({ filter: { promiseStatuses: ['broken', 'kept'], minPromiseAmount: 5000 } }),
    ).toEqual(['C2', 'C1']);
    expect(await ids({ filter: { maxPromiseAmount: 1000 } })).toEqual(['C3']);
    // broken: C1 1 (P1), C2 2 (P3, P4), C3 0
    expect(await ids({ filter: { minBrokenPromises: 1 } })).toEqual(['C2', 'C1']);
    expect(await ids({ filter: { minBrokenPromises: 2 } })).toEqual(['C2']);
  });

  it('filters by the current bucket of the account', async () => {
    expect(await ids({ filter: { currentBuckets: ['M3'] } })).toEqual(['C4', 'C1']);
    expect(await ids({ filter: { currentBuckets: ['M2', 'CLOSED'] } })).toEqual(['C3', 'C2']);
  });

  it('answers "broken promises over 5 000 in M2 for one region" in one request', async () => {
    // broken latest ≥ 5000: C2 (5200); current M2: A2's C2; north: A1, A2 → C2
    const page = await api.data<Page>(LIST, {
      filter: { promiseStatuses: ['broken'], minPromiseAmount: 5000, currentBuckets: ['M2'] },
      portfolio: { regions: ['north'] },
    });
    expect(page.cases.rows.map((r) => r.caseId)).toEqual(['C2']);
    expect(page.cases.total).toBe(1);
  });

  it('takes the account dimensions in filter, as the deprecated portfolio argument (docs/api.md "Naming")', async () => {
    // north: A1 (C1, C4) and A2 (C2); newest opened first
    expect(await ids({ filter: { regions: ['north'] } })).toEqual(['C4', 'C2', 'C1']);
    expect(await ids({ portfolio: { regions: ['north'] } })).toEqual(['C4', 'C2', 'C1']);
    // beside a case-level filter, and beside portfolio's other dimensions
    expect(
      await ids({
        filter: { regions: ['north'], currentBuckets: ['M3'] },
        portfolio: { products: ['credit_card'] },
      }),
    ).toEqual(['C4', 'C1']);
    const both = await errorOf({
      filter: { regions: ['north'] },
      portfolio: { regions: ['south'] },
    });
    expect(both).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'cases takes regions in filter or in portfolio, not both.',
    });
    // an unknown value in filter is refused as in portfolio, never an empty list
    const misspelt = await errorOf({ filter: { regions: ['nrth'] } });
    expect(misspelt.code).toBe('BAD_USER_INPUT');
    expect(misspelt.message).toContain('north');
  });

  it('refuses unknown statuses and buckets naming the closest, and bounds the wrong way', async () => {
    const status = await errorOf({ filter: { promiseStatuses: ['brokn'] } });
    expect(status.code).toBe('BAD_USER_INPUT');
    expect(status.message).toContain('broken');
    const bucket = await errorOf({ filter: { currentBuckets: ['M9'] } });
    expect(bucket.code).toBe('BAD_USER_INPUT');
    expect(bucket.message).toContain('M7_PLUS');
    const bounds = await errorOf({ filter: { minPromiseAmount: 10, maxPromiseAmount: 5 } });
    expect(bounds.code).toBe('BAD_USER_INPUT');
  });
});

describe('cases: order and cursors', () => {
  it('sorts by a column, ties by caseId', async () => {
    // balances C2 3000, C3 2000, C1 1000, C4 1000 (tie: C1 before C4)
    expect(await ids({ orderBy: 'ENTRY_BALANCE' })).toEqual(['C2', 'C3', 'C1', 'C4']);
    // dpd C4 5, C2 10, C1 40, C3 70
    expect(await ids({ orderBy: 'ENTRY_DPD', descending: false })).toEqual([
      'C4',
      'C2',
      'C1',
      'C3',
    ]);
  });

  it('pages with cursors across a tie, with hasNextPage and the total', async () => {
    const first = await api.data<Page>(LIST, { orderBy: 'ENTRY_BALANCE', limit: 3 });
    expect(first.cases.rows.map((r) => r.caseId)).toEqual(['C2', 'C3', 'C1']);
    expect(first.cases.hasNextPage).toBe(true);
    expect(first.cases.total).toBe(4);
    const second = await api.data<Page>(LIST, {
      orderBy: 'ENTRY_BALANCE',
      limit: 3,
      after: first.cases.endCursor,
    });
    expect(second.cases.rows.map((r) => r.caseId)).toEqual(['C4']);
    expect(second.cases.hasNextPage).toBe(false);
    expect(second.cases.total).toBe(4);
    // the offset pages of the SPEC keep working
    expect(await ids({ limit: 2, offset: 2 })).toEqual(['C2', 'C1']);
  });

  it('refuses a cursor of another order, a forged one, and a cursor with an offset', async () => {
    const first = await api.data<Page>(LIST, { orderBy: 'ENTRY_BALANCE', limit: 1 });
    const other = await errorOf({ orderBy: 'ENTRY_DPD', after: first.cases.endCursor });
    expect(other).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(other.message).toContain('another order');
    const forged = Buffer.from(
      JSON.stringify({ o: 'ENTRY_BALANCE', d: true, v: "1'); DROP", id: 'C1' }),
    ).toString('base64url');
    expect(await errorOf({ orderBy: 'ENTRY_BALANCE', after: forged })).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await errorOf({ after: 'not-a-cursor' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      await errorOf({ orderBy: 'ENTRY_BALANCE', after: first.cases.endCursor, offset: 1 }),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

const csv = (query: string, key?: string) =>
  fetch(`${base}/cases.csv${query}`, key ? { headers: { authorization: `Bearer ${key}` } } : {});

describe('GET /cases.csv', () => {
  it('streams every matching case with masked accounts, for analysts', async () => {
    const filter = encodeURIComponent(JSON.stringify({ minBrokenPromises: 1 }));
    const res = await csv(`?filter=${filter}&orderBy=ENTRY_BALANCE`, 'analyst-key');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'caseId,accountMasked,openedAt,strategy,experiment,armRole,segment,entryDpd,entryBucket,entryBalance,agentId,agentName,team,closed,closedAt,outcome,paid',
    );
    // C2 (3000), then C1 (1000); paid: C1 6000, C2 0
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['C2', 'C1']);
    expect(lines[1]).toContain(accountTag(PII_KEY, 'A2'));
    expect(lines[2]).toContain(accountTag(PII_KEY, 'A1'));
    expect(lines[2]!.endsWith(',6000')).toBe(true);
    expect(lines.join('\n')).not.toMatch(/,A[123],/);
  });

  it('has the access and the checks of cases', async () => {
    expect((await csv('')).status).toBe(401);
    expect((await csv('', 'view-key')).status).toBe(403);
    const bad = await csv(
      `?filter=${encodeURIComponent(JSON.stringify({ promiseStatuses: ['kep'] }))}`,
      'analyst-key',
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('kept');
    const unknownField = await csv(
      `?filter=${encodeURIComponent(JSON.stringify({ colour: ['red'] }))}`,
      'analyst-key',
    );
    expect(unknownField.status).toBe(400);
    expect((await csv('?filter={oops', 'analyst-key')).status).toBe(400);
    expect((await csv('?orderBy=PAID', 'analyst-key')).status).toBe(400);
    const region = await csv(
      `?portfolio=${encodeURIComponent(JSON.stringify({ regions: ['nrth'] }))}`,
      'analyst-key',
    );
    expect(region.status).toBe(400);
    expect(((await region.json()) as { error: string }).error).toContain('north');
  });

  it('reads the list page by page (one row a page here) and ends where the list ends', async () => {
    const written: string[] = [];
    const res = {
      statusCode: 0,
      destroyed: false,
      setHeader: () => undefined,
      write: (chunk: string) => written.push(chunk) > 0,
      end: () => undefined,
      on: () => undefined,
      off: () => undefined,
    } as unknown as ServerResponse;
    const ctx = { db: api.db, env: api.env, role: 'analyst' as const, requestId: 'csv-test' };
    await casesCsv(res, new URL('http://x/cases.csv?orderBy=ENTRY_DPD'), ctx, await apiSchema(), 1);
    // header + one write per page: C3 70, C1 40, C2 10, C4 5
    expect(written).toHaveLength(5);
    expect(written.slice(1).map((w) => w.split(',')[0])).toEqual(['C3', 'C1', 'C2', 'C4']);
  });
});

describe('GET /cases.csv admission', () => {
  // a server of its own: CSV_MAX_ROWS 3 (the list has 4 cases), CSV_MAX_COST 30 (a plain page
  // of 5 000 rows costs 3.5 × (1 + 0.15 × 49) = 29.225),
  // one query at a time, 2 waiting at most, 1 per caller
  let small: ApiServer;
  let smallBase: string;
  beforeAll(async () => {
    const env = loadEnv({
      CHDB_PATH: api.db.dir,
      PII_KEY,
      API_KEYS: 'analyst-key:analyst',
      CSV_MAX_ROWS: '3',
      CSV_MAX_COST: '30',
      QUERY_CONCURRENCY: '1',
      QUERY_QUEUE_MAX: '2',
      QUERY_QUEUE_MAX_PER_CALLER: '1',
    });
    small = await createApiServer({ db: api.db, env, log: () => undefined });
    // the ports of this work: 4620–4629
    smallBase = await small.listen(4620 + (process.pid % 10));
  });
  afterAll(() => small.close());
  const get = (query = '') =>
    fetch(`${smallBase}/cases.csv${query}`, { headers: { authorization: 'Bearer analyst-key' } });
  /** Holds the only lane until released (the engine is busy). */
  const holdLane = async () => {
    await small.serving.warmed();
    let release!: () => void;
    const held = small.serving.scheduler.run(
      { caller: 'holder', request: 'hold' },
      () => new Promise<void>((r) => (release = r)),
    );
    while (!release) await new Promise((r) => setTimeout(r, 5));
    return { held, release: () => release() };
  };

  it('refuses a list over CSV_MAX_ROWS with 413 before any row, and serves a narrower one', async () => {
    const all = await get();
    expect(all.status).toBe(413);
    expect(((await all.json()) as { error: string }).error).toBe(
      'The list has 4 cases, over the 3 one CSV may hold (CSV_MAX_ROWS): narrow the filter (e.g. openedFrom, openedTo).',
    );
    // north: C1, C2, C4 (3 rows, the cap)
    const north = await get(`?portfolio=${encodeURIComponent('{"regions":["north"]}')}`);
    expect(north.status).toBe(200);
    expect((await north.text()).trimEnd().split('\r\n')).toHaveLength(4);
  });

  it('refuses a CSV whose estimated cost is over CSV_MAX_COST before any query', async () => {
    // a promise filter: (3.5 + 28) × (1 + 0.15 × (5000 / 100 − 1)) = 263.025 for one page of 5 000
    const res = await get(`?filter=${encodeURIComponent('{"minBrokenPromises":1}')}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe(
      "The CSV's estimated cost is 263 for 5000 rows, over the limit of 30 (CSV_MAX_COST): narrow the filter (e.g. openedFrom, openedTo).",
    );
  });

  it('answers a busy engine with 503, and a caller with too many queries waiting with 429', async () => {
    const lane = await holdLane();
    // two other callers fill the queue: the CSV's count query is refused (queue_full)
    const waiting = ['w1', 'w2'].map((caller) =>
      small.serving.scheduler.run({ caller, request: caller }, async () => undefined),
    );
    const busy = await get(`?portfolio=${encodeURIComponent('{"regions":["north"]}')}`);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).not.toBeNull();
    lane.release();
    await Promise.all([lane.held, ...waiting]);

    const again = await holdLane();
    // the analyst's key already has a query waiting (its caller id: a digest of the key)
    const caller = createHash('sha256').update('analyst-key').digest('hex').slice(0, 16);
    const own = small.serving.scheduler.run({ caller, request: 'other' }, async () => undefined);
    const tooMany = await get(`?portfolio=${encodeURIComponent('{"regions":["north"]}')}`);
    expect(tooMany.status).toBe(429);
    expect(tooMany.headers.get('retry-after')).not.toBeNull();
    again.release();
    await Promise.all([again.held, own]);
  });
});
