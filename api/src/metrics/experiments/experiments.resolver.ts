import { Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context.ts';
import { runQuery } from '../../query.ts';
import { championOf, compareArms } from '../strategy-comparison/strategy-comparison.compare.ts';
import { strategyArmsQuery, type ArmRow } from '../strategy-comparison/strategy-comparison.sql.ts';
import { experimentArmsQuery, type ExperimentArmRow } from './experiments.sql.ts';
import { Experiment } from './experiments.types.ts';

/** strategyComparison's defaults (docs/api.md). */
const CURE_WITHIN_DAYS = 30;
const CONFIDENCE = 0.95;

@Resolver()
export class ExperimentsResolver {
  @Query(() => [Experiment], {
    description:
      'Every experiment of the loaded cases with its arms, champion, dates, cases and current verdict; latest first (by last opening, then name).',
  })
  async experiments(@Ctx() ctx: ApiContext): Promise<Experiment[]> {
    const tz = ctx.env.REPORT_TZ;
    const rows = await runQuery<ExperimentArmRow>(ctx, experimentArmsQuery(tz));
    const byName = new Map<string, ExperimentArmRow[]>();
    for (const row of rows)
      byName.set(row.experiment, [...(byName.get(row.experiment) ?? []), row]);
    const experiments = await Promise.all(
      [...byName].map(async ([name, arms]) => {
        const firstDay = arms.map((a) => a.first_day).sort()[0] ?? '';
        const lastDay =
          arms
            .map((a) => a.last_day)
            .sort()
            .at(-1) ?? '';
        const champion = championOf(arms, null);
        // the verdict is strategyComparison's over the experiment's whole span: the same SQL and statistics
        const armRows = await runQuery<ArmRow>(
          ctx,
          strategyArmsQuery({
            experiment: name,
            from: firstDay,
            to: lastDay,
            tz,
            cureWithinDays: CURE_WITHIN_DAYS,
          }),
        );
        const { verdict } = compareArms(armRows, {
          experiment: name,
          champion: null,
          confidence: CONFIDENCE,
        });
        return {
          name,
          firstDay,
          lastDay,
          cases: arms.reduce((sum, a) => sum + Number(a.cases), 0),
          champion: champion === '' ? null : champion,
          arms: arms.map((a) => ({
            strategy: a.strategy,
            cases: Number(a.cases),
            champion: a.strategy === champion,
          })),
          cureWithinDays: CURE_WITHIN_DAYS,
          verdict,
        };
      }),
    );
    return experiments.sort((a, b) =>
      a.lastDay !== b.lastDay ? (a.lastDay < b.lastDay ? 1 : -1) : a.name < b.name ? -1 : 1,
    );
  }
}
