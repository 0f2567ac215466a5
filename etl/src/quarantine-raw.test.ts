/**
 * What quarantine keeps of a failing line, on every load path (a batch of small files,
 * the one pass, the careful path, CSV):
 *  - no raw PII, whatever the form of its key: the JSON parser decodes escapes, so
 *    `"ph\u006fne"` is phone, and a PII value may be an object or an array; a line that
 *    does not parse but may hold a PII key is withheld whole, and its detail says so;
 *  - a UTF-8 BOM is ignored at the start of a file only: a line after the first that
 *    starts with one is quarantined (invalid_encoding), not loaded.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { loadPaths, type LoadOptions } from './load/index.ts';
import { MID_FILE_BOM } from './validate/index.ts';

const KEY = 'quarantine-raw-test-key-0123';
const work = mkdtempSync(path.join(tmpdir(), 'etl-quarantine-raw-'));
const BOM = '\uFEFF';

/** A payment line with a negative amount (invalid_value), `extra` spliced in as JSON text. */
const badPayment = (id: string, extra: string) =>
  `{"event_id":"${id}","type":"payment","occurred_at":"2024-03-01T10:00:00Z","payment_id":"${id}","account_id":"A","amount":-5,${extra}}`;
const payment = (id: string) =>
  `{"event_id":"${id}","type":"payment","occurred_at":"2024-03-01T10:00:00Z","payment_id":"${id}","account_id":"A","amount":5}`;

/** Each escape form: the line's text (given its event id) and the PII values it must not leak. */
const FORMS: readonly {
  name: string;
  line: (id: string) => string;
  secrets: string[];
  withheld?: boolean;
}[] = [
  {
    name: 'escaped key "ph\\u006fne"',
    line: (id) => badPayment(id, '"ph\\u006fne":"+8613911110001"'),
    secrets: ['13911110001'],
  },
  {
    name: 'escaped key "national\\u005fid"',
    line: (id) => badPayment(id, '"national\\u005fid":"110101199003071111"'),
    secrets: ['199003071111'],
  },
  {
    name: 'escaped key "customer\\u005fid"',
    line: (id) => badPayment(id, '"customer\\u005fid":"CUST-SECRET-1"'),
    secrets: ['CUST-SECRET-1'],
  },
  {
    name: 'nested value {"v": …}',
    line: (id) => badPayment(id, '"national_id":{"v": "110101199003072222"}'),
    secrets: ['199003072222'],
  },
  {
    name: 'array value ["…", "…"]',
    line: (id) => badPayment(id, '"phone":["+8613922220001","+8613922220002"]'),
    secrets: ['13922220001', '13922220002'],
  },
  {
    name: 'a PII key deeper inside',
    line: (id) => badPayment(id, '"meta":{"contact":[{"Phone":"+8613933330001"}]}'),
    secrets: ['13933330001'],
  },
  {
    name: 'a line that does not parse, with an escaped key',
    line: (id) => `{"event_id":"${id}","ph\\u006fne":"+8613944440001", broken`,
    secrets: ['13944440001'],
    withheld: true,
  },
];

const PATHS: readonly [string, LoadOptions][] = [
  ['batch', {}],
  ['one-pass', { smallStageBytes: 1 }],
  ['careful', { onePass: 'never' }],
];

interface Row {
  source_file: string;
  line: string;
  reason: string;
  detail: string;
  raw: string;
}
const rows = new Map<string, Row[]>();

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
  for (const [name, options] of PATHS) {
    const dir = path.join(work, name);
    mkdirSync(dir);
    // A BOM at the start of the file (ignored), then one line per form, then a BOM line.
    const lines = [
      `${BOM}${payment(`${name}-ok`)}`,
      ...FORMS.map((f, i) => f.line(`${name}-f${i}`)),
      `${BOM}${payment(`${name}-bom`)}`,
    ];
    writeFileSync(path.join(dir, 'a.ndjson'), `${lines.join('\n')}\n`);
    // A second small file: the batch needs two.
    writeFileSync(path.join(dir, 'b.ndjson'), `${payment(`${name}-b`)}\n`);
    await loadPaths(db, [dir], { piiKey: KEY, ...options });
    rows.set(
      name,
      await queryRows<Row>(
        db,
        `SELECT source_file, toString(line) AS line, reason, detail, raw FROM quarantine
         WHERE startsWith(source_file, {dir:String}) ORDER BY line`,
        { dir },
      ),
    );
  }
});
afterAll(async () => {
  await db?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe.each(PATHS.map(([name]) => name))('%s path', (name) => {
  it.each(FORMS.map((form, i) => [form.name, i] as const))(
    '%s: no raw PII in quarantine',
    (_, i) => {
      const form = FORMS[i];
      const row = rows.get(name)?.find((r) => r.line === String(i + 2));
      expect(row?.reason).toBe(form?.withheld ? 'invalid_json' : 'invalid_value');
      for (const secret of form?.secrets ?? []) expect(row?.raw).not.toContain(secret);
      if (form?.withheld) {
        expect(row?.raw).toBe('***');
        expect(row?.detail).toMatch(
          /raw line withheld: it could not be parsed to prove it free of PII/,
        );
      } else {
        // The rest of the line is kept: the event id and the masked field.
        expect(row?.raw).toContain(`${name}-f${i}`);
        expect(row?.raw).toContain('"***"');
      }
    },
  );

  it('a BOM starting a line after the first is quarantined; at the start of the file it is ignored', async () => {
    const bomLine = String(FORMS.length + 2);
    expect(rows.get(name)?.find((r) => r.line === bomLine)).toMatchObject({
      reason: 'invalid_encoding',
      detail: MID_FILE_BOM,
    });
    expect(rows.get(name)?.map((r) => r.line)).not.toContain('1');
    const [stored] = await queryRows<{ ids: string[] }>(
      db,
      'SELECT groupArray(event_id) AS ids FROM (SELECT event_id FROM payment WHERE startsWith(event_id, {p:String}) ORDER BY event_id)',
      { p: `${name}-` },
    );
    expect(stored?.ids).toEqual([`${name}-b`, `${name}-ok`]);
  });
});

describe('CSV', () => {
  it('masks PII cells by their parsed header name, any case, and quarantines a record starting with a BOM', async () => {
    const dir = path.join(work, 'csv');
    mkdirSync(dir);
    const file = path.join(dir, 'payment.csv');
    writeFileSync(
      file,
      `${BOM}event_id,occurred_at,payment_id,account_id,amount,"Phone"\n` +
        'c1,2024-03-01T10:00:00Z,c1,A,-5,+8613955550001\n' +
        `${BOM}c2,2024-03-01T10:00:00Z,c2,A,5,\n` +
        'c3,2024-03-01T10:00:00Z,c3,A,5,\n',
    );
    const summary = await loadPaths(db, [file], { piiKey: KEY });
    expect(summary).toMatchObject({ rows: 3, loaded: 1, quarantined: 2 });
    const csvRows = await queryRows<Row>(
      db,
      'SELECT toString(line) AS line, reason, detail, raw FROM quarantine WHERE source_file = {file:String} ORDER BY line',
      { file },
    );
    expect(csvRows.map((r) => [r.line, r.reason])).toEqual([
      ['2', 'invalid_value'],
      ['3', 'invalid_encoding'],
    ]);
    expect(csvRows[0]?.raw).toBe('c1,2024-03-01T10:00:00Z,c1,A,-5,***');
    expect(csvRows[1]?.detail).toBe(MID_FILE_BOM);
  });
});
