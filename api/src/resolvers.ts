/** Every resolver of the API, one per feature folder under metrics/. Add new features here. */
import type { NonEmptyArray } from 'type-graphql';
import { AsOfResolver } from './metrics/as-of/as-of.resolver.ts';
import { CureCurveResolver } from './metrics/cure-curve/cure-curve.resolver.ts';
import { LegalResolver } from './metrics/legal/legal.resolver.ts';
import { RepaymentPlansResolver } from './metrics/repayment-plans/repayment-plans.resolver.ts';
import { RelapseResolver } from './metrics/relapse/relapse.resolver.ts';
import { VintagesResolver } from './metrics/vintages/vintages.resolver.ts';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  AsOfResolver,
  CureCurveResolver,
  VintagesResolver,
  RelapseResolver,
  RepaymentPlansResolver,
  LegalResolver,
];
