/**
 * The synthetic `pnpm bench:etl` file: `lines` events alternating payments and
 * account snapshots (50 000 accounts, 20 000 cases, March 2024), for bench.ts
 * and refresh.ts.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/**
 * Writes the events into `files` (one path, or several that take consecutive equal
 * shares of the lines: a folder of small files).
 */
export async function writeBenchEvents(
  files: string | readonly string[],
  lines: number,
): Promise<void> {
  const paths = typeof files === 'string' ? [files] : files;
  const share = Math.ceil(lines / paths.length);
  for (const [n, file] of paths.entries())
    await writeLines(file, n * share, Math.min(lines, (n + 1) * share));
}

async function writeLines(file: string, from: number, to: number): Promise<void> {
  const out = createWriteStream(file);
  let buffer = '';
  for (let i = from; i < to; i++) {
    const account = `A${i % 50_000}`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    buffer +=
      i % 2 === 0
        ? `{"event_id":"p-${i}","type":"payment","occurred_at":"2024-03-${day}T10:00:00Z","payment_id":"pay-${i}","account_id":"${account}","case_id":"C${i % 20_000}","amount":${(i % 9000) + 1}.25,"method":"app"}\n`
        : `{"event_id":"s-${i}","type":"account_snapshot","occurred_at":"2024-03-${day}T23:00:00Z","account_id":"${account}","as_of":"2024-03-${day}","dpd":${i % 200},"balance":${i % 100000}.5,"amount_due":${i % 1000},"status":"open"}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}
