import { Arg, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context.ts';
import { badInput } from '../../errors.ts';
import { runQuery } from '../../query.ts';
import { parseDateRange, parseIntIn } from '../../validate.ts';
import { strategyArmsQuery, type ArmRow } from '../strategy-comparison/strategy-comparison.sql.ts';
import { upliftBySegment } from './uplift.compute.ts';
import { UpliftReport } from './uplift.types.ts';

@Resolver()
export class UpliftResolver {
  @Query(() => UpliftReport, {
    description:
      'Per segment × arm of an experiment over cases opened in [from, to]: cure and recovery uplift over the champion with intervals, Benjamini–Hochberg, shrinkage and a recommended arm per segment.',
  })
  async upliftBySegment(
    @Ctx() ctx: ApiContext,
    @Arg('experiment', () => String, { description: 'The experiment name.' }) experiment: string,
    @Arg('from', () => String, { description: 'First opening day, YYYY-MM-DD (REPORT_TZ).' })
    from: string,
    @Arg('to', () => String, { description: 'Last opening day, YYYY-MM-DD, inclusive.' })
    to: string,
    @Arg('cureWithinDays', () => Int, {
      nullable: true,
      defaultValue: 30,
      description: 'N of "cured within N days" (0–3650).',
    })
    cureWithinDaysArg: number | null,
    @Arg('champion', () => String, {
      nullable: true,
      description: 'The champion arm; default: the arm whose cases carry arm_role = champion.',
    })
    champion: string | null,
    @Arg('confidence', () => Float, {
      nullable: true,
      defaultValue: 0.95,
      description: 'Confidence level, strictly between 0 and 1.',
    })
    confidenceArg: number | null,
  ): Promise<UpliftReport> {
    parseDateRange(from, to);
    const cureWithinDays = parseIntIn('cureWithinDays', cureWithinDaysArg ?? 30, 0, 3650);
    const confidence = confidenceArg ?? 0.95;
    if (!(confidence > 0 && confidence < 1))
      throw badInput(`confidence must be strictly between 0 and 1, got ${confidence}.`);
    const rows = await runQuery<ArmRow>(
      ctx,
      strategyArmsQuery({
        experiment,
        from,
        to,
        tz: ctx.env.REPORT_TZ,
        cureWithinDays,
        bySegment: true,
      }),
    );
    if (champion && rows.length > 0 && !rows.some((r) => r.strategy === champion))
      throw badInput(`champion is not an arm of the experiment in the period.`);
    const report = upliftBySegment(rows, { experiment, champion: champion ?? null, confidence });
    return { experiment, cureWithinDays, confidence, ...report };
  }
}
