/**
 * Before/after bench of the account- and case-side queries (issues #4/#5:
 * ≤ 250 ms median at scale M). "Before" is the query builders of a baseline
 * commit, extracted with `git archive` into a temp directory and imported from
 * there; "after" is this tree's. Both run interleaved in one process on the
 * same data, so load on the shared machine hits both alike, and their rows are
 * compared. Measured, never asserted (STYLE.md).
 *
 *   nice -n 10 pnpm exec tsx bench/api/perf-acct.ts synth [accounts=1000000] [runs=5] [baseline=79768a7]
 *   nice -n 10 pnpm exec tsx bench/api/perf-acct.ts fill <new-dir> [accounts=1000000]
 *   nice -n 10 pnpm exec tsx bench/api/perf-acct.ts dir <chdb-dir> [runs=5] [baseline=79768a7]
 *
 * `synth` fills a temp database (`fill`: a kept directory, for `dir` runs) in ClickHouse (INSERT … SELECT FROM numbers())
 * at the generator's per-account rates (docs/generator.md): 24 month-end
 * snapshots per account (0.5 % missing, 4 % with a mid-month one), 0.4 cases per
 * account, 70 % closed, 1.15 assignments, 10 contact attempts, 2 case payments
 * and 1 payment without a case per case, promises on 30 %, plans on 10 % and
 * legal actions on 5 % of the cases. `dir` opens a COPY of a loaded database
 * (one process per chDB directory), migrates it and refreshes the derived tables
 * over every committed load.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb, queryRows, type Db } from '@collections/schema/db';
import { DERIVED_TABLES, refreshDerived } from '@collections/schema/derived';
import { loadEnv } from '@collections/schema/env';
import { migrate } from '@collections/schema/migrate';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import {
  caseOutcomesQuery,
  CureCohortBy,
  cureCurveQuery,
  dimensionsQuery,
  kpiQuery,
  legalQuery,
  monthEndFlagsQuery,
  relapseQuery,
  repaymentPlansQuery,
  strategyArmsQuery,
  vintagesQuery,
  type SqlQuery,
} from '@collections/api/queries';
import { SYNTH_LOAD_ID, synthStatements } from './perf-acct.fill.ts';
import { extractBaseline, removeBaselines } from './baseline.ts';
import { median } from '../src/stats.ts';
import { canonicalRows } from '../src/compare.ts';

const args = process.argv.slice(2);
const [mode = 'synth', source = '1000000'] = args;
/** `fill` takes the accounts as its third argument; the others take runs and baseline next. */
const accountsArg = mode === 'fill' ? (args[2] ?? '1000000') : '';
const [runsArg = '5', baseline = '79768a7'] = args.slice(mode === 'fill' ? 3 : 2);
const runs = Number(runsArg);
const tz = 'UTC';

type Builders = Record<string, (args: never) => SqlQuery>;
async function builders(srcDir: string): Promise<Builders> {
  const m = (file: string) => import(path.join(srcDir, 'metrics', file));
  const [kpis, outcomes, strategy, curve, plans, legal, dims, vintages, relapse] =
    await Promise.all([
      m('kpis/kpis.sql.ts'),
      m('case-outcomes/case-outcomes.sql.ts'),
      m('strategy-comparison/strategy-comparison.sql.ts'),
      m('cure-curve/cure-curve.sql.ts'),
      m('repayment-plans/repayment-plans.sql.ts'),
      m('legal/legal.sql.ts'),
      m('dimensions/dimensions.sql.ts'),
      m('vintages/vintages.sql.ts'),
      m('relapse/relapse.sql.ts'),
    ]);
  return {
    kpis: kpis.kpiQuery,
    caseOutcomes: outcomes.caseOutcomesQuery,
    strategyComparison: strategy.strategyArmsQuery,
    cureCurve: curve.cureCurveQuery,
    repaymentPlans: plans.repaymentPlansQuery,
    legalPipeline: legal.legalQuery,
    dimensions: dims.dimensionsQuery,
    vintages: vintages.vintagesQuery,
    relapse: relapse.relapseQuery,
  };
}

/** [label, builder name, args]: the queries a dashboard page sends, at M. */
const CASES: [string, string, unknown][] = [
  // stateAtMonthEnd as the resolver finds it (monthEndFlagsQuery, timed apart below);
  // the baseline ignores it. The previous period ends on 08-31: month-end as well.
  [
    'kpis 2026-09',
    'kpis',
    { from: '2026-09-01', to: '2026-09-30', tz, graceDays: 3, stateAtMonthEnd: true },
  ],
  [
    'kpis 2026-09 portfolio retail',
    'kpis',
    {
      from: '2026-09-01',
      to: '2026-09-30',
      tz,
      graceDays: 3,
      filter: { portfolios: ['retail'] },
      stateAtMonthEnd: true,
    },
  ],
  [
    'kpis 2026-09-01..09-15 (mid-month)',
    'kpis',
    { from: '2026-09-01', to: '2026-09-15', tz, graceDays: 3 },
  ],
  [
    'caseOutcomes by strategy, 2025',
    'caseOutcomes',
    { from: '2025-01-01', to: '2025-12-31', tz, groupBy: ['strategy'] },
  ],
  [
    'caseOutcomes by team, product, 2025-26',
    'caseOutcomes',
    { from: '2025-01-01', to: '2026-10-31', tz, groupBy: ['team', 'product'] },
  ],
  [
    'caseOutcomes by region, filter sme',
    'caseOutcomes',
    {
      from: '2025-01-01',
      to: '2026-10-31',
      tz,
      groupBy: ['region'],
      filter: { portfolios: ['sme'] },
    },
  ],
  [
    'strategyComparison exp1 30d, 2025',
    'strategyComparison',
    { experiment: 'exp1', from: '2025-01-01', to: '2025-12-31', tz, cureWithinDays: 30 },
  ],
  [
    'cureCurve STRATEGY 180d, 2025-26',
    'cureCurve',
    { from: '2025-01-01', to: '2026-10-31', cohortBy: CureCohortBy.STRATEGY, maxDays: 180, tz },
  ],
  [
    'cureCurve MONTH 90d, filter retail',
    'cureCurve',
    {
      from: '2025-01-01',
      to: '2025-12-31',
      cohortBy: CureCohortBy.MONTH,
      maxDays: 90,
      tz,
      filter: { portfolios: ['retail'] },
    },
  ],
  [
    'repaymentPlans by kind, 2025',
    'repaymentPlans',
    { from: '2025-01-01', to: '2025-12-31', groupBy: ['kind'], tz },
  ],
  [
    'repaymentPlans by product, region',
    'repaymentPlans',
    { from: '2025-01-01', to: '2026-10-31', groupBy: ['product', 'region'], tz },
  ],
  ['legalPipeline 2025-26', 'legalPipeline', { from: '2025-01-01', to: '2026-10-31', tz }],
  ['dimensions', 'dimensions', undefined],
  ['vintages 2024-11..2026-10', 'vintages', { fromMonth: '2024-11', toMonth: '2026-10', tz }],
  ['relapse 2025-26', 'relapse', { from: '2025-01-01', to: '2026-10-31', tz }],
  [
    'relapse 2025-26, filter retail',
    'relapse',
    { from: '2025-01-01', to: '2026-10-31', tz, filter: { portfolios: ['retail'] } },
  ],
];

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

/** Derived tables of this branch: filled on a database loaded before they existed. */
const NEW_TABLES = ['account_dims', 'dimension_values', 'account_run_end'].map((name) =>
  DERIVED_TABLES.find((t) => t.name === name)!,
);

async function prepare(): Promise<{ db: Db; dispose: () => Promise<void> }> {
  if (mode === 'dir') {
    const db = await openDb(loadEnv({ CHDB_PATH: source }));
    await migrate(db);
    const loads = await queryRows<{ id: string }>(
      db,
      `SELECT toString(load_id) AS id FROM load_ledger FINAL WHERE status IN ('loaded', 'done')
       UNION DISTINCT SELECT toString(load_id) FROM account_opened WHERE load_id = {synth:UUID} LIMIT 1`,
      { synth: SYNTH_LOAD_ID },
    );
    for (const table of NEW_TABLES) {
      const [row] = await queryRows<{ n: string }>(db, `SELECT count() AS n FROM ${table.name}`);
      if (Number(row?.n) > 0) continue;
      const t = performance.now();
      await table.refresh(db, { loadIds: loads.map((l) => l.id) });
      console.log(`filled ${table.name} over ${loads.length} loads in ${seconds(t)} s`);
    }
    return { db, dispose: () => db.close() };
  }
  const fill = mode === 'fill';
  const db = fill ? await openDb(loadEnv({ CHDB_PATH: source })) : await openTempDb();
  if (fill) await migrate(db);
  const accounts = Number(fill ? accountsArg : source);
  const t = performance.now();
  for (const statement of synthStatements(accounts))
    await db.client.command({ query: statement, query_params: { load: SYNTH_LOAD_ID } });
  console.log(`filled ${accounts} accounts in ${seconds(t)} s`);
  const r = performance.now();
  await refreshDerived(db, { loadIds: [SYNTH_LOAD_ID] });
  console.log(`refreshed the derived tables in ${seconds(r)} s`);
  if (fill) {
    await db.close();
    process.exit(0);
  }
  return { db, dispose: () => (db as TempDb).dispose() };
}

const { db, dispose } = await prepare();
const before = await builders(extractBaseline(baseline));
// This tree's builders through the package's export; the baseline's from its extract.
const after: Builders = {
  kpis: kpiQuery,
  caseOutcomes: caseOutcomesQuery,
  strategyComparison: strategyArmsQuery,
  cureCurve: cureCurveQuery,
  repaymentPlans: repaymentPlansQuery,
  legalPipeline: legalQuery,
  dimensions: dimensionsQuery,
  vintages: vintagesQuery,
  relapse: relapseQuery,
};
try {
  const counts = await queryRows<{ t: string; n: string }>(
    db,
    [
      'account_opened',
      'account_snapshot',
      'case_facts',
      'contact_attempt',
      'payment',
      'account_month',
    ]
      .map((t) => `SELECT '${t}' AS t, toString(count()) AS n FROM ${t}`)
      .join(' UNION ALL '),
  );
  console.log(counts.map((c) => `${c.t} ${c.n}`).join(', '));
  const flags = monthEndFlagsQuery(['2026-09-30', '2026-08-31']);
  const flagTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const rows = await queryRows<{ month_end: number }>(db, flags.query, flags.query_params);
    flagTimes.push(performance.now() - start);
    if (rows.some((r) => Number(r.month_end) !== 1)) throw new Error('2026-09-30 is not month-end');
  }
  console.log(`kpis monthEndFlagsQuery (extra round trip): ${median(flagTimes).toFixed(0)} ms`);
  console.log(
    `\n${'query'.padEnd(40)} ${'before ms'.padStart(10)} ${'after ms'.padStart(10)}  ratio  same rows`,
  );
  for (const [label, name, args] of CASES) {
    const forms = [
      ['before', before[name]!(args as never)],
      ['after', after[name]!(args as never)],
    ] as const;
    const times = { before: [] as number[], after: [] as number[] };
    const results = { before: '', after: '' };
    for (let i = 0; i < runs; i++)
      for (const [form, sql] of forms) {
        const start = performance.now();
        const rows = await queryRows(db, sql.query, sql.query_params);
        times[form].push(performance.now() - start);
        results[form] = canonicalRows(rows);
      }
    const b = median(times.before);
    const a = median(times.after);
    console.log(
      `${label.padEnd(40)} ${b.toFixed(0).padStart(10)} ${a.toFixed(0).padStart(10)}  ${(b / a).toFixed(1).padStart(5)}×  ${results.before === results.after ? 'yes' : 'NO'}`,
    );
  }
} finally {
  await dispose();
  removeBaselines();
}
