/**
 * `pnpm exec tsx bench/src/bare-cli.ts DIR`: the bare INSERT … SELECT FROM file()
 * of DIR's event files into a fresh embedded database, the other half of the
 * ETL-vs-bare comparison when the record reuses a database loaded apart
 * (`pnpm bench --clickhouse-db`). Prints rows, seconds and rows/s; measured, never asserted.
 */
import { openTempDb } from '@collections/schema/testing';
import { listEventFiles } from './data.ts';
import { bareInsert } from './engines/clickhouse.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: tsx bench/src/bare-cli.ts DIR');
  process.exit(2);
}
const db = await openTempDb({ migrate: false });
try {
  const { bareRows, bareSeconds } = await bareInsert(db, listEventFiles(dir));
  const rate = Math.round(bareRows / bareSeconds).toLocaleString('en-US');
  console.log(
    `bare INSERT … SELECT FROM file(): ${bareRows} rows in ${bareSeconds.toFixed(1)} s = ${rate} rows/s`,
  );
} finally {
  await db.dispose();
}
