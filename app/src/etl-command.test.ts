/** `pnpm etl`'s command line: the ETL's commands and the generator's `generate` on one program. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { etlCommandLine } from './etl-command.ts';

const root = mkdtempSync(join(tmpdir(), 'etl-command-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('pnpm etl', () => {
  it('offers load, watch, rebuild, maintain, score and generate', () => {
    const names = etlCommandLine().commands.map((c) => c.name());
    expect(names.sort()).toEqual(['generate', 'load', 'maintain', 'rebuild', 'score', 'watch']);
  });

  it('runs generate from the generator package', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const out = join(root, 'events');
    await etlCommandLine().parseAsync(
      ['generate', '--out', out, '--accounts', '3', '--months', '1', '--seed', '1'],
      { from: 'user' },
    );
    log.mockRestore();
    const manifest = JSON.parse(readFileSync(join(out, 'MANIFEST.json'), 'utf8')) as {
      accounts: number;
      months: number;
      seed: number;
    };
    expect([manifest.accounts, manifest.months, manifest.seed]).toEqual([3, 1, 1]);
  });
});
