/** Every resolver of the API, one per feature folder under metrics/. Add new features here. */
import type { NonEmptyArray } from 'type-graphql';
import { AsOfResolver } from './metrics/as-of/as-of.resolver.ts';
import { CasesResolver } from './metrics/cases/cases.resolver.ts';
import { ChannelsResolver } from './metrics/channels/channels.resolver.ts';
import { ComplianceResolver } from './metrics/compliance/compliance.resolver.ts';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  AsOfResolver,
  ComplianceResolver,
  ChannelsResolver,
  CasesResolver,
];
