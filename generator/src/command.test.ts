/** `etl generate` flags (docs/generator.md): parsing, validation and the summary it prints. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerGenerate } from './command.ts';

const root = mkdtempSync(join(tmpdir(), 'gen-cmd-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function program(): { cmd: Command; errors: string[] } {
  const errors: string[] = [];
  const cmd = new Command('etl').exitOverride().configureOutput({
    writeErr: (s) => errors.push(s),
    writeOut: () => undefined,
  });
  registerGenerate(cmd);
  for (const sub of cmd.commands)
    sub.exitOverride().configureOutput({ writeErr: (s) => errors.push(s) });
  return { cmd, errors };
}

describe('etl generate', () => {
  it('generates with --accounts/--months/--seed/--dirty and prints a summary', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const out = join(root, 'ok');
    const { cmd } = program();
    await cmd.parseAsync(
      ['generate', '--out', out, '--accounts', '40', '--months', '3', '--seed', '5', '--dirty'],
      { from: 'user' },
    );
    const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
    log.mockRestore();
    expect(printed).toContain('generated 40 accounts × 3 months (2026-08 … 2026-10), seed 5');
    expect(printed).toMatch(/account_snapshot\s+\d+/);
    expect(existsSync(join(out, 'MANIFEST.json'))).toBe(true);
    expect(existsSync(join(out, 'zz-dirty', 'resend.ndjson'))).toBe(true);
  });

  it.each([
    [['--accounts', '0'], /--accounts.*integer ≥ 1/],
    [['--months', 'x'], /--months.*integer ≥ 1/],
    [['--scale', 'L'], /--scale.*Allowed choices are S, M/],
    [['--end-month', '2026-13'], /--end-month.*YYYY-MM/],
  ])('rejects %j with a clear message', async (args, message) => {
    const { cmd, errors } = program();
    await expect(
      cmd.parseAsync(['generate', '--out', join(root, 'bad'), ...args], { from: 'user' }),
    ).rejects.toThrow();
    expect(errors.join('')).toMatch(message);
    expect(existsSync(join(root, 'bad'))).toBe(false);
  });

  it('reports a generation error as one line, without a stack trace', async () => {
    const { cmd, errors } = program();
    // The folder from the first test is not empty any more.
    await expect(
      cmd.parseAsync(['generate', '--out', join(root, 'ok'), '--accounts', '5'], { from: 'user' }),
    ).rejects.toThrow();
    expect(errors.join('')).toMatch(/^generate: output folder .* is not empty/);
    expect(errors.join('')).not.toMatch(/\n\s+at /);
  });

  it('requires --out', async () => {
    const { cmd, errors } = program();
    await expect(cmd.parseAsync(['generate'], { from: 'user' })).rejects.toThrow();
    expect(errors.join('')).toMatch(/--out/);
  });
});
