/** Which files a load takes, in which order (unit: no database). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { classify, csvTypeFromName, discover, sampleFile, sampleTypes } from './files.ts';
import { csvRow } from './csv.ts';
import { hmacHex, hmacPads } from './pii.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'etl-files-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('discover', () => {
  it('walks folders recursively in sorted path order and lists what it skips', () => {
    for (const f of [
      'b/2.ndjson',
      'b/1.csv.gz',
      'a/z.jsonl',
      'a/MANIFEST.json',
      'notes.txt',
      'c.json.gz',
    ])
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    for (const f of [
      'b/2.ndjson',
      'b/1.csv.gz',
      'a/z.jsonl',
      'a/MANIFEST.json',
      'notes.txt',
      'c.json.gz',
    ])
      writeFileSync(path.join(dir, f), '');
    const { files, skipped } = discover([dir]);
    expect(files.map((f) => [path.relative(dir, f.path), f.format, f.gzip])).toEqual([
      ['a/z.jsonl', 'ndjson', false],
      ['b/1.csv.gz', 'csv', true],
      ['b/2.ndjson', 'ndjson', false],
      ['c.json.gz', 'ndjson', true],
    ]);
    expect(skipped.map((p) => path.relative(dir, p))).toEqual(['a/MANIFEST.json', 'notes.txt']);
  });

  it('fails clearly on a path that does not exist', () => {
    expect(() => discover([path.join(dir, 'missing')])).toThrow(/Cannot read .*missing/);
  });

  it('classifies by extension and takes the CSV type from the longest matching name prefix', () => {
    expect(classify('x.txt')).toBeUndefined();
    expect(csvTypeFromName('/in/payment_plan_2024.csv')).toBe('payment_plan');
    expect(csvTypeFromName('/in/payment-03.csv.gz')).toBe('payment');
    expect(csvTypeFromName('/in/events.csv')).toBeUndefined();
  });
});

describe('csvRow', () => {
  const header = ['event_id', 'occurred_at', 'customer_id', 'phone'];
  const hash = (v: string) => hmacHex('k'.repeat(16), v);

  it('turns cells into a JSON object (empty cell = absent), hashes PII and masks it in raw', () => {
    const row = csvRow(
      header,
      ['e1', '2024-01-01T00:00:00Z', 'CUST-9', ''],
      2,
      'account_opened',
      hash,
    );
    expect(JSON.parse(row.json)).toEqual({
      type: 'account_opened',
      event_id: 'e1',
      occurred_at: '2024-01-01T00:00:00Z',
      customer_id: hash('CUST-9'),
    });
    expect(row.raw).toBe('e1,2024-01-01T00:00:00Z,***,');
    expect(row.pre_reason).toBe('');
  });

  it('flags a wrong column count as invalid_csv and undecodable bytes as invalid_encoding', () => {
    expect(csvRow(header, ['e1', 'x'], 3, undefined, hash)).toMatchObject({
      pre_reason: 'invalid_csv',
      pre_detail: 'expected 4 columns as in the header, got 2',
    });
    expect(csvRow(header, ['e1', 'x\uFFFD', '', ''], 4, undefined, hash).pre_reason).toBe(
      'invalid_encoding',
    );
  });
});

describe('HMAC pads', () => {
  it('are the RFC 2104 inner and outer pads of the key (long keys hashed first)', () => {
    const pads = hmacPads('key');
    // 'k' = 0x6b: 0x6b ^ 0x36 = 0x5d, 0x6b ^ 0x5c = 0x37; zero padding ^ 0x36 = 0x36.
    expect(pads.hmac_ipad.slice(0, 2)).toBe('5d');
    expect(pads.hmac_opad.slice(0, 2)).toBe('37');
    expect(pads.hmac_ipad.slice(6)).toBe('36'.repeat(61));
    expect(hmacPads('x'.repeat(100)).hmac_ipad).toHaveLength(128);
  });
});

describe('sampleTypes', () => {
  const line = (type: string, i: number) =>
    JSON.stringify({
      event_id: `${type}-${i}`,
      type,
      occurred_at: '2024-03-01T00:00:00Z',
      pad: 'x'.repeat(80),
    });
  const block = (type: string, n: number) =>
    Array.from({ length: n }, (_, i) => line(type, i)).join('\n');

  it('finds every type of a concatenation of per-type blocks (4 KiB at 1024 offsets)', async () => {
    // four blocks of ~1.8 MB and, in the middle, one of ~4.5 KB (a 7 MB file): the spots,
    // ~7 KB apart with 4 KB each, cannot miss the small block
    const file = path.join(dir, 'blocks.ndjson');
    const blocks = [
      block('payment', 12000),
      block('account_snapshot', 12000),
      block('legal_action', 30),
      block('case_opened', 12000),
      block('case_closed', 12000),
    ];
    writeFileSync(file, blocks.join('\n') + '\n');
    expect(await sampleTypes({ path: file, format: 'ndjson', gzip: false })).toEqual([
      'account_snapshot',
      'case_opened',
      'payment',
      'legal_action',
      'case_closed',
    ]);
  });

  it('reads the first MiB of a .gz and gives undefined when no type is named', async () => {
    const gz = path.join(dir, 'head.ndjson.gz');
    writeFileSync(gz, gzipSync(block('payment', 9000) + '\n' + line('case_closed', 0) + '\n'));
    expect(await sampleTypes({ path: gz, format: 'ndjson', gzip: true })).toEqual(['payment']);
    const none = path.join(dir, 'none.ndjson');
    writeFileSync(none, '{"a":1}\n');
    expect(await sampleTypes({ path: none, format: 'ndjson', gzip: false })).toBeUndefined();
  });

  it('also gives the sampled event ids: plain ASCII strings only, at most 2000, spread', async () => {
    const small = path.join(dir, 'ids.ndjson');
    // a JSON string with an escape and a numeric id are not taken (the hint is only a hint)
    writeFileSync(small, [line('payment', 1), '{"event_id":"a\\"b"}', '{"event_id":7}'].join('\n'));
    expect(await sampleFile({ path: small, format: 'ndjson', gzip: false })).toEqual({
      types: ['payment'],
      ids: ['payment-1'],
    });
    // 12000 lines of ~140 bytes (1.7 MB) fit the 4 MiB sample whole: every 6th id is kept
    const many = path.join(dir, 'many.ndjson');
    writeFileSync(many, block('payment', 12000) + '\n');
    const { ids } = await sampleFile({ path: many, format: 'ndjson', gzip: false });
    expect(ids).toHaveLength(2000);
    expect(ids.slice(0, 3)).toEqual(['payment-0', 'payment-6', 'payment-12']);
  });
});
