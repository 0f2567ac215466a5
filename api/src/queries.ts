/**
 * The API's query builders as a library (`@collections/api/queries`): pure
 * functions from arguments to `{ query, query_params }`, for the benchmarks,
 * which time the same SQL the resolvers run. Add a builder here when a bench
 * needs it; nothing else of api/src is exported this way.
 */
// The builders' argument enums are registered with type-graphql, whose decorators need the polyfill.
import 'reflect-metadata';

export type { SqlQuery } from './query.ts';
export { AS_OF_INSTANT_SQL } from './sql/as-of.ts';
export { complianceParams } from './sql/compliance.ts';
export { addMonths, lastDayOfMonth, previousPeriod } from './sql/period.ts';
export {
  agentPerformanceQuery,
  teamPerformanceQuery,
  type PerformanceArgs,
} from './metrics/agent-performance/agent-performance.sql.ts';
export { asOfQuery } from './metrics/as-of/as-of.sql.ts';
export { caseOutcomesQuery } from './metrics/case-outcomes/case-outcomes.sql.ts';
export { cureCurveQuery } from './metrics/cure-curve/cure-curve.sql.ts';
export { CureCohortBy } from './metrics/cure-curve/cure-curve.types.ts';
export { dimensionsQuery } from './metrics/dimensions/dimensions.sql.ts';
export { dataSpanQuery, kpiQuery, monthEndFlagsQuery } from './metrics/kpis/kpis.sql.ts';
export { legalQuery } from './metrics/legal/legal.sql.ts';
export { lossForecastQuery } from './metrics/loss-forecast/loss-forecast.sql.ts';
export { relapseQuery } from './metrics/relapse/relapse.sql.ts';
export { repaymentPlansQuery } from './metrics/repayment-plans/repayment-plans.sql.ts';
export { rollRatesQuery } from './metrics/roll-rates/roll-rates.sql.ts';
export { strategyArmsQuery } from './metrics/strategy-comparison/strategy-comparison.sql.ts';
export { vintagesQuery } from './metrics/vintages/vintages.sql.ts';
export { workQueueQuery } from './metrics/work-queue/work-queue.sql.ts';
export { contactWindowsQuery } from './metrics/contact-windows/contact-windows.sql.ts';
