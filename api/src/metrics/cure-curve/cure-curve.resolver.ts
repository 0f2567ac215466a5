import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { FROM_ARG, TO_ARG } from '../../args.ts';
import type { ApiContext } from '../../context.ts';
import { badInput } from '../../errors.ts';
import { checkFilter, filterArg } from '../../filters/filter-check.ts';
import { FILTER_DIMENSIONS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { parseDateRange } from '../../validate.ts';
import { cureCurveQuery, type CureCurveRow } from './cure-curve.sql.ts';
import { CureCohort, CureCohortBy, CureCurve } from './cure-curve.types.ts';

export const MAX_CURE_DAYS = 365;

@Resolver()
export class CureCurveResolver {
  @Query(() => CureCurve, {
    description:
      'Cure curves of cases opened in [from, to] (dates YYYY-MM-DD in REPORT_TZ), by cohort, for N = 0…maxDays (≤ 365).',
  })
  async cureCurve(
    @Arg('from', () => String, FROM_ARG) from: string,
    @Arg('to', () => String, TO_ARG) to: string,
    @Arg('cohortBy', () => CureCohortBy, {
      defaultValue: CureCohortBy.MONTH,
      description: 'How cases are grouped into cohorts.',
    })
    cohortBy: CureCohortBy,
    @Arg('maxDays', () => Int, {
      defaultValue: 90,
      description: 'The curve runs for N = 0 … maxDays (at most 365).',
    })
    maxDays: number,
    @Arg('filter', () => PortfolioFilter, filterArg(FILTER_DIMENSIONS))
    filter: PortfolioFilter | null,
    @Ctx() ctx: ApiContext,
  ): Promise<CureCurve> {
    parseDateRange(from, to);
    if (!Number.isInteger(maxDays) || maxDays < 0 || maxDays > MAX_CURE_DAYS)
      throw badInput(`maxDays must be between 0 and ${MAX_CURE_DAYS}, got ${maxDays}.`);
    await checkFilter(ctx, 'cureCurve', filter, FILTER_DIMENSIONS);
    const rows = await runQuery<CureCurveRow>(
      ctx,
      cureCurveQuery({ from, to, cohortBy, maxDays, filter, tz: ctx.env.REPORT_TZ }),
    );
    return { cohortBy, maxDays, cohorts: toCohorts(rows) };
  }
}

/** Rows (one per cohort and N, in order) → cohorts with their points. */
export function toCohorts(rows: readonly CureCurveRow[]): CureCohort[] {
  const cohorts = new Map<string, CureCohort>();
  for (const row of rows) {
    let cohort = cohorts.get(row.cohort);
    if (!cohort) {
      cohort = { cohort: row.cohort, cases: row.cases, points: [] };
      cohorts.set(row.cohort, cohort);
    }
    cohort.points.push({
      days: row.days,
      matureCases: row.mature,
      immatureCases: row.immature,
      cured: row.cured,
      cureRate: row.mature === 0 ? null : row.cured / row.mature,
    });
  }
  return [...cohorts.values()];
}
