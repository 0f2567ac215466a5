import { CHANNELS } from '@collections/schema';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { FROM_ARG, TO_ARG } from '../../args.ts';
import type { ApiContext } from '../../context.ts';
import { checkFilter, filterArg } from '../../filters/filter-check.ts';
import { FILTER_DIMENSIONS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { parseDateRange } from '../../validate.ts';
import { channelEffectivenessQuery, type ChannelRow } from './channels.sql.ts';
import { ChannelEffectiveness } from './channels.types.ts';

/** Every channel of docs/etl.md in its fixed order, zeros where nothing happened. */
export function toChannels(rows: readonly ChannelRow[]): ChannelEffectiveness[] {
  const byChannel = new Map(rows.map((r) => [r.channel, r]));
  const known = new Set<string>(CHANNELS);
  const names = [...CHANNELS, ...rows.map((r) => r.channel).filter((c) => !known.has(c))];
  return names.map((channel) => {
    const r = byChannel.get(channel);
    const attempts = Number(r?.attempts ?? 0);
    const contacts = Number(r?.contacts ?? 0);
    const rpcs = Number(r?.rpcs ?? 0);
    const cost = Number(r?.cost ?? 0);
    const collected = Number(r?.collected ?? 0);
    return {
      channel,
      attempts,
      contacts,
      contactRate: attempts === 0 ? 0 : contacts / attempts,
      rpcs,
      rpcRate: attempts === 0 ? 0 : rpcs / attempts,
      promises: Number(r?.promises ?? 0),
      payments: Number(r?.payments ?? 0),
      amountCollected: collected,
      collected,
      cost,
      costToCollect: collected === 0 ? null : cost / collected,
      costPerCollected: collected === 0 ? null : cost / collected,
    };
  });
}

@Resolver()
export class ChannelsResolver {
  @Query(() => [ChannelEffectiveness], {
    description:
      'Per channel over attempts in [from, to] (dates in REPORT_TZ): attempts, contact and RPC rates, promises, payments credited within 7 days, cost. All channels, in a fixed order.',
  })
  async channelEffectiveness(
    @Ctx() ctx: ApiContext,
    @Arg('from', () => String, FROM_ARG) from: string,
    @Arg('to', () => String, TO_ARG) to: string,
    @Arg('filter', () => PortfolioFilter, filterArg(FILTER_DIMENSIONS))
    filter: PortfolioFilter | null,
  ): Promise<ChannelEffectiveness[]> {
    const period = parseDateRange(from, to);
    await checkFilter(ctx, 'channelEffectiveness', filter, FILTER_DIMENSIONS);
    const rows = await runQuery<ChannelRow>(
      ctx,
      channelEffectivenessQuery({ ...period, tz: ctx.env.REPORT_TZ, filter }),
    );
    return toChannels(rows);
  }
}
