/** Shared by the CLI tests: a payment line, and `etl …` run as a user runs it. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));

/** One valid payment event as an NDJSON line. */
export const pay = (id: string) =>
  JSON.stringify({
    event_id: id,
    type: 'payment',
    occurred_at: '2024-03-01T10:00:00Z',
    payment_id: id,
    account_id: 'A',
    amount: 10,
  });

/** `etl ARGS` in a child process against the embedded database `chdb`. */
export function etl(args: string[], chdb: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root,
    env: { ...process.env, CHDB_PATH: chdb, PII_KEY: 'cli-test-key-0123456789' },
    encoding: 'utf8',
  });
}
