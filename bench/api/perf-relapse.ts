/**
 * Before/after bench of postCureRelapse and kpis with a PortfolioFilter
 * (case_dims, docs/schema.md#derived-tables). "Before" is the query builders of a
 * baseline commit (extracted with `git archive` under bench/out/, removed at the
 * end), "after" this tree's; both run interleaved in one process on a COPY of a
 * loaded database that has case_dims filled (bench/api/fill-derived.ts DIR
 * case_dims), and their rows are compared. Measured, never asserted.
 *
 *   nice -n 10 pnpm exec tsx bench/api/perf-relapse.ts <chdb-dir> [runs=5] [baseline=5b42618] [label filter]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb, queryRows } from '@collections/schema/db';
import { loadEnv } from '@collections/schema/env';
import {
  kpiQuery,
  relapseQuery,
  repaymentPlansQuery,
  type SqlQuery,
} from '@collections/api/queries';
import { extractBaseline, removeBaselines } from './baseline.ts';
import { median } from '../src/stats.ts';
import { canonicalRows } from '../src/compare.ts';

const [dir, runsArg = '5', baseline = '5b42618', only = ''] = process.argv.slice(2);
if (!dir) throw new Error('usage: perf-relapse.ts <chdb-dir> [runs] [baseline] [filter]');
const runs = Number(runsArg);
type Builders = Record<string, (args: never) => SqlQuery>;
async function builders(srcDir: string): Promise<Builders> {
  const m = (file: string) => import(path.join(srcDir, 'metrics', file));
  const [kpis, plans, relapse] = await Promise.all([
    m('kpis/kpis.sql.ts'),
    m('repayment-plans/repayment-plans.sql.ts'),
    m('relapse/relapse.sql.ts'),
  ]);
  return {
    kpis: kpis.kpiQuery,
    repaymentPlans: plans.repaymentPlansQuery,
    relapse: relapse.relapseQuery,
  };
}

const year = { from: '2025-11-01', to: '2026-10-31' };
const month = { from: '2026-10-01', to: '2026-10-31', graceDays: 3, stateAtMonthEnd: true };
const retail = { portfolios: ['retail'] };
/** [label, builder, args]: as time-dir.ts sends them (last month 2026-10 at M). */
const CASES: [string, string, unknown][] = [
  ['relapse 1 year', 'relapse', { ...year, tz: 'UTC' }],
  ['relapse 1 year, retail', 'relapse', { ...year, tz: 'UTC', filter: retail }],
  ['relapse 1 year, Asia/Shanghai', 'relapse', { ...year, tz: 'Asia/Shanghai' }],
  ['relapse 1 year, America/New_York', 'relapse', { ...year, tz: 'America/New_York' }],
  ['relapse 1 year, Pacific/Kiritimati', 'relapse', { ...year, tz: 'Pacific/Kiritimati' }],
  ['kpis month', 'kpis', { ...month, tz: 'UTC' }],
  ['kpis month, retail', 'kpis', { ...month, tz: 'UTC', filter: retail }],
  ['kpis month, region north', 'kpis', { ...month, tz: 'UTC', filter: { regions: ['north'] } }],
  [
    'kpis month, product + risk grade',
    'kpis',
    { ...month, tz: 'UTC', filter: { products: ['credit_card'], riskGrades: ['A', 'B'] } },
  ],
  ['kpis month, retail, Asia/Shanghai', 'kpis', { ...month, tz: 'Asia/Shanghai', filter: retail }],
  [
    'kpis 1 year, retail (mid-month form)',
    'kpis',
    { ...year, graceDays: 3, tz: 'UTC', filter: retail },
  ],
  ['repaymentPlans 1 year', 'repaymentPlans', { ...year, tz: 'UTC', groupBy: ['kind'] }],
];

const db = await openDb(loadEnv({ CHDB_PATH: dir }));
try {
  const before = await builders(extractBaseline(baseline));
  // This tree's builders through the package's export; the baseline's from its extract.
  const after: Builders = {
    kpis: kpiQuery,
    repaymentPlans: repaymentPlansQuery,
    relapse: relapseQuery,
  };
  console.log(
    `${'query'.padEnd(40)} ${'before ms'.padStart(10)} ${'after ms'.padStart(10)}  ratio  same rows`,
  );
  for (const [label, name, args] of CASES) {
    if (!label.toLowerCase().includes(only.toLowerCase())) continue;
    const forms = [
      ['before', before[name]!(args as never)],
      ['after', after[name]!(args as never)],
    ] as const;
    const times = { before: [] as number[], after: [] as number[] };
    const cpu = { before: [] as number[], after: [] as number[] };
    const results = { before: '', after: '' };
    for (let i = 0; i <= runs; i++)
      for (const [form, sql] of forms) {
        const start = performance.now();
        const used = process.cpuUsage();
        const rows = await queryRows(db, sql.query, sql.query_params);
        const spent = process.cpuUsage(used);
        if (i > 0) {
          // run 0: warm-up. chDB runs in this process: its CPU time is ours (less load-sensitive).
          times[form].push(performance.now() - start);
          cpu[form].push((spent.user + spent.system) / 1000);
        }
        results[form] = canonicalRows(rows);
      }
    const b = median(times.before);
    const a = median(times.after);
    console.log(
      `${label.padEnd(40)} ${b.toFixed(0).padStart(10)} ${a.toFixed(0).padStart(10)}  ${(b / a).toFixed(1).padStart(5)}×  ${median(cpu.before).toFixed(0).padStart(13)} ${median(cpu.after).toFixed(0).padStart(6)}  ${results.before === results.after ? 'yes' : `NO\n  before ${results.before}\n  after  ${results.after}`}`,
    );
  }
} finally {
  await db.close();
  removeBaselines();
}
