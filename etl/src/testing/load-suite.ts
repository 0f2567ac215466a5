/**
 * The loader end to end on a small hand-made folder (docs/etl.md): every event type,
 * every quarantine reason, CSV + gzip + BOM + GBK + embedded newline, duplicates
 * within and across files, re-load no-op, late dimensions, PII never stored raw.
 * Run by load.test.ts (the careful path: the files are small) and by
 * load-one-pass.test.ts (every NDJSON file tries the one pass, fused.ts), each in its
 * own process and database.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TABLES, queryRows } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { loadPaths, type LoadOptions, type LoadSummary } from '../load/index.ts';
import { hmacHex } from '../pii.ts';

const KEY = 'test-pii-key-0123456789';
const RAW_PII = [
  'CUST-RAW-0001',
  'Zhang San',
  '+8613800138000',
  '110101199003077777',
  '+8613900000000',
];

const ev = (fields: Record<string, unknown>) => JSON.stringify(fields);
const at = '2024-03-01T09:30:00+08:00';
const PAYMENT = {
  event_id: 'e-pay',
  type: 'payment',
  occurred_at: at,
  payment_id: 'pay-1',
  account_id: 'A-LATE',
  case_id: 'C-LATE',
  amount: 250,
  method: 'app',
};

/** 01-events.ndjson, line by line (line number = index + 1). */
const NDJSON_LINES: string[] = [
  /* 1 */ ev({
    event_id: 'e-acc',
    type: 'account_opened',
    occurred_at: at,
    account_id: 'A-1',
    customer_id: 'CUST-RAW-0001',
    product: 'credit_card',
    portfolio: 'retail',
    region: 'north',
    opened_on: '2023-05-01',
    principal: '5000.00',
    customer_name: 'Zhang San',
    phone: '+8613800138000',
    national_id: '110101199003077777',
  }),
  /* 2 */ ev({
    event_id: 'e-agent',
    type: 'agent_registered',
    occurred_at: at,
    agent_id: 'AG-1',
    name: 'Li Lei',
    team: 'T1',
  }),
  /* 3 */ ev({
    event_id: 'e-snap',
    type: 'account_snapshot',
    occurred_at: at,
    account_id: 'A-1',
    as_of: '2024-02-29',
    dpd: 45,
    balance: 4200.5,
    amount_due: '300',
    status: 'open',
  }),
  /* 4 */ ev({
    event_id: 'e-case',
    type: 'case_opened',
    occurred_at: at,
    case_id: 'C-1',
    account_id: 'A-1',
    strategy: 'sms_first',
    experiment: 'x1',
    arm_role: 'challenger',
    entry_dpd: 45,
    entry_balance: 4200.5,
  }),
  /* 5 */ ev({
    event_id: 'e-assign',
    type: 'case_assigned',
    occurred_at: at,
    case_id: 'C-1',
    agent_id: 'AG-1',
  }),
  /* 6 */ ev({
    event_id: 'e-attempt',
    type: 'contact_attempt',
    occurred_at: at,
    case_id: 'C-1',
    channel: 'sms',
    outcome: 'delivered',
  }),
  /* 7 */ ev({
    event_id: 'e-ptp',
    type: 'promise_to_pay',
    occurred_at: at,
    ptp_id: 'ptp-1',
    case_id: 'C-1',
    agent_id: 'AG-1',
    amount: 300,
    due_on: '2024-03-01',
  }),
  /* 8 */ ev(PAYMENT),
  /* 9 */ ev({
    event_id: 'e-plan',
    type: 'payment_plan',
    occurred_at: at,
    plan_id: 'plan-1',
    case_id: 'C-1',
    kind: 'installment',
    installments: 6,
    total_amount: 1200,
    first_due_on: '2024-04-01',
  }),
  /* 10 */ ev({
    event_id: 'e-legal',
    type: 'legal_action',
    occurred_at: at,
    case_id: 'C-1',
    action: 'demand_letter',
    cost: 12.5,
  }),
  /* 11 */ ev({
    event_id: 'e-closed',
    type: 'case_closed',
    occurred_at: '2024-03-20T00:00:00Z',
    case_id: 'C-1',
    outcome: 'cured',
  }),
  /* 12 invalid_json */ '{"event_id": "e-broken", "type": "payment"',
  /* 13 unknown_type */ ev({ event_id: 'e-13', type: 'refund', occurred_at: at }),
  /* 14 missing_field amount */ ev({
    event_id: 'e-14',
    type: 'payment',
    occurred_at: at,
    payment_id: 'p',
    account_id: 'A-1',
  }),
  /* 15 invalid_value dpd < 0 */ ev({
    event_id: 'e-15',
    type: 'account_snapshot',
    occurred_at: at,
    account_id: 'A-1',
    as_of: '2024-02-29',
    dpd: -5,
    balance: 1,
    amount_due: 0,
    status: 'open',
  }),
  /* 16 invalid_value 3 decimals */ ev({ ...PAYMENT, event_id: 'e-16', amount: 12.345 }),
  /* 17 invalid_value due_on before */ ev({
    event_id: 'e-17',
    type: 'promise_to_pay',
    occurred_at: at,
    ptp_id: 'p',
    case_id: 'C-1',
    amount: 1,
    due_on: '2024-02-28',
  }),
  /* 18 invalid_value date only */ ev({ ...PAYMENT, event_id: 'e-18', occurred_at: '2024-03-01' }),
  /* 19 invalid_value garbage */ ev({
    ...PAYMENT,
    event_id: 'e-19',
    occurred_at: 'yesterday at noon',
  }),
  /* 20 identical duplicate of 8: other key order, "250.00" */ ev({
    amount: '250.00',
    method: 'app',
    case_id: 'C-LATE',
    account_id: 'A-LATE',
    payment_id: 'pay-1',
    occurred_at: '2024-03-01T01:30:00.000Z',
    type: 'payment',
    event_id: 'e-pay',
  }),
  /* 21 conflicting duplicate of 8 */ ev({ ...PAYMENT, amount: 999 }),
  /* 22 blank: skipped */ '   ',
  /* 23 invalid_encoding (GBK bytes, filled in below) */ '@@GBK@@',
  /* 24 invalid_value overflow */ ev({
    event_id: 'e-24',
    type: 'account_snapshot',
    occurred_at: at,
    account_id: 'A-1',
    as_of: '2024-02-29',
    dpd: 4294967296,
    balance: 1,
    amount_due: 0,
    status: 'open',
  }),
  /* 25 missing_field customer_id, raw PII masked */ ev({
    event_id: 'e-25',
    type: 'account_opened',
    occurred_at: at,
    account_id: 'A-2',
    product: 'auto_loan',
    portfolio: 'retail',
    region: 'south',
    opened_on: '2023-05-01',
    principal: 1,
    phone: '+8613900000000',
  }),
];

function ndjsonBytes(): Buffer {
  const gbk = Buffer.concat([
    Buffer.from('{"event_id":"e-23","type":"payment","method":"'),
    Buffer.from([0xc4, 0xe3, 0xba, 0xc3]),
    Buffer.from('"}'),
  ]);
  return Buffer.concat(
    NDJSON_LINES.map((l) => (l === '@@GBK@@' ? gbk : Buffer.from(l))).flatMap((b) => [
      b,
      Buffer.from('\n'),
    ]),
  );
}

/** payment_extra.csv (BOM; lines: 1 header, 2–3 a record with a newline in a quoted cell, 4, 5, 6, 7). */
function csvBytes(): Buffer {
  return Buffer.concat([
    Buffer.from('\uFEFFevent_id,occurred_at,payment_id,account_id,case_id,amount,method\n'),
    Buffer.from('p-csv-1,2024-03-05T10:00:00+08:00,pay-c1,A-1,C-1,100.50,"bank\ntransfer"\n'),
    Buffer.from('p-csv-2,2024-03-05T11:00:00Z,pay-c2,A-1,,-3,app\n'),
    Buffer.from('p-csv-3,2024-03-05T12:00:00Z,pay-c3,A-1\n'),
    Buffer.from('e-pay,2024-03-01T01:30:00Z,pay-1,A-LATE,C-LATE,250,app\n'),
    Buffer.concat([
      Buffer.from('p-csv-4,2024-03-05T12:00:00Z,pay-c4,A-1,C-1,5,'),
      Buffer.from([0xc4, 0xe3]),
      Buffer.from('\n'),
    ]),
  ]);
}

export function loadSuite(onePass: LoadOptions['onePass']): void {
  let db: TempDb;
  let dir: string;
  let first: LoadSummary;

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of [...Object.keys(EVENT_TABLES), 'event_index', 'quarantine']) {
      const [row] = await queryRows<{ n: string }>(db, `SELECT count() AS n FROM ${t}`);
      out[t] = Number(row?.n);
    }
    return out;
  }

  beforeAll(async () => {
    db = await openTempDb();
    dir = mkdtempSync(path.join(tmpdir(), 'etl-load-test-'));
    mkdirSync(path.join(dir, 'in', 'a'), { recursive: true });
    mkdirSync(path.join(dir, 'in', 'b'), { recursive: true });
    writeFileSync(path.join(dir, 'in', 'a', '01-events.ndjson'), ndjsonBytes());
    writeFileSync(path.join(dir, 'in', 'b', 'payment_extra.csv.gz'), gzipSync(csvBytes()));
    writeFileSync(path.join(dir, 'in', 'MANIFEST.json'), '{"files": 2}');
    writeFileSync(path.join(dir, 'in', 'readme.txt'), 'not events');
    first = await loadPaths(db, [path.join(dir, 'in')], { piiKey: KEY, onePass });
  });

  afterAll(async () => {
    await db?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('first load of a folder', () => {
    it('summarises files, rows, loaded, duplicates and quarantine reasons', () => {
      // NDJSON: 25 lines, 1 blank → 24 rows: lines 1–11 loaded, 20 duplicate, 12 quarantined
      //   (12 invalid_json; 13 unknown_type; 14, 25 missing_field; 15–19, 24 invalid_value;
      //    21 conflicting_duplicate; 23 invalid_encoding).
      // CSV: 5 records: p-csv-1 loaded, e-pay duplicate (same content as NDJSON line 8),
      //   p-csv-2 invalid_value, p-csv-3 invalid_csv, p-csv-4 invalid_encoding.
      // Totals: rows 24 + 5 = 29, loaded 11 + 1 = 12, duplicates 1 + 1 = 2, quarantined 12 + 3 = 15.
      expect(first).toMatchObject({
        files: 2,
        rows: 29,
        loaded: 12,
        duplicates: 2,
        quarantined: 15,
      });
      expect(first.quarantineReasons).toEqual({
        invalid_json: 1,
        unknown_type: 1,
        missing_field: 2,
        invalid_value: 7,
        conflicting_duplicate: 1,
        invalid_encoding: 2,
        invalid_csv: 1,
      });
      expect(first.skipped.map((p) => path.basename(p))).toEqual(['MANIFEST.json', 'readme.txt']);
    });

    it('stores one row per valid event in each event table, typed, with defaults', async () => {
      const c = await counts();
      // payment: e-pay (NDJSON line 8) + p-csv-1; every other type exactly one.
      expect(c).toEqual({
        account_opened: 1,
        agent_registered: 1,
        account_snapshot: 1,
        case_opened: 1,
        case_assigned: 1,
        contact_attempt: 1,
        promise_to_pay: 1,
        payment: 2,
        payment_plan: 1,
        legal_action: 1,
        case_closed: 1,
        event_index: 12,
        quarantine: 15,
      });
      const payments = await queryRows<Record<string, unknown>>(
        db,
        'SELECT event_id, toString(occurred_at) AS at, account_id, case_id, toString(amount) AS amount, method FROM payment ORDER BY event_id',
      );
      expect(payments).toEqual([
        // late dimensions: A-LATE / C-LATE never arrive, the payment is kept (docs/etl.md).
        {
          event_id: 'e-pay',
          at: '2024-03-01 01:30:00.000',
          account_id: 'A-LATE',
          case_id: 'C-LATE',
          amount: '250',
          method: 'app',
        },
        // 10:00+08:00 = 02:00Z; the quoted cell keeps its newline.
        {
          event_id: 'p-csv-1',
          at: '2024-03-05 02:00:00.000',
          account_id: 'A-1',
          case_id: 'C-1',
          amount: '100.5',
          method: 'bank\ntransfer',
        },
      ]);
      const [attempt] = await queryRows<Record<string, unknown>>(
        db,
        'SELECT agent_id, duration_s, toString(cost) AS cost FROM contact_attempt',
      );
      expect(attempt).toEqual({ agent_id: '', duration_s: 0, cost: '0' });
      const [agent] = await queryRows<Record<string, unknown>>(
        db,
        'SELECT site, hired_on FROM agent_registered',
      );
      expect(agent).toEqual({ site: '', hired_on: null });
      const [snap] = await queryRows<Record<string, unknown>>(
        db,
        'SELECT dpd, toString(balance) AS balance, toString(amount_due) AS due, status FROM account_snapshot',
      );
      expect(snap).toEqual({ dpd: 45, balance: '4200.5', due: '300', status: 'open' });
    });

    it('hashes PII with HMAC-SHA-256 of PII_KEY', async () => {
      const [acc] = await queryRows<Record<string, unknown>>(
        db,
        'SELECT customer_hash, customer_name_hash, phone_hash, national_id_hash, utc_offset_minutes FROM account_opened',
      );
      expect(acc).toEqual({
        customer_hash: hmacHex(KEY, 'CUST-RAW-0001'),
        customer_name_hash: hmacHex(KEY, 'Zhang San'),
        phone_hash: hmacHex(KEY, '+8613800138000'),
        national_id_hash: hmacHex(KEY, '110101199003077777'),
        utc_offset_minutes: 480,
      });
    });

    it('quarantines each bad row with file, line, reason, field and masked raw line', async () => {
      const rows = await queryRows<{
        file: string;
        line: string;
        reason: string;
        field: string;
        raw: string;
      }>(
        db,
        "SELECT splitByChar('/', source_file)[-1] AS file, line, reason, field, raw FROM quarantine ORDER BY source_file, line",
      );
      expect(rows.map((r) => [r.file, Number(r.line), r.reason, r.field])).toEqual([
        ['01-events.ndjson', 12, 'invalid_json', ''],
        ['01-events.ndjson', 13, 'unknown_type', 'type'],
        ['01-events.ndjson', 14, 'missing_field', 'amount'],
        ['01-events.ndjson', 15, 'invalid_value', 'dpd'],
        ['01-events.ndjson', 16, 'invalid_value', 'amount'],
        ['01-events.ndjson', 17, 'invalid_value', 'due_on'],
        ['01-events.ndjson', 18, 'invalid_value', 'occurred_at'],
        ['01-events.ndjson', 19, 'invalid_value', 'occurred_at'],
        ['01-events.ndjson', 21, 'conflicting_duplicate', 'event_id'],
        ['01-events.ndjson', 23, 'invalid_encoding', ''],
        ['01-events.ndjson', 24, 'invalid_value', 'dpd'],
        ['01-events.ndjson', 25, 'missing_field', 'customer_id'],
        ['payment_extra.csv.gz', 4, 'invalid_value', 'amount'],
        ['payment_extra.csv.gz', 5, 'invalid_csv', ''],
        ['payment_extra.csv.gz', 7, 'invalid_encoding', ''],
      ]);
      expect(rows.find((r) => r.line === '12')?.raw).toBe(NDJSON_LINES[11]);
      // a conflict's raw line is read again from the file (the stage keeps raw lines of invalid rows only)
      expect(rows.find((r) => r.line === '21')?.raw).toBe(NDJSON_LINES[20]);
      expect(rows.find((r) => r.line === '25')?.raw).toContain('"phone":"***"');
    });

    it('never stores a raw PII value in any String column of any table, nor prints one', async () => {
      const columns = await queryRows<{ table: string; name: string }>(
        db,
        "SELECT table, name FROM system.columns WHERE database = currentDatabase() AND type LIKE '%String%'",
      );
      expect(columns.length).toBeGreaterThan(20);
      for (const { table, name } of columns) {
        const [hit] = await queryRows<{ n: string }>(
          db,
          `SELECT count() AS n FROM ${table} WHERE multiSearchAny(toString(\`${name}\`), {pii:Array(String)})`,
          { pii: RAW_PII },
        );
        expect(`${table}.${name}: ${hit?.n}`).toBe(`${table}.${name}: 0`);
      }
      const printed = JSON.stringify(first);
      for (const value of RAW_PII) expect(printed).not.toContain(value);
    });
  });

  describe('loading again', () => {
    it('re-loading the same files is a no-op (ledger by content hash)', async () => {
      const before = await counts();
      const again = await loadPaths(db, [path.join(dir, 'in')], { piiKey: KEY, onePass });
      expect(again).toMatchObject({
        files: 2,
        filesAlreadyLoaded: 2,
        rows: 0,
        loaded: 0,
        quarantined: 0,
      });
      expect(await counts()).toEqual(before);
    });

    it('re-delivered identical events in a new file are duplicates; a changed one conflicts with the first file', async () => {
      const before = await counts();
      const file = path.join(dir, 'redelivery.jsonl');
      // lines 1–11 again with other whitespace (new bytes, same content), and agent e-agent with another team.
      const lines = NDJSON_LINES.slice(0, 11).map((l) => l.replace(/,/g, ', '));
      lines.push(
        ev({
          event_id: 'e-agent',
          type: 'agent_registered',
          occurred_at: at,
          agent_id: 'AG-1',
          name: 'Li Lei',
          team: 'T2',
        }),
      );
      writeFileSync(file, lines.join('\n') + '\n');
      const summary = await loadPaths(db, [file], { piiKey: KEY, onePass });
      expect(summary).toMatchObject({
        files: 1,
        rows: 12,
        loaded: 0,
        duplicates: 11,
        quarantined: 1,
        quarantineReasons: { conflicting_duplicate: 1 },
      });
      const [q] = await queryRows<{ detail: string }>(
        db,
        'SELECT detail FROM quarantine WHERE source_file = {f:String}',
        { f: file },
      );
      expect(q?.detail).toContain('01-events.ndjson:2');
      expect(await counts()).toEqual({ ...before, quarantine: before.quarantine! + 1 });
    });

    it('loads a new file of the same size as a loaded one (size is only a hint for re-delivery)', async () => {
      const a = path.join(dir, 'same-size-a.ndjson');
      const b = path.join(dir, 'same-size-b.ndjson');
      writeFileSync(a, ev({ ...PAYMENT, event_id: 'size-a', payment_id: 'pay-size-a' }) + '\n');
      writeFileSync(b, ev({ ...PAYMENT, event_id: 'size-b', payment_id: 'pay-size-b' }) + '\n');
      expect((await loadPaths(db, [a], { piiKey: KEY, onePass })).loaded).toBe(1);
      expect(await loadPaths(db, [b], { piiKey: KEY, onePass })).toMatchObject({
        loaded: 1,
        filesAlreadyLoaded: 0,
      });
      expect(await loadPaths(db, [a, b], { piiKey: KEY, onePass })).toMatchObject({
        loaded: 0,
        filesAlreadyLoaded: 2,
      });
    });

    it('loads a type that first appears after the sampled head of a .gz file (fields extracted again)', async () => {
      const before = await counts();
      const file = path.join(dir, 'late-type.ndjson.gz');
      // > 1 MiB of payments (the loader samples the first MiB of a .gz for the types to extract), then a snapshot.
      const lines = Array.from({ length: 9000 }, (_, i) =>
        ev({ ...PAYMENT, event_id: `late-p-${i}`, payment_id: `late-pay-${i}` }),
      );
      lines.push(
        ev({
          event_id: 'late-s',
          type: 'account_snapshot',
          occurred_at: at,
          account_id: 'A-LATE-TYPE',
          as_of: '2024-02-29',
          dpd: 31,
          balance: 100.5,
          amount_due: 20,
          status: 'open',
        }),
        // and an invalid one (negative dpd): quarantined with its own reason
        ev({
          event_id: 'late-s-bad',
          type: 'account_snapshot',
          occurred_at: at,
          account_id: 'A-LATE-TYPE',
          as_of: '2024-01-31',
          dpd: -1,
          balance: 100.5,
          amount_due: 20,
          status: 'open',
        }),
      );
      writeFileSync(file, gzipSync(lines.join('\n') + '\n'));
      expect(lines.slice(0, -2).join('\n').length).toBeGreaterThan(1 << 20);
      const summary = await loadPaths(db, [file], { piiKey: KEY, onePass });
      expect(summary).toMatchObject({
        rows: 9002,
        loaded: 9001,
        quarantined: 1,
        quarantineReasons: { invalid_value: 1 },
      });
      const [snap] = await queryRows<{ dpd: number; balance: string }>(
        db,
        "SELECT dpd, toString(balance) AS balance FROM account_snapshot WHERE account_id = 'A-LATE-TYPE'",
      );
      expect(snap).toEqual({ dpd: 31, balance: '100.5' });
      const late = await queryRows<{ line: string; reason: string; field: string }>(
        db,
        'SELECT toString(line) AS line, reason, field FROM quarantine WHERE source_file = {f:String}',
        { f: file },
      );
      expect(late).toEqual([{ line: '9002', reason: 'invalid_value', field: 'dpd' }]);
      expect(await counts()).toMatchObject({ quarantine: (before.quarantine ?? 0) + 1 });
    });

    it('loads a file whose only type has no amount, int or date field (case_assigned)', async () => {
      const file = path.join(dir, 'assignments-only.ndjson');
      const assign = (i: number) =>
        ev({
          event_id: `assign-only-${i}`,
          type: 'case_assigned',
          occurred_at: at,
          case_id: `C-ASSIGN-${i}`,
          agent_id: 'AG-9',
        });
      writeFileSync(file, [1, 2, 3].map(assign).join('\n') + '\n');
      const summary = await loadPaths(db, [file], { piiKey: KEY, onePass });
      expect(summary).toMatchObject({ rows: 3, loaded: 3, quarantined: 0 });
      const [row] = await queryRows<{ n: string }>(
        db,
        "SELECT count() AS n FROM case_assigned WHERE startsWith(case_id, 'C-ASSIGN-') AND agent_id = 'AG-9'",
      );
      expect(Number(row?.n)).toBe(3);
    });

    it('refuses PII without PII_KEY, with a clear error, and writes nothing', async () => {
      const before = await counts();
      const file = path.join(dir, 'pii-only.ndjson');
      writeFileSync(file, NDJSON_LINES[0]!.replace('e-acc', 'e-acc-2') + '\n');
      await expect(loadPaths(db, [file], { onePass })).rejects.toMatchObject({
        code: 'PII_KEY_MISSING',
      });
      expect(await counts()).toEqual(before);
      // With the key the same file loads (the failed attempt left nothing behind).
      const ok = await loadPaths(db, [file], { piiKey: KEY, onePass });
      expect(ok).toMatchObject({ loaded: 1 });
    });

    it('quarantines an invalid row of every event type with the field named', async () => {
      const file = path.join(dir, 'invalid-per-type.ndjson');
      const e = (id: string, type: string, fields: Record<string, unknown>) =>
        ev({ event_id: id, type, occurred_at: at, ...fields });
      // One bad row per type (and the envelope); the expected (reason, field) is the first rule it breaks.
      const lines = [
        [
          e('i1', 'account_opened', {
            account_id: 'A',
            customer_id: 'C',
            product: 'p',
            portfolio: 'p',
            region: 'r',
            opened_on: '2023-13-01',
            principal: 1,
          }),
          'invalid_value',
          'opened_on',
        ],
        [e('i2', 'agent_registered', { agent_id: 'G', name: 'n' }), 'missing_field', 'team'],
        [
          e('i3', 'account_snapshot', {
            account_id: 'A',
            as_of: '2024-01-31',
            dpd: 1,
            balance: 1,
            amount_due: 1,
            status: 'frozen',
          }),
          'invalid_value',
          'status',
        ],
        [
          e('i4', 'case_opened', {
            case_id: 'C',
            account_id: 'A',
            strategy: 's',
            arm_role: 'referee',
            entry_dpd: 1,
            entry_balance: 1,
          }),
          'invalid_value',
          'arm_role',
        ],
        [e('i5', 'case_assigned', { case_id: 'C' }), 'missing_field', 'agent_id'],
        [
          e('i6', 'contact_attempt', { case_id: 'C', channel: 'pigeon', outcome: 'busy' }),
          'invalid_value',
          'channel',
        ],
        [
          e('i7', 'promise_to_pay', { ptp_id: 'P', case_id: 'C', amount: 0, due_on: '2024-03-05' }),
          'invalid_value',
          'amount',
        ],
        [
          e('i8', 'payment', { payment_id: 'P', account_id: 'A', amount: '1,000' }),
          'invalid_value',
          'amount',
        ],
        [
          e('i9', 'payment_plan', {
            plan_id: 'P',
            case_id: 'C',
            kind: 'installment',
            installments: 0,
            total_amount: 1,
            first_due_on: '2024-04-01',
          }),
          'invalid_value',
          'installments',
        ],
        [
          e('i10', 'legal_action', { case_id: 'C', action: 'filed', cost: -1 }),
          'invalid_value',
          'cost',
        ],
        [
          e('i11', 'case_closed', { case_id: 'C', outcome: 'forgiven' }),
          'invalid_value',
          'outcome',
        ],
        [
          e('i12', 'contact_attempt', {
            case_id: 'C',
            channel: 'call',
            outcome: 'busy',
            duration_s: 1.5,
          }),
          'invalid_value',
          'duration_s',
        ],
        [
          e('i13', 'account_opened', {
            account_id: 'A',
            customer_id: { nested: 'x' },
            product: 'p',
            portfolio: 'p',
            region: 'r',
            opened_on: '2023-01-01',
            principal: 1,
          }),
          'invalid_value',
          'customer_id',
        ],
        [ev({ type: 'payment', occurred_at: at }), 'missing_field', 'event_id'],
        [ev({ event_id: 'i15', occurred_at: at }), 'missing_field', 'type'],
        [ev({ event_id: 'i16', type: 'payment' }), 'missing_field', 'occurred_at'],
        [
          e('i17', 'payment', {
            payment_id: 'P',
            account_id: 'A',
            amount: 1,
            occurred_at: '2024-02-30T10:00:00Z',
          }),
          'invalid_value',
          'occurred_at',
        ],
      ] as const;
      writeFileSync(file, lines.map(([l]) => l).join('\n') + '\n');
      const summary = await loadPaths(db, [file], { piiKey: KEY, onePass });
      expect(summary).toMatchObject({ rows: 17, loaded: 0, quarantined: 17 });
      const rows = await queryRows<{ line: string; reason: string; field: string }>(
        db,
        'SELECT line, reason, field FROM quarantine WHERE source_file = {f:String} ORDER BY line',
        { f: file },
      );
      expect(rows.map((r) => [r.line, r.reason, r.field])).toEqual(
        lines.map(([, reason, field], i) => [String(i + 1), reason, field]),
      );
    });

    it('a derived refresh that failed after the events were stored runs again at the next load, with nothing new to load', async () => {
      const file = path.join(dir, 'refresh-retry.ndjson');
      const id = 'e-refresh-retry';
      writeFileSync(
        file,
        ev({ ...PAYMENT, event_id: id, payment_id: 'pay-retry', amount: 7 }) + '\n',
      );
      const rows = async (table: string) =>
        Number(
          (
            await queryRows<{ n: string }>(
              db,
              `SELECT count() AS n FROM ${table} WHERE event_id = {id:String}`,
              { id },
            )
          )[0]?.n,
        );
      const cut = loadPaths(db, [file], {
        piiKey: KEY,
        onePass,
        onStep: (step) => {
          if (step === 'refreshing') throw new Error('refresh cut short');
        },
      });
      await expect(cut).rejects.toThrow('refresh cut short');
      // the payment is stored (ledger `loaded`), its payment_facts row not yet
      expect([await rows('payment'), await rows('payment_facts')]).toEqual([1, 0]);
      const again = await loadPaths(db, [file], { piiKey: KEY, onePass });
      expect(again).toMatchObject({ files: 1, filesAlreadyLoaded: 1, loaded: 0 });
      expect([await rows('payment'), await rows('payment_facts')]).toEqual([1, 1]);
    });

    it('leaves no stage tables behind', async () => {
      const [row] = await queryRows<{ n: string }>(
        db,
        "SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name LIKE 'etl\\_%'",
      );
      expect(Number(row?.n)).toBe(0);
    });
  });
}
