/**
 * Before/after bench of agentPerformance / teamPerformance on a COPY of a loaded
 * database (e.g. $DATA/m-agent after bench/api/fill-derived.ts):
 * "before" = the per-event SQL of a baseline commit (default 5b42618, the per-event
 * builders, imported from its `git archive`: bench/api/baseline.ts),
 * "after" = the current builders over agent_day / agent_case_days. Both run
 * interleaved in one process (load on the shared machine hits both alike) and
 * their rows are compared. Measured, never asserted (STYLE.md).
 *
 *   nice -n 10 pnpm exec tsx bench/api/perf-agent.ts <chdb-dir> [runs=5] [tz=Asia/Shanghai] [baseline=5b42618]
 */
import { isDeepStrictEqual } from 'node:util';
import { loadEnv } from '@collections/schema/env';
import { openDb, queryRows } from '@collections/schema/db';
import { type SqlQuery, complianceParams } from '@collections/api/queries';
import {
  agentPerformanceQuery,
  teamPerformanceQuery,
  type PerformanceArgs,
} from '@collections/api/queries';
import { baselineModule, removeBaselines } from './baseline.ts';
import { median } from '../src/stats.ts';

const [dir, runsArg, tz = 'Asia/Shanghai', baseline = '5b42618'] = process.argv.slice(2);
if (!dir) throw new Error('usage: perf-agent.ts <chdb-dir> [runs] [tz] [baseline]');
const { agentPerformanceQuery: legacyAgentQuery, teamPerformanceQuery: legacyTeamQuery } =
  await baselineModule<{
    agentPerformanceQuery: typeof agentPerformanceQuery;
    teamPerformanceQuery: typeof teamPerformanceQuery;
  }>(baseline, 'metrics/agent-performance/agent-performance.sql.ts');
const runs = Number(runsArg ?? 5);
const env = loadEnv({ CHDB_PATH: dir, REPORT_TZ: tz });
const db = await openDb(env);

const [{ last } = { last: '2026-10' }] = await queryRows<{ last: string }>(
  db,
  "SELECT formatDateTime(max(month), '%Y-%m') AS last FROM account_month",
);
const [y, m] = last.split('-').map(Number) as [number, number];
const monthEnd = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
const yearStart = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
const periods: [string, string, string][] = [
  ['month', `${last}-01`, monthEnd],
  ['year', yearStart, monthEnd],
  ['one day', monthEnd, monthEnd],
];

const base = (from: string, to: string): PerformanceArgs => ({
  from,
  to,
  tz: env.REPORT_TZ,
  graceDays: env.PROMISE_GRACE_DAYS,
  compliance: complianceParams(env),
});
const page = { team: null, limit: 1000, offset: 0 };

const pairs: [string, SqlQuery, SqlQuery][] = periods.flatMap(([name, from, to]) => [
  [
    `agentPerformance ${name}`,
    legacyAgentQuery({ ...base(from, to), ...page }),
    agentPerformanceQuery({ ...base(from, to), ...page }),
  ],
  [
    `teamPerformance ${name}`,
    legacyTeamQuery(base(from, to)),
    teamPerformanceQuery(base(from, to)),
  ],
]);

/** Wall ms, CPU ms of this process (chDB runs in it: less sensitive to the machine's load), rows. */
async function timed(q: SqlQuery): Promise<[number, number, unknown[]]> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = await queryRows(db, q.query, q.query_params);
  const cpu = process.cpuUsage(c0);
  return [performance.now() - t0, (cpu.user + cpu.system) / 1000, rows];
}

console.log(
  `${dir}, REPORT_TZ ${env.REPORT_TZ}, ${runs} runs after a warm-up, medians in ms (wall / CPU)`,
);
const ms = (xs: number[]) => median(xs).toFixed(0).padStart(5);
for (const [name, before, after] of pairs) {
  const [, , rowsBefore] = await timed(before);
  const [, , rowsAfter] = await timed(after);
  const [wb, cb, wa, ca]: number[][] = [[], [], [], []];
  for (let i = 0; i < runs; i++) {
    const b = await timed(before);
    const a = await timed(after);
    wb!.push(b[0]);
    cb!.push(b[1]);
    wa!.push(a[0]);
    ca!.push(a[1]);
  }
  const same = isDeepStrictEqual(rowsBefore, rowsAfter);
  console.log(
    `${name.padEnd(26)} before ${ms(wb!)} / ${ms(cb!)}  after ${ms(wa!)} / ${ms(ca!)}  ` +
      `wall × ${(median(wb!) / median(wa!)).toFixed(1)}, CPU × ${(median(cb!) / median(ca!)).toFixed(1)}  ` +
      `rows ${rowsAfter.length} ${same ? 'same' : 'DIFFERENT'}`,
  );
}
await db.close();
removeBaselines();
