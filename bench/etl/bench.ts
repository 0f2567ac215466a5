/**
 * `pnpm bench:etl [LINES]`: loader speed against a bare INSERT … SELECT FROM file()
 * of the same synthetic NDJSON (payments and snapshots), side by side, in one run
 * on a fresh embedded database. Prints events/s for both and the process's peak RSS
 * (chDB runs in-process, so it includes ClickHouse's memory). Measured, never asserted.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPaths } from '@collections/etl';
import { openTempDb } from '@collections/schema/testing';

const lines = Number(process.argv[2] ?? 2_000_000);
const dir = mkdtempSync(path.join(tmpdir(), 'bench-etl-'));
const file = path.join(dir, 'events.ndjson');

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function writeEvents(): Promise<void> {
  const out = createWriteStream(file);
  let buffer = '';
  for (let i = 0; i < lines; i++) {
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

await writeEvents();
const db = await openTempDb();
try {
  const mb = statSync(file).size / 1e6;
  console.log(`file: ${lines.toLocaleString()} events, ${mb.toFixed(0)} MB NDJSON`);

  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const parts = new Map<string, number>();
  const summary = await loadPaths(db, [file], {
    piiKey: 'bench-key-0123456789',
    onTiming: (part, seconds) => parts.set(part, (parts.get(part) ?? 0) + seconds),
  });
  const loaderSeconds = (performance.now() - t0) / 1000;
  const loaderCpu = cpuSeconds(c0);
  const loaderRss = process.resourceUsage().maxRSS / 1024;

  await db.client.command({
    query: `CREATE TABLE bench_bare (event_id String, type LowCardinality(String), occurred_at DateTime64(3, 'UTC'),
      payment_id String, account_id String, case_id String, amount Decimal(18, 2), method LowCardinality(String),
      as_of Nullable(Date32), dpd UInt32, balance Decimal(18, 2), amount_due Decimal(18, 2), status LowCardinality(String))
      ENGINE = MergeTree ORDER BY tuple()`,
  });
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  await db.client.command({
    query: `INSERT INTO bench_bare SELECT * FROM file({path:String}, 'JSONEachRow',
      'event_id String, type String, occurred_at DateTime64(3, \\'UTC\\'), payment_id String, account_id String, case_id String,
       amount Decimal(18, 2), method String, as_of Nullable(Date32), dpd UInt32, balance Decimal(18, 2), amount_due Decimal(18, 2), status String')`,
    query_params: { path: file },
  });
  const bareSeconds = (performance.now() - t1) / 1000;
  const bareCpu = cpuSeconds(c1);

  const rate = (s: number) => Math.round(lines / s).toLocaleString();
  console.log(
    `loader (validate, dedup, hash, quarantine, ledger): ${loaderSeconds.toFixed(2)} s  ${rate(loaderSeconds)} events/s  (loaded ${summary.loaded}, quarantined ${summary.quarantined})`,
  );
  console.log(
    `bare INSERT … SELECT FROM file():                  ${bareSeconds.toFixed(2)} s  ${rate(bareSeconds)} events/s`,
  );
  for (const [part, seconds] of parts) console.log(`  ${part.padEnd(28)} ${seconds.toFixed(2)} s`);
  console.log(`loader / bare speed: ${(bareSeconds / loaderSeconds).toFixed(2)}`);
  // The refresh of the derived tables (schema/src/derived) follows every load; the load
  // itself (events validated, stored and indexed, queryable) is done before it.
  const etlSeconds = loaderSeconds - (parts.get('refresh derived') ?? 0);
  console.log(
    `loader without the derived-table refresh: ${etlSeconds.toFixed(2)} s  ${rate(etlSeconds)} events/s; / bare speed: ${(bareSeconds / etlSeconds).toFixed(2)}`,
  );
  // CPU seconds of the whole process (chDB runs in it): steadier than wall time on a shared machine.
  console.log(
    `CPU: loader ${loaderCpu.toFixed(2)} s, bare ${bareCpu.toFixed(2)} s; bare / loader CPU: ${(bareCpu / loaderCpu).toFixed(2)}`,
  );
  console.log(
    `peak RSS after the loader: ${loaderRss.toFixed(0)} MB; after both: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
} finally {
  await db.dispose();
  rmSync(dir, { recursive: true, force: true });
}
