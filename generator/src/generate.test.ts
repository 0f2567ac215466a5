/**
 * Determinism, layout, gzip and --dirty output of the generator
 * (issue #3: same seed → byte-identical files, different seed → different).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateSummary } from './index.ts';
import { listFiles, readEvents, readText } from './test-support.ts';

const root = mkdtempSync(join(tmpdir(), 'gen-test-'));
const small = { accounts: 300, months: 6 };
let a: GenerateSummary;

beforeAll(async () => {
  a = await generate({ out: join(root, 'a'), ...small, seed: 7, dirty: true });
  await generate({ out: join(root, 'b'), ...small, seed: 7, dirty: true });
  await generate({ out: join(root, 'c'), ...small, seed: 8, dirty: true });
  await generate({ out: join(root, 'gz'), ...small, seed: 7, gzip: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('determinism', () => {
  it('writes byte-identical files for the same seed', () => {
    const files = listFiles(join(root, 'a'));
    expect(listFiles(join(root, 'b'))).toEqual(files);
    for (const f of files) {
      expect(readFileSync(join(root, 'b', f)).equals(readFileSync(join(root, 'a', f))), f).toBe(
        true,
      );
    }
  });

  it('writes different data for a different seed', () => {
    const f = '2026-10/account_snapshot.ndjson';
    expect(readFileSync(join(root, 'c', f)).equals(readFileSync(join(root, 'a', f)))).toBe(false);
    expect(readFileSync(join(root, 'c', 'MANIFEST.json'), 'utf8')).not.toBe(
      readFileSync(join(root, 'a', 'MANIFEST.json'), 'utf8'),
    );
  });

  it('gzip output holds exactly the plain output', () => {
    const plain = listFiles(join(root, 'a')).filter(
      (f) => f.endsWith('.ndjson') && !f.startsWith('zz'),
    );
    expect(listFiles(join(root, 'gz')).filter((f) => f.endsWith('.gz'))).toEqual(
      plain.map((f) => f + '.gz'),
    );
    for (const f of plain) {
      expect(readText(join(root, 'gz', f + '.gz'))).toBe(readText(join(root, 'a', f)));
    }
  });
});

describe('layout and summary', () => {
  it('writes one file per event type per month, agents in the first month, and a manifest', () => {
    const files = listFiles(join(root, 'a'));
    expect(files).toContain('2026-05/agent_registered.ndjson');
    expect(files).toContain('2026-10/account_snapshot.ndjson');
    expect(files).toContain('MANIFEST.json');
    const months = new Set(files.filter((f) => /^\d{4}-\d{2}\//.test(f)).map((f) => f.slice(0, 7)));
    expect([...months]).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
  });

  it('counts every event it wrote', () => {
    const events = readEvents(join(root, 'a'));
    const counts: Record<string, number> = {};
    for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;
    expect(counts).toEqual(Object.fromEntries(Object.entries(a.events).filter(([, n]) => n > 0)));
    expect(a.files.length).toBe(listFiles(join(root, 'a')).length - 1); // all but MANIFEST.json
  });

  it('refuses a folder that already holds files', async () => {
    await expect(generate({ out: join(root, 'a'), ...small })).rejects.toThrow(/not empty/);
  });

  it('rejects bad sizes and months', async () => {
    await expect(generate({ out: join(root, 'x'), accounts: 0 })).rejects.toThrow(/accounts/);
    await expect(generate({ out: join(root, 'y'), endMonth: '2026-13' })).rejects.toThrow(
      /YYYY-MM/,
    );
  });
});

describe('--dirty', () => {
  type Row = { file: string; line: number; kind: string; expect: string };
  const manifest = () =>
    JSON.parse(readFileSync(join(root, 'a', 'MANIFEST.json'), 'utf8')) as { dirty: Row[] };

  it('lists every dirty row at its file and line', () => {
    const rows = manifest().dirty;
    const ndjson = readFileSync(join(root, 'a', 'zz-dirty/resend.ndjson'), 'utf8').split('\n');
    for (const row of rows.filter((r) => r.file.endsWith('.ndjson'))) {
      expect(ndjson[row.line - 1], row.kind).toBeTruthy();
    }
    const kinds = new Set(rows.map((r) => r.kind));
    for (const kind of [
      'invalid_json',
      'unknown_type',
      'missing_field',
      'negative_amount',
      'invalid_date',
      'due_on_before_promise',
      'identical_duplicate',
      'conflicting_duplicate',
      'gbk_bytes',
      'embedded_newline',
      'wrong_column_count',
    ]) {
      expect(kinds.has(kind), kind).toBe(true);
    }
  });

  it('duplicates real clean lines byte for byte, and conflicts keep the id with other content', () => {
    const clean = new Map(readEvents(join(root, 'a')).map((e) => [e.event_id, JSON.stringify(e)]));
    const lines = readFileSync(join(root, 'a', 'zz-dirty/resend.ndjson'), 'utf8').split('\n');
    for (const row of manifest().dirty.filter((r) => r.kind === 'identical_duplicate')) {
      const line = lines[row.line - 1] as string;
      const id = (JSON.parse(line) as { event_id: string }).event_id;
      expect(clean.get(id)).toBe(line);
    }
    for (const row of manifest().dirty.filter((r) => r.kind === 'conflicting_duplicate')) {
      const line = lines[row.line - 1] as string;
      const id = (JSON.parse(line) as { event_id: string }).event_id;
      expect(clean.has(id)).toBe(true);
      expect(clean.get(id)).not.toBe(line);
    }
  });

  it('writes a CSV with a BOM, GBK bytes, an embedded newline and a short row', () => {
    const bytes = readFileSync(join(root, 'a', 'zz-dirty/payment_branch_upload.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from([0xd2, 0xf8, 0xd0, 0xd0]))).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = bytes.toString('latin1');
    expect(text).toContain('"agent_assisted\n(branch 12)"');
    expect(
      text.split('\n').some((l) => l.startsWith('dirty-csv-4') && l.split(',').length === 5),
    ).toBe(true);
  });
});
