/**
 * `pnpm bench:api [--accounts N] [--months M] [--runs R]`: synthesizes a
 * portfolio in an embedded database (default scale M: 1 M accounts × 24
 * months = 24 M snapshots, directory bench/out/chdb-<N>x<M>, reused between
 * runs), refreshes account_month, then times each API query through the real
 * Apollo server (validation, SQL, mapping) and prints medians. Measures, never asserts.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnv, migrate, openDb, queryRows, refreshDerived } from '@collections/schema';
import { adminApi } from './admin-api.ts';
import { addMonths } from '@collections/api/queries';
import { BENCH_LOAD_ID, synthesize } from './synthesize.ts';
import { median } from '../src/stats.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    months: { type: 'string', default: '24' },
    runs: { type: 'string', default: '15' },
    /** Recompute account_month even when it is filled (e.g. after an interrupted run). */
    refresh: { type: 'boolean', default: false },
  },
});
const accounts = Number(values.accounts);
const months = Number(values.months);
const runs = Number(values.runs);

const dir = path.resolve(import.meta.dirname, `../out/chdb-${accounts}x${months}`);
const env = loadEnv({ CHDB_PATH: dir });
const db = await openDb(env);
await migrate(db);

const count = async (table: string) =>
  Number((await queryRows<{ n: string }>(db, `SELECT count() AS n FROM ${table}`))[0]?.n ?? 0);

if ((await count('account_snapshot')) !== accounts * months) {
  for (const table of ['account_snapshot', 'account_opened', 'account_month'])
    await db.client.command({ query: `TRUNCATE TABLE ${table}` });
  const t = performance.now();
  await synthesize(db, accounts, months);
  console.log(
    `synthesized ${accounts} accounts × ${months} months in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}
if (values.refresh || (await count('account_month')) === 0) {
  await db.client.command({ query: 'TRUNCATE TABLE account_month' });
  // The whole portfolio as one load: the refresher's worst case (sliced by account hash).
  const t = performance.now();
  await refreshDerived(db, { loadIds: [BENCH_LOAD_ID] });
  console.log(
    `refreshed account_month (${await count('account_month')} rows) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}

const { apollo, context } = await adminApi(db, env);

const [{ last } = { last: '2026-10' }] = await queryRows<{ last: string }>(
  db,
  "SELECT formatDateTime(max(month), '%Y-%m') AS last FROM account_month",
);
const monthsBack = (n: number) => addMonths(last, -n);

const CASES: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'rollRates 12 origin months',
    query: `query ($f: String!, $t: String!) { rollRates(fromMonth: $f, toMonth: $t) { months { month unobserved transitions { from to accounts balance accountRate balanceRate } } pooled { from to accountRate } } }`,
    variables: { f: monthsBack(12), t: monthsBack(1) },
  },
  {
    name: 'rollRates all 24 months',
    query: `query ($f: String!, $t: String!) { rollRates(fromMonth: $f, toMonth: $t) { pooled { from to accountRate balanceRate } pooledFlows { bucket rollForwardRate cureRate } } }`,
    variables: { f: monthsBack(months - 1), t: last },
  },
  {
    name: 'rollRates 12 months, portfolio+grade filter',
    query: `query ($f: String!, $t: String!) { rollRates(fromMonth: $f, toMonth: $t, filter: { portfolios: ["sme"], riskGrades: ["D", "E"] }) { pooled { from to accountRate } } }`,
    variables: { f: monthsBack(12), t: monthsBack(1) },
  },
  {
    name: 'lossForecast h=12, k=6',
    query: `{ lossForecast(months: 12, lookbackMonths: 6) { expectedChargeOffs expectedChargeOffBalance months { month chargeOffs } } }`,
  },
  {
    name: 'lossForecast h=12, k=6, region filter',
    query: `{ lossForecast(months: 12, lookbackMonths: 6, filter: { regions: ["north"] }) { expectedChargeOffs } }`,
  },
  { name: 'dimensions', query: `{ dimensions { portfolios products regions riskGrades } }` },
  { name: 'asOf', query: `{ asOf { instant date } }` },
];

console.log(`\n${accounts} accounts × ${months} months; ${runs} runs after 2 warm-ups; ms`);
console.log('query'.padEnd(46), 'median'.padStart(8), 'min'.padStart(8), 'max'.padStart(8));
for (const c of CASES) {
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i += 1) {
    const t = performance.now();
    const res = await apollo.executeOperation(
      { query: c.query, variables: c.variables },
      { contextValue: context() },
    );
    const ms = performance.now() - t;
    if (res.body.kind === 'single' && res.body.singleResult.errors) {
      console.log(
        c.name.padEnd(46),
        'ERROR',
        JSON.stringify(res.body.singleResult.errors[0]?.message),
      );
      break;
    }
    if (i >= 2) times.push(ms);
  }
  if (times.length)
    console.log(
      c.name.padEnd(46),
      median(times).toFixed(1).padStart(8),
      Math.min(...times)
        .toFixed(1)
        .padStart(8),
      Math.max(...times)
        .toFixed(1)
        .padStart(8),
    );
}
await apollo.stop();
await db.close();
