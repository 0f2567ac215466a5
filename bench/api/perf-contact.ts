/**
 * Before/after bench of the contact-side queries (issues #4/#5): agent and team
 * performance, compliance, channel effectiveness, case drill-down and timeline.
 * "Before" is the SQL as it was (bench/api/perf-contact.legacy.ts: promise
 * status, attribution, compliance rules and channel crediting derived from raw
 * events on every query); "after" is the current builders over the derived
 * tables promise_facts, payment_facts and voice_attempts. Both run interleaved
 * in one process so that load on the shared machine hits both alike; the rows
 * of both forms are compared. Also times the refresh of the derived tables.
 *
 *   nice -n 10 pnpm exec tsx bench/api/perf-contact.ts [scale=1] [runs=5] [chdbDir|''] [nameRegex]
 *
 * Without chdbDir: synthesizes `scale` × scale M in a temporary database, at the
 * generator's M rates (docs/GENERATOR.md: 1 M accounts, 384 k cases, 17.3 M
 * contact attempts, 1.25 M promises, 1.74 M payments, 2 500 agents). With
 * chdbDir: a copy of a loaded database (never the shared snapshot itself); the
 * derived tables are migrated and refreshed over all its loads first.
 * Measured, never asserted (STYLE.md).
 */
// type-graphql decorators (imported with the types) need the metadata polyfill first.
import '../../api/src/test-setup.ts';
import { performance } from 'node:perf_hooks';
import { loadEnv } from '../../schema/src/env.ts';
import { openDb, queryRows, type Db } from '../../schema/src/db.ts';
import { migrate } from '../../schema/src/migrate.ts';
import { DERIVED_TABLES } from '../../schema/src/derived/index.ts';
import { openTempDb } from '../../schema/src/testing.ts';
import type { SqlQuery } from '../../api/src/query.ts';
import { ATTRIBUTED_PAYMENTS_SQL } from '../../api/src/sql/payments.ts';
import { PROMISES_SQL } from '../../api/src/sql/promises.ts';
import { COMPLIANCE_ATTEMPTS_SQL, complianceParams } from '../../api/src/sql/compliance.ts';
import {
  agentPerformanceQuery,
  teamPerformanceQuery,
} from '../../api/src/metrics/agent-performance/agent-performance.sql.ts';
import {
  complianceAgentsQuery,
  complianceAttemptsQuery,
} from '../../api/src/metrics/compliance/compliance.sql.ts';
import { channelEffectivenessQuery } from '../../api/src/metrics/channels/channels.sql.ts';
import { kpiQuery } from '../../api/src/metrics/kpis/kpis.sql.ts';
import { caseHoldersQuery, casePageQuery } from '../../api/src/metrics/cases/cases.sql.ts';
import { caseTimelineQuery } from '../../api/src/metrics/cases/timeline.sql.ts';
import {
  LEGACY_ATTRIBUTED_PAYMENTS_SQL,
  LEGACY_COMPLIANCE_ATTEMPTS_SQL,
  LEGACY_PROMISES_SQL,
  legacyChannelQuery,
} from './perf-contact.legacy.ts';
import {
  agentPerformanceQuery as legacyAgentQuery,
  teamPerformanceQuery as legacyTeamQuery,
} from './perf-contact.legacy-agents.ts';
import { casePageQuery as legacyCasePageQuery } from './perf-contact.legacy-cases.ts';
import { CONTACT_FILL, CONTACT_LOAD_ID } from './perf-contact.fill.ts';

const scale = Number(process.argv[2] ?? 1);
const runs = Number(process.argv[3] ?? 5);
const chdbDir = process.argv[4] || undefined;
/** Only the queries whose name matches (e.g. `case`). */
const only = new RegExp(process.argv[5] ?? '');
const tz = 'UTC';
const env = loadEnv({});
const compliance = complianceParams(env);

/** The query with each derived-table fragment swapped for the raw-event SQL it replaced. */
function legacy(sql: SqlQuery): SqlQuery {
  let query = sql.query;
  for (const [now, before] of [
    [PROMISES_SQL, LEGACY_PROMISES_SQL],
    [ATTRIBUTED_PAYMENTS_SQL, LEGACY_ATTRIBUTED_PAYMENTS_SQL],
    [COMPLIANCE_ATTEMPTS_SQL, LEGACY_COMPLIANCE_ATTEMPTS_SQL],
  ] as const)
    query = query.split(now).join(before);
  if (query === sql.query) throw new Error('query embeds no contact fragment');
  return { ...sql, query };
}

const MONTH = { from: '2026-03-01', to: '2026-03-31' };
const YEAR = { from: '2025-11-01', to: '2026-10-31' };
const perf = (p: { from: string; to: string }) => ({
  ...p,
  tz,
  graceDays: env.PROMISE_GRACE_DAYS,
  compliance,
});
const comp = (p: { from: string; to: string }) => ({ ...p, tz, env });

/** [name, before, after]; before = null when the query did not change (timed once). */
function pairs(sampleCase: string, pageIds: string[]): [string, SqlQuery | null, SqlQuery][] {
  const page = { team: null, limit: 50, offset: 0 };
  const agents = (p: { from: string; to: string }): [SqlQuery, SqlQuery] => [
    legacyAgentQuery({ ...perf(p), ...page }),
    agentPerformanceQuery({ ...perf(p), ...page }),
  ];
  const both = (name: string, after: SqlQuery): [string, SqlQuery, SqlQuery] => [
    name,
    legacy(after),
    after,
  ];
  return [
    ['agentPerformance month', ...agents(MONTH)],
    ['agentPerformance year', ...agents(YEAR)],
    ['teamPerformance month', legacyTeamQuery(perf(MONTH)), teamPerformanceQuery(perf(MONTH))],
    ['teamPerformance year', legacyTeamQuery(perf(YEAR)), teamPerformanceQuery(perf(YEAR))],
    both('complianceAgents month', complianceAgentsQuery(comp(MONTH))),
    both('complianceAttempts month p1', complianceAttemptsQuery(comp(MONTH), 50, 0)),
    both('complianceAgents year', complianceAgentsQuery(comp(YEAR))),
    [
      'channels month',
      legacyChannelQuery({ ...MONTH, tz }),
      channelEffectivenessQuery({ ...MONTH, tz }),
    ],
    [
      'channels year',
      legacyChannelQuery({ ...YEAR, tz }),
      channelEffectivenessQuery({ ...YEAR, tz }),
    ],
    both('kpis month (kept rate)', kpiQuery({ ...MONTH, tz, graceDays: env.PROMISE_GRACE_DAYS })),
    ['cases page 1', legacyCasePageQuery({ tz }, 50, 0), casePageQuery({ tz }, 50, 0)],
    ['cases page 100', legacyCasePageQuery({ tz }, 50, 4950), casePageQuery({ tz }, 50, 4950)],
    [
      'cases page 1, one team',
      legacyCasePageQuery({ tz, filter: { teams: ['team-3'] } }, 50, 0),
      casePageQuery({ tz, filter: { teams: ['team-3'] } }, 50, 0),
    ],
    [
      'case summary (timeline)',
      legacyCasePageQuery({ tz, caseId: sampleCase }, 1, 0),
      casePageQuery({ tz, caseId: sampleCase }, 1, 0),
    ],
    ['case holders (page of 50)', null, caseHoldersQuery(pageIds)],
    ['caseTimeline', null, caseTimelineQuery(sampleCase)],
  ];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
/**
 * Rows as a canonical string over the given columns: floats rounded (summation
 * order may differ), rows sorted. The case page now leaves the holder to a
 * second lookup, so only the columns both forms return are compared.
 */
const canonical = (rows: Record<string, unknown>[], columns: string[]) =>
  rows
    .map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])))
    .map((r) =>
      JSON.stringify(r, (_, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v)),
    )
    .sort()
    .join('\n');

async function prepare(db: Db): Promise<void> {
  const loads = chdbDir
    ? (
        await queryRows<{ id: string }>(
          db,
          'SELECT DISTINCT toString(load_id) AS id FROM contact_attempt',
        )
      ).map((r) => r.id)
    : [CONTACT_LOAD_ID];
  if (!chdbDir) {
    const t0 = performance.now();
    for (const statement of CONTACT_FILL(scale))
      await db.client.command({ query: statement, query_params: { load: CONTACT_LOAD_ID } });
    console.log(`filled ${scale} × M in ${seconds(t0)} s`);
  }
  for (const table of DERIVED_TABLES.filter((t) =>
    ['promise_facts', 'payment_facts', 'voice_attempts', 'case_facts', 'data_as_of'].includes(
      t.name,
    ),
  )) {
    const t = performance.now();
    await table.refresh(db, { loadIds: loads });
    console.log(`refreshed ${table.name} over ${loads.length} load(s) in ${seconds(t)} s`);
  }
}

const db: Db & { dispose?: () => Promise<void> } = chdbDir
  ? await openDb(loadEnv({ CHDB_PATH: chdbDir }))
  : await openTempDb();
try {
  if (chdbDir) await migrate(db);
  await prepare(db);
  const counts = await queryRows<{ t: string; n: string }>(
    db,
    [
      'contact_attempt',
      'voice_attempts',
      'promise_to_pay',
      'payment',
      'case_opened',
      'agent_registered',
    ]
      .map((t) => `SELECT '${t}' AS t, toString(count()) AS n FROM ${t}`)
      .join(' UNION ALL '),
  );
  console.log(counts.map((c) => `${c.t} ${c.n}`).join(', '));
  const [sample] = await queryRows<{ case_id: string }>(
    db,
    `SELECT case_id FROM contact_attempt GROUP BY case_id ORDER BY count() DESC, case_id LIMIT 1`,
  );
  console.log(
    `\n${'query'.padEnd(32)} ${'before ms'.padStart(10)} ${'after ms'.padStart(10)}  ratio  same rows`,
  );
  const pageIds = (
    await queryRows<{ case_id: string }>(db, casePageQuery({ tz }, 50, 0).query, {
      ...casePageQuery({ tz }, 50, 0).query_params,
    })
  ).map((r) => r.case_id);
  for (const [name, before, after] of pairs(sample?.case_id ?? '', pageIds)) {
    if (!only.test(name)) continue;
    const times = { before: [] as number[], after: [] as number[] };
    const results = {
      before: [] as Record<string, unknown>[],
      after: [] as Record<string, unknown>[],
    };
    for (let i = 0; i < runs; i++)
      for (const [form, sql] of [
        ['before', before],
        ['after', after],
      ] as const) {
        if (sql === null) continue;
        const start = performance.now();
        const rows = await queryRows<Record<string, unknown>>(db, sql.query, sql.query_params);
        times[form].push(performance.now() - start);
        results[form] = rows;
      }
    const a = median(times.after);
    if (before === null) {
      console.log(`${name.padEnd(32)} ${'='.padStart(10)} ${a.toFixed(0).padStart(10)}`);
      continue;
    }
    const b = median(times.before);
    const columns = Object.keys(results.after[0] ?? {}).filter(
      (c) => c in (results.before[0] ?? {}),
    );
    const same = canonical(results.before, columns) === canonical(results.after, columns);
    console.log(
      `${name.padEnd(32)} ${b.toFixed(0).padStart(10)} ${a.toFixed(0).padStart(10)}  ${(b / a).toFixed(1).padStart(5)}×  ${same ? 'yes' : 'NO'}`,
    );
  }
} finally {
  if (db.dispose) await db.dispose();
  else await db.close();
}
