import { Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context.ts';
import { runQuery } from '../../query.ts';
import { asOfQuery } from './as-of.sql.ts';
import { AsOf } from './as-of.types.ts';

@Resolver()
export class AsOfResolver {
  @Query(() => AsOf, { description: 'The data as-of instant and date.' })
  async asOf(@Ctx() ctx: ApiContext): Promise<AsOf> {
    const [row] = await runQuery<Omit<AsOf, 'currency'>>(ctx, asOfQuery(ctx.env.REPORT_TZ));
    return { instant: row?.instant ?? null, date: row?.date ?? null, currency: ctx.env.CURRENCY };
  }
}
