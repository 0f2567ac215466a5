/** The core queries of issue #7, in report order. */
import { agentPerformanceSql } from './agent-performance.ts';
import { caseOutcomesSql } from './case-outcomes.ts';
import { cureCurveSql } from './cure-curve.ts';
import { kpisSql } from './kpis.ts';
import { lossForecastSql } from './loss-forecast.ts';
import { rollRatesSql } from './roll-rates.ts';
import { strategyComparisonSql } from './strategy-comparison.ts';
import type { ComparisonSql } from './types.ts';

export const COMPARISON_SQL: readonly ComparisonSql[] = [
  rollRatesSql,
  agentPerformanceSql,
  caseOutcomesSql,
  strategyComparisonSql,
  kpisSql,
  cureCurveSql,
  lossForecastSql,
];
