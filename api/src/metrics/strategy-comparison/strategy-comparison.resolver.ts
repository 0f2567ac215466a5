import { Arg, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import { FROM_ARG, TO_ARG } from '../../args.ts';
import type { ApiContext } from '../../context.ts';
import { badInput, echo } from '../../errors.ts';
import { checkFilter, filterArg } from '../../filters/filter-check.ts';
import { FILTER_DIMENSIONS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { parseDateRange } from '../../validate.ts';
import { compareArms } from './strategy-comparison.compare.ts';
import { strategyArmsQuery, type ArmRow } from './strategy-comparison.sql.ts';
import { StrategyComparison } from './strategy-comparison.types.ts';

const MAX_DAYS = 3650;

@Resolver()
export class StrategyComparisonResolver {
  @Query(() => StrategyComparison, {
    description:
      'Champion/challenger comparison of the arms of an experiment over cases opened in [from, to].',
  })
  async strategyComparison(
    @Ctx() ctx: ApiContext,
    @Arg('experiment', () => String, { description: 'The experiment named on case_opened.' })
    experiment: string,
    @Arg('from', () => String, FROM_ARG) from: string,
    @Arg('to', () => String, TO_ARG) to: string,
    @Arg('cureWithinDays', () => Int, {
      nullable: true,
      defaultValue: 30,
      description: 'N of cure within N days, and of the recovery and cost windows (0–3650).',
    })
    cureWithinDaysArg: number | null,
    @Arg('champion', () => String, {
      nullable: true,
      description: 'The champion arm (strategy); else the arm whose cases carry arm_role champion.',
    })
    champion: string | null,
    @Arg('confidence', () => Float, {
      nullable: true,
      defaultValue: 0.95,
      description:
        'Confidence of the intervals and the significance test, strictly between 0 and 1.',
    })
    confidenceArg: number | null,
    @Arg('filter', () => PortfolioFilter, filterArg(FILTER_DIMENSIONS))
    filter: PortfolioFilter | null,
  ): Promise<StrategyComparison> {
    parseDateRange(from, to);
    // docs/metrics/strategy-comparison.md declares these nullable with defaults: an explicit null means the default.
    const cureWithinDays = cureWithinDaysArg ?? 30;
    const confidence = confidenceArg ?? 0.95;
    if (!(confidence > 0 && confidence < 1))
      throw badInput(`confidence must be strictly between 0 and 1, got ${confidence}.`);
    if (!Number.isInteger(cureWithinDays) || cureWithinDays < 0 || cureWithinDays > MAX_DAYS)
      throw badInput(`cureWithinDays must be between 0 and ${MAX_DAYS}, got ${cureWithinDays}.`);
    await checkFilter(ctx, 'strategyComparison', filter, FILTER_DIMENSIONS);
    const rows = await runQuery<ArmRow>(
      ctx,
      strategyArmsQuery({ experiment, from, to, tz: ctx.env.REPORT_TZ, cureWithinDays, filter }),
    );
    if (
      champion !== null &&
      champion !== undefined &&
      rows.length > 0 &&
      !rows.some((r) => r.strategy === champion)
    )
      throw badInput(
        `champion ${echo(champion)} is not an arm of experiment ${echo(experiment)} in the period; arms: ${rows.map((r) => r.strategy).join(', ')}.`,
      );
    const comparison = compareArms(rows, { experiment, champion: champion ?? null, confidence });
    return { experiment, cureWithinDays, confidence, ...comparison };
  }
}
