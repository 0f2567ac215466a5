/** Every resolver of the API, one per feature folder under metrics/. Add new features here. */
import type { NonEmptyArray } from 'type-graphql';
import { AgentPerformanceResolver } from './metrics/agent-performance/agent-performance.resolver.ts';
import { AsOfResolver } from './metrics/as-of/as-of.resolver.ts';
import { CaseOutcomesResolver } from './metrics/case-outcomes/case-outcomes.resolver.ts';
import { CasesResolver } from './metrics/cases/cases.resolver.ts';
import { ChannelsResolver } from './metrics/channels/channels.resolver.ts';
import { ContactWindowsResolver } from './metrics/contact-windows/contact-windows.resolver.ts';
import { ComplianceResolver } from './metrics/compliance/compliance.resolver.ts';
import { CureCurveResolver } from './metrics/cure-curve/cure-curve.resolver.ts';
import { DimensionsResolver } from './metrics/dimensions/dimensions.resolver.ts';
import { ExperimentsResolver } from './metrics/experiments/experiments.resolver.ts';
import { ExploreResolver } from './metrics/explore/explore.resolver.ts';
import { KpisResolver } from './metrics/kpis/kpis.resolver.ts';
import { LegalResolver } from './metrics/legal/legal.resolver.ts';
import { LossForecastResolver } from './metrics/loss-forecast/loss-forecast.resolver.ts';
import { ModelsResolver } from './metrics/models/models.resolver.ts';
import { RelapseResolver } from './metrics/relapse/relapse.resolver.ts';
import { RepaymentPlansResolver } from './metrics/repayment-plans/repayment-plans.resolver.ts';
import { RollRatesResolver } from './metrics/roll-rates/roll-rates.resolver.ts';
import { StrategyComparisonResolver } from './metrics/strategy-comparison/strategy-comparison.resolver.ts';
import { UpliftResolver } from './metrics/uplift/uplift.resolver.ts';
import { WorkQueueResolver } from './metrics/work-queue/work-queue.resolver.ts';
import { VintagesResolver } from './metrics/vintages/vintages.resolver.ts';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  AgentPerformanceResolver,
  AsOfResolver,
  CaseOutcomesResolver,
  CasesResolver,
  ChannelsResolver,
  ComplianceResolver,
  ContactWindowsResolver,
  CureCurveResolver,
  DimensionsResolver,
  ExperimentsResolver,
  ExploreResolver,
  KpisResolver,
  LegalResolver,
  LossForecastResolver,
  ModelsResolver,
  RelapseResolver,
  RepaymentPlansResolver,
  RollRatesResolver,
  StrategyComparisonResolver,
  UpliftResolver,
  VintagesResolver,
  WorkQueueResolver,
];
