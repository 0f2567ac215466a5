/**
 * Exactly-once under crashes (docs/etl.md): a load killed with SIGKILL at several
 * points (after each step, inside the derived refresh after the files, and at timed
 * moments inside queries), then run again, ends with the same tables as one
 * uninterrupted load: every event stored once, every bad row quarantined once, and
 * every derived table holding what one refresh of every load writes. Each run is a child process (chDB allows one
 * process per database directory), so the parent never opens the database.
 */
import { spawnSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./testing/crash-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'etl-crash-test-'));
const inbox = path.join(work, 'in');
/** c.ndjson and d.ndjson alone: clean and small, so that onePass auto loads them in one batch */
const batchInbox = path.join(work, 'in-batch');
/** e.ndjson: a second load onto the first one's rows (a–d), so that the DELETEs run */
const secondInbox = path.join(work, 'in-second');

interface ChildResult {
  summary: { loaded: number; duplicates: number; quarantined: number; recovered: number };
  counts: Record<string, string>;
}

function env(db: string) {
  return { ...process.env, CHDB_PATH: db, PII_KEY: 'crash-test-key-0123456789' };
}

function runChild(
  db: string,
  killAt: string,
  run: { inbox: string; onePass: string } = { inbox, onePass: 'always' },
): { signal: NodeJS.Signals | null; result?: ChildResult; stderr: string } {
  const args = [killAt, '4', run.onePass, run.inbox];
  const out = spawnSync(process.execPath, ['--import', 'tsx', child, ...args], {
    cwd: root,
    env: env(db),
    encoding: 'utf8',
  });
  const line = out.stdout.trim().split('\n').pop();
  return {
    signal: out.signal,
    result: out.status === 0 && line ? (JSON.parse(line) as ChildResult) : undefined,
    stderr: out.stderr,
  };
}

/** Start a load and SIGKILL it `ms` after its first step was announced: somewhere inside the queries. */
function killAfterStart(db: string, ms: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, 'none', '4', 'always', inbox], {
      cwd: root,
      env: env(db),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let timer: NodeJS.Timeout | undefined;
    proc.stderr.on('data', (chunk: Buffer) => {
      if (!timer && chunk.toString().includes('step:ledger-loading#1'))
        timer = setTimeout(() => proc.kill('SIGKILL'), ms);
    });
    proc.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal);
    });
  });
}

const line = (id: string, type: string, extra: Record<string, unknown>) =>
  JSON.stringify({ event_id: id, type, occurred_at: '2024-03-01T10:00:00Z', ...extra });
const pay = (id: string, amount: number) =>
  line(id, 'payment', { payment_id: `p-${id}`, account_id: 'A-1', amount });

let reference: ChildResult;

/**
 * One test per kill point: killed there, then run again, the tables equal `expected`'s.
 * `from`: a database directory to start from (copied), else an empty one.
 */
function killAndRerunEach(
  points: readonly string[],
  prefix: string,
  expected: () => ChildResult,
  run?: { inbox: string; onePass: string },
  from?: string,
): void {
  for (const killAt of points) {
    it(`killed after ${killAt}, the rerun ends with every event stored exactly once`, () => {
      const db = path.join(work, `${prefix}-${killAt.replace(/[#:]/g, '-')}`);
      if (from) cpSync(from, db, { recursive: true });
      const crashed = runChild(db, killAt, run);
      expect(crashed.signal).toBe('SIGKILL');
      const rerun = runChild(db, 'none', run);
      expect(rerun.result?.counts).toEqual(expected().counts);
    });
  }
}

beforeAll(() => {
  mkdirp(inbox);
  // a.ndjson: 10 rows (8 new payments, 1 duplicate, 1 invalid); b.ndjson: 6 rows
  // (4 new snapshots, 1 re-delivered payment from a.ndjson, 1 conflicting one).
  writeFileSync(
    path.join(inbox, 'a.ndjson'),
    [
      pay('a1', 1),
      pay('a2', 2),
      pay('a3', 3),
      pay('a4', 4),
      pay('a1', 1),
      '{oops',
      pay('a5', 5),
      pay('a6', 6),
      pay('a7', 7),
      pay('a8', 8),
    ].join('\n') + '\n',
  );
  writeFileSync(
    path.join(inbox, 'b.ndjson'),
    [
      ...[1, 2, 3, 4].map((i) =>
        line(`s${i}`, 'account_snapshot', {
          account_id: `A-${i}`,
          as_of: '2024-02-29',
          dpd: i,
          balance: 10,
          amount_due: 1,
          status: 'open',
        }),
      ),
      pay('a2', 2),
      pay('a3', 33),
    ].join('\n') + '\n',
  );
  // c.ndjson: 4 rows, clean but for one line without amount (missing_field): the one pass
  // loads it (a.ndjson and b.ndjson have duplicates: their one pass is dropped and they
  // take the careful path).
  writeFileSync(
    path.join(inbox, 'c.ndjson'),
    [
      pay('c1', 11),
      pay('c2', 12),
      line('c3', 'payment', { payment_id: 'p-c3', account_id: 'A-1' }),
      pay('c4', 14),
    ].join('\n') + '\n',
  );
  // d.ndjson: 10 rows, one case's story (opened, two assignees, a call, an SMS, a promise, a
  // payment, a second call, the closure), for the derived tables attempts, assignments and
  // promises feed (agent_day, voice_attempts, promise_facts, case_outcome_facts, …).
  const on = (day: string, time: string) => ({ occurred_at: `2024-03-${day}T${time}:00Z` });
  writeFileSync(
    path.join(inbox, 'd.ndjson'),
    [
      line('d0', 'agent_registered', { agent_id: 'AG-1', name: 'Ann', team: 'T1' }),
      line('d1', 'case_opened', {
        ...on('01', '08:00'),
        case_id: 'C-1',
        account_id: 'A-1',
        strategy: 'early_call',
        entry_dpd: 5,
        entry_balance: 100,
      }),
      line('d2', 'case_assigned', { ...on('01', '08:30'), case_id: 'C-1', agent_id: 'AG-1' }),
      line('d3', 'contact_attempt', {
        ...on('01', '09:00'),
        case_id: 'C-1',
        agent_id: 'AG-1',
        channel: 'call',
        outcome: 'promise_to_pay',
        duration_s: 60,
        cost: 0.5,
      }),
      line('d4', 'contact_attempt', {
        ...on('01', '09:30'),
        case_id: 'C-1',
        channel: 'sms',
        outcome: 'delivered',
      }),
      line('d5', 'promise_to_pay', {
        ...on('01', '09:40'),
        ptp_id: 'ptp-1',
        case_id: 'C-1',
        agent_id: 'AG-1',
        amount: 50,
        due_on: '2024-03-05',
      }),
      line('d6', 'payment', {
        ...on('04', '10:00'),
        payment_id: 'p-d6',
        account_id: 'A-1',
        case_id: 'C-1',
        amount: 50,
      }),
      line('d7', 'case_assigned', { ...on('04', '12:00'), case_id: 'C-1', agent_id: 'AG-2' }),
      line('d8', 'contact_attempt', {
        ...on('06', '09:00'),
        case_id: 'C-1',
        agent_id: 'AG-2',
        channel: 'call',
        outcome: 'no_answer',
      }),
      line('d9', 'case_closed', { ...on('07', '00:00'), case_id: 'C-1', outcome: 'paid_in_full' }),
    ].join('\n') + '\n',
  );
  mkdirp(batchInbox);
  for (const name of ['c.ndjson', 'd.ndjson'])
    copyFileSync(path.join(inbox, name), path.join(batchInbox, name));
  const db = path.join(work, 'reference');
  const run = runChild(db, 'none');
  if (!run.result) throw new Error(`reference load failed: ${run.stderr}`);
  reference = run.result;
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function mkdirp(dir: string) {
  spawnSync('mkdir', ['-p', dir]);
}

describe('kill -9 and rerun', () => {
  it('the reference load stores each event once', () => {
    // payments a1–a8 + c1, c2, c4 + d6 = 12, snapshots s1–s4 = 4, d.ndjson's 9 others;
    // quarantine: '{oops' + conflicting a3 + c3 = 3; duplicates: a1 (same file) + a2 (from
    // b.ndjson) = 2.
    expect(reference.summary).toMatchObject({ loaded: 25, duplicates: 2, quarantined: 3 });
    expect(reference.counts).toMatchObject({
      payment: '12/12',
      account_snapshot: '4/4',
      case_assigned: '2/2',
      contact_attempt: '3/3',
      event_index: '25/25',
      quarantine: '3/3',
      scratch: '0',
    });
    // one payment_facts row per stored payment, one promise_facts row per promise
    expect(reference.counts.payment_facts).toMatch(/^12\//);
    expect(reference.counts.promise_facts).toMatch(/^1\//);
  });

  // Steps: a.ndjson ledger-loading#1 (one pass, dropped: duplicates), ledger-loading#2, staged#1,
  // chunk-written#1–#3 (10 lines in chunks of 4), before-done#1, done#1; b.ndjson the same
  // with ledger-loading#3/#4, staged#2, chunk-written#4–#5 (6 lines), before-done#2, done#2;
  // c.ndjson in one pass: ledger-loading#5, staged#3 (event rows written and proven new),
  // chunk-written#6 (event_index and quarantine written), before-done#3, done#3 (ledger
  // `loaded`); d.ndjson in one pass: ledger-loading#6, staged#4, chunk-written#7,
  // before-done#4, done#4; then refreshing#1, the derived tables, refreshed#1, the ledger
  // `done`.
  // insert:<table>: killed inside that table's refresh, after its INSERT and before the
  // DELETE of the rows it replaces (account_month, kpi_daily) or before the next table.
  const points = [
    'ledger-loading#1',
    'ledger-loading#2',
    'staged#1',
    'chunk-written#1',
    'chunk-written#2',
    'before-done#1',
    'done#1',
    'staged#2',
    'chunk-written#4',
    'before-done#2',
    'ledger-loading#5',
    'staged#3',
    'chunk-written#6',
    'before-done#3',
    'done#3',
    'staged#4',
    'refreshing#1',
    'insert:account_month',
    'insert:promise_facts',
    'insert:payment_facts',
    'insert:voice_attempts',
    'insert:case_outcome_facts',
    'insert:kpi_daily',
    'insert:agent_day',
    'insert:agent_case_days',
    'refreshed#1',
  ];
  killAndRerunEach(points, 'kill', () => reference);

  for (const ms of [800]) {
    it(`killed at a timed moment (${ms} ms after the load began), the rerun ends the same`, async () => {
      const db = path.join(work, `timed-${ms}`);
      // (if the load finished first, the signal is null and the rerun is a no-op: still checked)
      await killAfterStart(db, ms);
      const rerun = runChild(db, 'none');
      expect(rerun.result?.counts).toEqual(reference.counts);
    });
  }
});

describe('kill -9 and rerun, small files in one batch', () => {
  const batch = { inbox: batchInbox, onePass: 'auto' };
  let batchReference: ChildResult;

  beforeAll(() => {
    const run = runChild(path.join(work, 'batch-reference'), 'none', batch);
    if (!run.result) throw new Error(`batch reference load failed: ${run.stderr}`);
    batchReference = run.result;
  });

  it('the batch stores what the careful path stores, derived tables included', () => {
    // c.ndjson: c1, c2, c4 stored, c3 quarantined; d.ndjson: 10 events.
    expect(batchReference.summary).toMatchObject({ loaded: 13, duplicates: 0, quarantined: 1 });
    const careful = runChild(path.join(work, 'batch-careful'), 'none', {
      inbox: batchInbox,
      onePass: 'never',
    });
    expect(careful.result?.counts).toEqual(batchReference.counts);
  });

  // Steps of the batch (c.ndjson #1, d.ndjson #2): ledger-loading#1–#2 (both `loading`, one
  // insert, after the pass and its proof, before the attaches), staged#1–#2 (event rows attached), chunk-written#1–#2 (event_index and
  // quarantine written), before-done#1–#2, done#1–#2 (both `loaded`, one insert), then the
  // refresh.
  const points = [
    'ledger-loading#1',
    'staged#1',
    'chunk-written#1',
    'before-done#2',
    'done#1',
    'refreshing#1',
    'insert:payment_facts',
  ];
  killAndRerunEach(points, 'batch-kill', () => batchReference, batch);
});

describe('kill -9 and rerun, a second load onto the first one', () => {
  // The refresh of a second load finds the derived tables filled: it deletes older
  // rows and swaps account_month's months in by partition — the paths a
  // first load into empty tables skips. Each test starts from a copy of the reference
  // database (a–d loaded and refreshed).
  const second = { inbox: secondInbox, onePass: 'always' };
  const first = () => path.join(work, 'reference');
  let secondReference: ChildResult;

  beforeAll(() => {
    mkdirp(secondInbox);
    const on = (day: string, time: string) => ({ occurred_at: `2024-${day}T${time}:00Z` });
    // e.ndjson: A-2 opened (its snapshot of the first load gets dimensions: account_month
    // rewrites its months, insert then DELETE); A-1's February month-end re-sent with a
    // higher dpd (account_month's February and March partitions replaced); a late call on
    // C-1 on 03-03 by AG-1 (a new agent day; C-1's 03-06 call now has 2 calls in 7 × 24 h
    // before it; payment d6 on 03-04 now follows it) and a payment on 03-05: voice_attempts,
    // agent_case_days, payment_facts and case_outcome_facts rewrite rows the first load wrote.
    writeFileSync(
      path.join(secondInbox, 'e.ndjson'),
      [
        line('e1', 'account_opened', {
          ...on('01-15', '09:00'),
          account_id: 'A-2',
          customer_id: 'CU-2',
          product: 'card',
          portfolio: 'retail',
          region: 'north',
          opened_on: '2023-01-01',
          principal: 1000,
          risk_grade: 'B',
        }),
        line('e2', 'account_snapshot', {
          ...on('03-02', '06:00'),
          account_id: 'A-1',
          as_of: '2024-02-29',
          dpd: 40,
          balance: 12,
          amount_due: 2,
          status: 'open',
        }),
        line('e3', 'contact_attempt', {
          ...on('03-03', '09:00'),
          case_id: 'C-1',
          agent_id: 'AG-1',
          channel: 'call',
          outcome: 'no_answer',
        }),
        line('e4', 'payment', {
          ...on('03-05', '10:00'),
          payment_id: 'p-e4',
          account_id: 'A-1',
          case_id: 'C-1',
          amount: 20,
        }),
      ].join('\n') + '\n',
    );
    const db = path.join(work, 'second-reference');
    cpSync(first(), db, { recursive: true });
    const run = runChild(db, 'none', second);
    if (!run.result) throw new Error(`second reference load failed: ${run.stderr}`);
    secondReference = run.result;
  });

  it('the second load stores its events and rewrites rows of the first', () => {
    expect(secondReference.summary).toMatchObject({ loaded: 4, duplicates: 0, quarantined: 0 });
    expect(secondReference.counts).toMatchObject({ payment: '13/13', contact_attempt: '4/4' });
    // rows rewritten, not added: one payment_facts row per payment, one voice_attempts row
    // per call (d3, d8, e3)
    expect(secondReference.counts.payment_facts).toMatch(/^13\//);
    expect(secondReference.counts.voice_attempts).toMatch(/^3\//);
    expect(secondReference.counts.account_month).not.toBe(reference.counts.account_month);
  });

  // Every point must be reached (the crashed run's signal is SIGKILL): a DELETE that did
  // not run, or a refresh that took the empty-table shortcut, fails the test.
  const points = [
    'insert:account_month_stage',
    'replace:account_month',
    'insert:account_month',
    'delete:account_month',
    'insert:case_outcome_facts',
    'delete:case_outcome_facts',
    'insert:payment_facts',
    'delete:payment_facts',
    'insert:voice_attempts',
    'delete:voice_attempts',
    'insert:agent_case_days',
    'delete:agent_case_days',
  ];
  killAndRerunEach(points, 'second-kill', () => secondReference, second, first());
});
