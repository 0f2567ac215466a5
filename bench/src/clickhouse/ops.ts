/**
 * Each core query as the product serves it: the GraphQL operation (with its
 * answer mapped to the same canonical form as the comparison SQL) and the
 * API's own SQL builder, run bare for the "limit" column. A metric the API
 * does not serve yet has no entry (the report shows "—").
 */
import {
  agentPerformanceQuery,
  caseOutcomesQuery,
  dataSpanQuery,
  kpiQuery,
  cureCurveQuery,
  CureCohortBy,
  lossForecastQuery,
  rollRatesQuery,
  strategyArmsQuery,
  complianceParams,
} from '@collections/api/queries';
import { CASE_OUTCOMES, type Env } from '@collections/schema';
import { KPI_NAMES, previousPeriod } from '../metrics/kpis.ts';
import { forecastCanonical } from '../metrics/loss-forecast.ts';
import { cents, num, sortBy, type BenchArgs, type Canonical } from '../metrics/types.ts';

interface SqlQuery {
  readonly query: string;
  readonly query_params: Record<string, unknown>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are checked by shape in canonical() */
type Data = any;

export interface ClickHouseOp {
  readonly graphql: string;
  variables(args: BenchArgs): Record<string, unknown>;
  canonical(data: Data): Canonical;
  /** The builder SQL the resolver runs (several run in parallel, as the resolver does). */
  bare(args: BenchArgs, env: Env): SqlQuery | SqlQuery[];
}

const month = (d: string) => d.slice(0, 7);

export const CLICKHOUSE_OPS: Record<string, ClickHouseOp> = {
  rollRates: {
    graphql: `query($from: String!, $to: String!) { rollRates(fromMonth: $from, toMonth: $to) {
      pooled { from to accounts balance accountRate balanceRate } pooledUnobserved } }`,
    variables: (a) => ({ from: month(a.fromMonth), to: month(a.toMonth) }),
    canonical: (d: Data) => [
      ...sortBy(
        d.rollRates.pooled
          .filter((t: Data) => t.accounts > 0)
          .map((t: Data) => ({
            from: t.from,
            to: t.to,
            accounts: t.accounts,
            balance: cents(t.balance),
            accountRate: num(t.accountRate),
            balanceRate: num(t.balanceRate),
          })),
        'from',
        'to',
      ),
      { from: '*', to: 'unobserved', accounts: d.rollRates.pooledUnobserved },
    ],
    bare: (a) => rollRatesQuery({ fromMonth: month(a.fromMonth), toMonth: month(a.toMonth) }),
  },
  agentPerformance: {
    graphql: `query($from: String!, $to: String!) { agentPerformance(from: $from, to: $to, limit: 1000) {
      rows { agentId attempts rpcs promises keptRate amountCollected casesWorked talkSeconds violations } total } }`,
    variables: (a) => ({ from: a.from, to: a.to }),
    canonical: (d: Data) =>
      sortBy(
        d.agentPerformance.rows.map((r: Data) => ({
          agentId: r.agentId,
          attempts: r.attempts,
          rpcs: r.rpcs,
          promises: r.promises,
          keptRate: num(r.keptRate),
          amountCollected: cents(r.amountCollected),
          casesWorked: r.casesWorked,
          talkSeconds: r.talkSeconds,
          violations: r.violations,
        })),
        'agentId',
      ),
    bare: (a, env) =>
      agentPerformanceQuery({
        from: a.from,
        to: a.to,
        tz: env.REPORT_TZ,
        graceDays: a.graceDays,
        compliance: complianceParams(env),
        team: null,
        limit: 1000,
        offset: 0,
      }),
  },
  caseOutcomes: {
    graphql: `query($from: String!, $to: String!) { caseOutcomes(from: $from, to: $to, groupBy: ["strategy"]) {
      key cases outcomes { outcome cases } meanDaysToClose medianDaysToClose recovered recoveryRate } }`,
    variables: (a) => ({ from: a.from, to: a.to }),
    canonical: (d: Data) =>
      sortBy(
        d.caseOutcomes.map((g: Data) => ({
          key: g.key[0],
          cases: g.cases,
          ...Object.fromEntries(
            CASE_OUTCOMES.map((o) => [
              o,
              g.outcomes.find((x: Data) => x.outcome === o)?.cases ?? 0,
            ]),
          ),
          meanDaysToClose: num(g.meanDaysToClose, 4),
          medianDaysToClose: num(g.medianDaysToClose, 4),
          recovered: cents(g.recovered),
          recoveryRate: num(g.recoveryRate),
        })),
        'key',
      ),
    bare: (a, env) =>
      caseOutcomesQuery({ from: a.from, to: a.to, tz: env.REPORT_TZ, groupBy: ['strategy'] }),
  },
  strategyComparison: {
    graphql: `query($e: String!, $from: String!, $to: String!, $n: Int!) {
      strategyComparison(experiment: $e, from: $from, to: $to, cureWithinDays: $n) {
      arms { strategy cases matureCases cured cureRate recoveryRate costPerCase netRecoveryPerCase } } }`,
    variables: (a) => ({ e: a.experiment, from: a.from, to: a.to, n: a.cureWithinDays }),
    canonical: (d: Data) =>
      sortBy(
        d.strategyComparison.arms.map((r: Data) => ({
          strategy: r.strategy,
          cases: r.cases,
          matureCases: r.matureCases,
          cured: r.cured,
          cureRate: num(r.cureRate),
          recoveryRate: num(r.recoveryRate),
          costPerCase: cents(r.costPerCase),
          netRecoveryPerCase: cents(r.netRecoveryPerCase),
        })),
        'strategy',
      ),
    bare: (a, env) =>
      strategyArmsQuery({
        experiment: a.experiment,
        from: a.from,
        to: a.to,
        tz: env.REPORT_TZ,
        cureWithinDays: a.cureWithinDays,
      }),
  },
  kpis: {
    graphql: `query($from: String!, $to: String!) { kpis(from: $from, to: $to) { kpis { name value previous } } }`,
    variables: (a) => ({ from: a.from, to: a.to }),
    canonical: (d: Data) => {
      const money = new Set(['delinquent_balance', 'amount_collected']);
      const round = (name: string, v: number | null) =>
        v === null ? null : money.has(name) ? cents(v) : num(v);
      return sortBy(
        d.kpis.kpis
          .filter((k: Data) => (KPI_NAMES as readonly string[]).includes(k.name))
          .map((k: Data) => ({
            name: k.name,
            value: round(k.name, k.value),
            previous: round(k.name, k.previous),
          })),
        'name',
      );
    },
    bare: (a, env) => {
      const common = { tz: env.REPORT_TZ, graceDays: a.graceDays };
      // what the resolver runs for this operation (previous selected): the as-of date and
      // first data day, then both periods
      return [
        dataSpanQuery(env.REPORT_TZ),
        kpiQuery({ from: a.from, to: a.to, ...common }),
        kpiQuery({ ...previousPeriod(a.from, a.to), ...common }),
      ];
    },
  },
  cureCurve: {
    graphql: `query($from: String!, $to: String!, $max: Int!) {
      cureCurve(from: $from, to: $to, cohortBy: ALL, maxDays: $max) { cohorts { points { days matureCases cured cureRate } } } }`,
    variables: (a) => ({ from: a.from, to: a.to, max: a.maxDays }),
    canonical: (d: Data) =>
      (d.cureCurve.cohorts[0]?.points ?? []).map((p: Data) => ({
        day: p.days,
        mature: p.matureCases,
        cured: p.cured,
        rate: num(p.cureRate),
      })),
    bare: (a, env) =>
      cureCurveQuery({
        from: a.from,
        to: a.to,
        cohortBy: CureCohortBy.ALL,
        maxDays: a.maxDays,
        tz: env.REPORT_TZ,
      }),
  },
  lossForecast: {
    graphql: `query($k: Int!) { lossForecast(lookbackMonths: $k, months: 6) {
      matrix { from to probability } start { bucket accounts balance } unobservedBuckets } }`,
    variables: (a) => ({ k: a.forecastMonths }),
    canonical: (d: Data) => {
      const unobserved = new Set<string>(d.lossForecast.unobservedBuckets);
      return forecastCanonical(
        d.lossForecast.matrix
          .filter((m: Data) => !unobserved.has(m.from))
          .map((m: Data) => ({ from: m.from, to: m.to, probability: m.probability })),
        d.lossForecast.start,
      );
    },
    bare: (a) => lossForecastQuery({ lookbackMonths: a.forecastMonths }),
  },
};
