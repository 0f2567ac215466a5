import { CHANNELS } from '@collections/schema';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context.ts';
import { runQuery } from '../../query.ts';
import { dimensionsQuery, type DimensionRow } from './dimensions.sql.ts';
import { Dimensions } from './dimensions.types.ts';

const LISTS = [
  'portfolios',
  'products',
  'regions',
  'riskGrades',
  'segments',
  'strategies',
  'experiments',
  'teams',
] as const;

@Resolver()
export class DimensionsResolver {
  @Query(() => Dimensions, { description: 'Values for filters: portfolios, products, …, agents.' })
  async dimensions(@Ctx() ctx: ApiContext): Promise<Dimensions> {
    const rows = await runQuery<DimensionRow>(ctx, dimensionsQuery());
    const byKind = (kind: string) => rows.filter((r) => r.kind === kind);
    const lists = Object.fromEntries(
      LISTS.map((kind) => [
        kind,
        byKind(kind)
          .map((r) => r.value)
          .sort(),
      ]),
    ) as Record<(typeof LISTS)[number], string[]>;
    return {
      ...lists,
      agents: byKind('agents')
        .map((r) => ({ agentId: r.value, name: r.name || null, team: r.team || null }))
        .sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0)),
      channels: [...CHANNELS].sort(),
    };
  }
}
