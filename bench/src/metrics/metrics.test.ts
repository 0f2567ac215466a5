/**
 * Golden tests of the comparison SQL on the hand-made fixture (src/fixture.ts),
 * the same expectations for DuckDB and, where it can be started, PostgreSQL.
 * As-of instant: 2024-03-31T23:00Z. Period [2024-01-01, 2024-03-31], grace 3 days.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb } from '../engines/duckdb.ts';
import { openPostgres } from '../engines/postgres.ts';
import { locatePostgres, startPostgres, type PgServer } from '../engines/postgres-server.ts';
import type { BenchEngine } from '../engines/types.ts';
import { fixtureLines, writeFixture } from '../fixture.ts';
import type { Dialect } from '../tables.ts';
import { agentPerformanceSql } from './agent-performance.ts';
import { caseOutcomesSql } from './case-outcomes.ts';
import { cureCurveSql } from './cure-curve.ts';
import { kpisSql } from './kpis.ts';
import { lossForecastSql } from './loss-forecast.ts';
import { rollRatesSql } from './roll-rates.ts';
import { strategyComparisonSql } from './strategy-comparison.ts';
import type { BenchArgs, ComparisonSql } from './types.ts';

const ARGS: BenchArgs = {
  fromMonth: '2024-01-01',
  toMonth: '2024-02-01',
  from: '2024-01-01',
  to: '2024-03-31',
  experiment: 'X',
  cureWithinDays: 30,
  maxDays: 31,
  forecastMonths: 2,
  graceDays: 3,
};

const dialects: Dialect[] = ['duckdb', ...(locatePostgres() ? (['postgres'] as const) : [])];

describe.each(dialects)('comparison SQL on %s', (dialect) => {
  let engine: BenchEngine;
  let server: PgServer | undefined;
  let dir: string;
  let loaded: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bench-fixture-'));
    const file = writeFixture(path.join(dir, 'events.ndjson'));
    if (dialect === 'postgres') {
      server = await startPostgres();
      engine = await openPostgres(server.port, server.user);
    } else {
      engine = await openDuckDb();
    }
    loaded = (await engine.load([file])).events;
  });
  afterAll(async () => {
    await engine?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (metric: ComparisonSql) =>
    metric.canonical(await engine.query(metric.sql(dialect), metric.params(ARGS)));

  it('loads every valid line once and skips the 4 bad ones', () => {
    // bad: not JSON, unknown type, negative amount, conflicting duplicate of pay1
    expect(loaded).toBe(fixtureLines().length - 4);
  });

  it('rollRates pools Jan→Feb and Feb→Mar', async () => {
    // Jan: a1 M0→M1 (1000), a2 M3 (same-day tie: later occurred_at, 530)→CHARGED_OFF,
    //      a3 M0→unobserved, a4 M0→M0 (300).
    // Feb: a1 M1→M0 (900), a2 CHARGED_OFF→CHARGED_OFF (530), a4 M0→M1 (300).
    // M0 base: 3 accounts (a1 Jan, a4 Jan, a4 Feb), 1000+300+300 = 1600.
    // M0→M0 1/3, 300/1600 = 0.1875; M0→M1 2/3, 1300/1600 = 0.8125.
    expect(await run(rollRatesSql)).toEqual([
      {
        from: 'CHARGED_OFF',
        to: 'CHARGED_OFF',
        accounts: 1,
        balance: 530,
        accountRate: 1,
        balanceRate: 1,
      },
      {
        from: 'M0',
        to: 'M0',
        accounts: 1,
        balance: 300,
        accountRate: 0.333333,
        balanceRate: 0.1875,
      },
      {
        from: 'M0',
        to: 'M1',
        accounts: 2,
        balance: 1300,
        accountRate: 0.666667,
        balanceRate: 0.8125,
      },
      { from: 'M1', to: 'M0', accounts: 1, balance: 900, accountRate: 1, balanceRate: 1 },
      { from: 'M3', to: 'CHARGED_OFF', accounts: 1, balance: 530, accountRate: 1, balanceRate: 1 },
      { from: '*', to: 'unobserved', accounts: 1 },
    ]);
  });

  it('agentPerformance attributes payments to the holder at the payment instant', async () => {
    // g1: 1 call (RPC, 120 s) on c1; promises p1 (60 + 50 paid by the window end
    //     2024-02-09T00:00 ≥ 100: kept) and p3 (pending: window ends 2024-04-03);
    //     collected 60 + 50 (c1) + 100 (c2, paid at the reassignment instant) = 210.
    // g2: calls no_answer + promise_to_pay (300 s): 2 attempts, 1 RPC; p2 paid 50 of 200: partial;
    //     collected 50 (c2 on 2024-01-26). The 20 paid with no case goes to nobody.
    // No violations: the calls are at 18:00, 17:00 and 17:00 local (+08:00). Violations: compliance.test.ts.
    expect(await run(agentPerformanceSql)).toEqual([
      {
        agentId: 'g1',
        attempts: 1,
        rpcs: 1,
        promises: 2,
        keptRate: 1,
        amountCollected: 210,
        casesWorked: 1,
        talkSeconds: 120,
        violations: 0,
      },
      {
        agentId: 'g2',
        attempts: 2,
        rpcs: 1,
        promises: 1,
        keptRate: 0,
        amountCollected: 50,
        casesWorked: 1,
        talkSeconds: 300,
        violations: 0,
      },
    ]);
  });

  it('caseOutcomes by strategy over cases closed in the period', async () => {
    // c1 sms_first cured after 10 days; recovered 60 + 50 = 110 of 900 → 0.122222.
    // c2 early_call charged off after 40 days (01-20 → 02-29); recovered 50 + 100 = 150 of 520 → 0.288462.
    const zero = {
      paid_in_full: 0,
      settled: 0,
      plan_completed: 0,
      written_off: 0,
      legal_closed: 0,
      uncollectible: 0,
    };
    expect(await run(caseOutcomesSql)).toEqual([
      {
        key: 'early_call',
        cases: 1,
        cured: 0,
        charged_off: 1,
        ...zero,
        meanDaysToClose: 40,
        medianDaysToClose: 40,
        recovered: 150,
        recoveryRate: 0.288462,
      },
      {
        key: 'sms_first',
        cases: 1,
        cured: 1,
        charged_off: 0,
        ...zero,
        meanDaysToClose: 10,
        medianDaysToClose: 10,
        recovered: 110,
        recoveryRate: 0.122222,
      },
    ]);
  });

  it('strategyComparison counts mature cases within 30 days', async () => {
    // c1 (02-01 + 30 d = 03-02 ≤ as-of): cured, recovered 110, cost 1 + 0.10.
    // c3 (03-01 + 30 d = 03-31T00:00 ≤ 03-31T23:00): mature, not cured, nothing paid.
    // sms_first: cure 1/2; recovery 110 / (900 + 300) = 0.091667; cost 1.10 / 2 = 0.55; net (110 − 1.10) / 2 = 54.45.
    // c2 (01-20 + 30 d = 02-19): not cured, recovered 50 + 100 (02-10) = 150 of 520, cost 0.5 + 0.5.
    expect(await run(strategyComparisonSql)).toEqual([
      {
        strategy: 'early_call',
        cases: 1,
        matureCases: 1,
        cured: 0,
        cureRate: 0,
        recoveryRate: 0.288462,
        costPerCase: 1,
        netRecoveryPerCase: 149,
      },
      {
        strategy: 'sms_first',
        cases: 2,
        matureCases: 2,
        cured: 1,
        cureRate: 0.5,
        recoveryRate: 0.091667,
        costPerCase: 0.55,
        netRecoveryPerCase: 54.45,
      },
    ]);
  });

  it('kpis for the period and the empty previous one', async () => {
    // At 03-31: a1 M0 800, a2 charged off, a3 closed, a4 M1 300 → delinquent 300 / 1 account, rate 300 / 1100.
    // Opened c1, c2, c3; closed c1, c2; collected 60+50+50+100+20 = 280; 30-day cure 1/3 (all mature);
    // RPC 2 of 4 attempts; kept 1 of 2 matured (p3 pending); first charge-off a2 on 02-29 (a4's
    // 03-31 charged_off is superseded the same day by its M1 snapshot: counting it would give 2).
    // Previous period (the quarter before) 2023-10-01 … 2023-12-31 holds no events: counts and amounts 0, rates null (0/0).
    const kpis = Object.fromEntries(
      (await run(kpisSql)).map((k) => [k.name, [k.value, k.previous]]),
    );
    expect(kpis).toEqual({
      delinquent_balance: [300, 0],
      delinquent_accounts: [1, 0],
      delinquency_rate: [0.272727, null],
      cases_opened: [3, 0],
      cases_closed: [2, 0],
      amount_collected: [280, 0],
      cure_rate_30d: [0.333333, null],
      rpc_rate: [0.5, null],
      kept_rate: [0.5, null],
      charge_offs: [1, 0],
    });
  });

  it('cureCurve counts cures and maturity day by day', async () => {
    // Days from open to as-of: c1 59.96, c2 71.96, c3 30.96 → mature through days 59, 71, 30.
    // c1 cured after exactly 10 days. So days 0–9: 0/3; 10–30: 1/3; 31: 1/2.
    const curve = await run(cureCurveSql);
    expect(curve).toHaveLength(32);
    expect(curve[9]).toEqual({ day: 9, mature: 3, cured: 0, rate: 0 });
    expect(curve[10]).toEqual({ day: 10, mature: 3, cured: 1, rate: 0.333333 });
    expect(curve[30]).toEqual({ day: 30, mature: 3, cured: 1, rate: 0.333333 });
    expect(curve[31]).toEqual({ day: 31, mature: 2, cured: 1, rate: 0.5 });
  });

  it('lossForecast inputs: the last 2 origin months as probabilities, and the March distribution', async () => {
    // Pooled counts (origins Jan, Feb, a3 unobserved left out): M0→M0 1, M0→M1 2 → 1/3, 2/3;
    // M1→M0 1/1; M3→CHARGED_OFF 1/1; absorbing rows (CHARGED_OFF, CLOSED) are not compared.
    // March: a1 M0 800, a2 CHARGED_OFF 530, a3 CLOSED 0, a4 M1 300.
    const m = (from: string, to: string, probability: number) => ({
      part: 'matrix',
      from,
      to,
      probability,
      accounts: null,
      balance: null,
    });
    const s = (from: string, accounts: number, balance: number) => ({
      part: 'start',
      from,
      to: '',
      probability: null,
      accounts,
      balance,
    });
    expect(await run(lossForecastSql)).toEqual([
      m('M0', 'M0', 0.333333),
      m('M0', 'M1', 0.666667),
      m('M1', 'M0', 1),
      m('M3', 'CHARGED_OFF', 1),
      s('CHARGED_OFF', 1, 530),
      s('CLOSED', 1, 0),
      s('M0', 1, 800),
      s('M1', 1, 300),
    ]);
  });
});
