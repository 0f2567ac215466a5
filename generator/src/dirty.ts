/**
 * `--dirty`: bad rows and duplicates of every kind the loader must handle
 * (docs/etl.md "bad input never stops a load"), in files that sort after the clean
 * ones so that originals load first. Every row is listed in MANIFEST.json with
 * its file, line and kind.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DIRTY_DIR = 'zz-dirty';

export interface DirtyRow {
  readonly file: string;
  /** 1-based physical line where the row starts. */
  readonly line: number;
  readonly kind: string;
  /** What a correct loader does with it. */
  readonly expect: 'quarantine' | 'duplicate' | 'load';
}

/** Real lines of the clean output, used for identical and conflicting duplicates. */
export interface DirtySamples {
  readonly snapshot: string;
  readonly payment: string;
  readonly contact: string;
  readonly accountId: string;
  readonly caseId: string;
}

const T = '2026-01-15T10:00:00+08:00';

function ndjsonRows(s: DirtySamples): [string, string, DirtyRow['expect']][] {
  const snap = JSON.parse(s.snapshot) as Record<string, unknown>;
  const pay = JSON.parse(s.payment) as Record<string, unknown>;
  const fresh = {
    event_id: 'dirty-ok-1',
    type: 'payment',
    occurred_at: '2026-01-15T02:00:00Z',
    payment_id: 'PM-DIRTY-1',
    account_id: s.accountId,
    amount: 12.5,
  };
  const bad = (id: string, type: string, fields: Record<string, unknown>) =>
    JSON.stringify({ event_id: id, type, occurred_at: T, ...fields });
  const payment = { payment_id: 'PM-DIRTY-X', account_id: s.accountId, amount: 10 };
  const snapshot = {
    account_id: s.accountId,
    as_of: '2026-01-31',
    dpd: 0,
    balance: 100,
    amount_due: 0,
    status: 'open',
  };
  return [
    ['{"event_id": "dirty-1", "type": "payment", "occurred_at": ', 'invalid_json', 'quarantine'],
    ['this is not json', 'invalid_json', 'quarantine'],
    ['[1, 2, 3]', 'invalid_json_not_object', 'quarantine'],
    [bad('dirty-2', 'account_frozen', { account_id: s.accountId }), 'unknown_type', 'quarantine'],
    [
      JSON.stringify({ type: 'payment', occurred_at: T, ...payment }),
      'missing_event_id',
      'quarantine',
    ],
    [
      bad('dirty-3', 'payment', { payment_id: 'PM-DIRTY-3', account_id: s.accountId }),
      'missing_field',
      'quarantine',
    ],
    [
      bad('dirty-4', 'account_snapshot', { ...snapshot, as_of: undefined }),
      'missing_field',
      'quarantine',
    ],
    [
      JSON.stringify({ event_id: 'dirty-5', type: 'payment', ...payment }),
      'missing_occurred_at',
      'quarantine',
    ],
    [bad('dirty-6', 'payment', { ...payment, amount: -25 }), 'negative_amount', 'quarantine'],
    [bad('dirty-7', 'payment', { ...payment, amount: 10.123 }), 'too_many_decimals', 'quarantine'],
    [
      bad('dirty-8', 'payment', { ...payment, amount: '12,50' }),
      'amount_not_a_number',
      'quarantine',
    ],
    [bad('dirty-9', 'account_snapshot', { ...snapshot, dpd: -3 }), 'negative_dpd', 'quarantine'],
    [
      bad('dirty-10', 'account_snapshot', { ...snapshot, as_of: '2026-02-30' }),
      'invalid_date',
      'quarantine',
    ],
    [
      bad('dirty-11', 'account_snapshot', { ...snapshot, status: 'frozen' }),
      'invalid_status',
      'quarantine',
    ],
    [
      JSON.stringify({
        event_id: 'dirty-12',
        type: 'payment',
        occurred_at: '31/01/2026 10:00',
        ...payment,
      }),
      'invalid_timestamp',
      'quarantine',
    ],
    [
      bad('dirty-13', 'contact_attempt', {
        case_id: s.caseId,
        channel: 'pigeon',
        outcome: 'delivered',
      }),
      'invalid_channel',
      'quarantine',
    ],
    [
      bad('dirty-14', 'contact_attempt', { case_id: s.caseId, channel: 'call', outcome: 'maybe' }),
      'invalid_outcome',
      'quarantine',
    ],
    [
      bad('dirty-15', 'promise_to_pay', {
        ptp_id: 'P-DIRTY',
        case_id: s.caseId,
        amount: 50,
        due_on: '2026-01-10',
      }),
      'due_on_before_promise',
      'quarantine',
    ],
    [
      bad('dirty-16', 'payment_plan', {
        plan_id: 'PL-DIRTY',
        case_id: s.caseId,
        kind: 'installment',
        installments: 0,
        total_amount: 300,
        first_due_on: '2026-02-01',
      }),
      'invalid_installments',
      'quarantine',
    ],
    [bad('x'.repeat(200), 'payment', payment), 'event_id_too_long', 'quarantine'],
    [
      bad('dirty-17', 'account_opened', {
        account_id: 'A-DIRTY',
        customer_id: 'CUST-DIRTY',
        product: 'credit_card',
        portfolio: 'retail',
        region: 'north',
        opened_on: '2025-01-01',
        principal: 1000,
        utc_offset_minutes: 'eight',
      }),
      'invalid_utc_offset',
      'quarantine',
    ],
    [s.snapshot, 'identical_duplicate', 'duplicate'],
    [s.payment, 'identical_duplicate', 'duplicate'],
    [s.contact, 'identical_duplicate', 'duplicate'],
    [JSON.stringify({ ...snap, dpd: Number(snap.dpd) + 1 }), 'conflicting_duplicate', 'quarantine'],
    [
      JSON.stringify({ ...pay, amount: Number(pay.amount) + 1 }),
      'conflicting_duplicate',
      'quarantine',
    ],
    [JSON.stringify(fresh), 'valid', 'load'],
    [JSON.stringify(fresh), 'identical_duplicate_same_load', 'duplicate'],
    [JSON.stringify({ ...fresh, amount: 13 }), 'conflicting_duplicate_same_load', 'quarantine'],
  ];
}

/** GBK encoding of 银行转账 ("bank transfer"): not valid UTF-8. */
const GBK = Buffer.from([0xd2, 0xf8, 0xd0, 0xd0, 0xd7, 0xaa, 0xd5, 0xcb]);

function csvFile(s: DirtySamples): { bytes: Buffer; rows: DirtyRow[] } {
  const file = `${DIRTY_DIR}/payment_branch_upload.csv`;
  const header = 'event_id,occurred_at,payment_id,account_id,case_id,amount,method\n';
  const parts: (string | Buffer)[] = ['\uFEFF' + header];
  const rows: DirtyRow[] = [];
  let line = 2;
  const add = (text: string | Buffer[], kind: string, expect: DirtyRow['expect'], lines = 1) => {
    rows.push({ file, line, kind, expect });
    if (typeof text === 'string') parts.push(text);
    else parts.push(...text);
    line += lines;
  };
  add(
    `dirty-csv-1,2026-01-20T09:30:00+08:00,PM-CSV-1,${s.accountId},,150.00,bank_transfer\n`,
    'valid_csv_after_bom',
    'load',
  );
  add(
    `dirty-csv-2,2026-01-20T10:00:00Z,PM-CSV-2,${s.accountId},,80,"agent_assisted\n(branch 12)"\n`,
    'embedded_newline',
    'load',
    2,
  );
  add(
    [
      Buffer.from(`dirty-csv-3,2026-01-20T11:00:00Z,PM-CSV-3,${s.accountId},,60,`),
      GBK,
      Buffer.from('\n'),
    ],
    'gbk_bytes',
    'quarantine',
  );
  add(
    `dirty-csv-4,2026-01-20T12:00:00Z,PM-CSV-4,${s.accountId},75\n`,
    'wrong_column_count',
    'quarantine',
  );
  add(
    `dirty-csv-5,2026-01-20T13:00:00Z,PM-CSV-5,${s.accountId},${s.caseId},-5,app\n`,
    'negative_amount',
    'quarantine',
  );
  add(
    `dirty-csv-6,2026-01-20T14:00:00Z,PM-CSV-6,${s.accountId},,,app\n`,
    'missing_field',
    'quarantine',
  );
  return {
    bytes: Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))),
    rows,
  };
}

export function writeDirty(out: string, samples: DirtySamples): DirtyRow[] {
  mkdirSync(join(out, DIRTY_DIR), { recursive: true });
  const file = `${DIRTY_DIR}/resend.ndjson`;
  const lines = ndjsonRows(samples);
  writeFileSync(join(out, file), lines.map(([text]) => text + '\n').join(''));
  const rows: DirtyRow[] = lines.map(([, kind, expect], i) => ({
    file,
    line: i + 1,
    kind,
    expect,
  }));
  const csv = csvFile(samples);
  writeFileSync(join(out, csv.rows[0]?.file ?? ''), csv.bytes);
  return [...rows, ...csv.rows];
}
