import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { FROM_ARG, TO_ARG } from '../../args.ts';
import type { ApiContext } from '../../context.ts';
import { badInput, echo } from '../../errors.ts';
import { checkFilter, filterArg } from '../../filters/filter-check.ts';
import { FILTER_DIMENSIONS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { cents, rateOrZero } from '../../stats/ratios.ts';
import { DIMENSIONS_ARG_DESCRIPTION, GROUP_BY_DEPRECATION, groupByNames } from '../../group-by.ts';
import { parseDateRange } from '../../validate.ts';
import { Dimension } from '../explore/explore.catalog.ts';
import {
  OUTCOME_DIMENSIONS,
  caseOutcomesQuery,
  isOutcomeDimension,
  type OutcomeDimension,
} from './case-outcomes.sql.ts';
import { OutcomeGroup } from './case-outcomes.types.ts';

/** The Dimension values caseOutcomes groups by: its groupBy names are explore's. */
const BY_DIMENSION = Object.fromEntries(
  Object.keys(OUTCOME_DIMENSIONS).map((name) => [name, name]),
) as Partial<Record<Dimension, OutcomeDimension>>;

interface Row {
  key: string[];
  cases: string | number;
  outcome_names: string[];
  outcome_counts: (string | number)[];
  mean_days: number;
  median_days: number;
  recovered: number;
  entry_balance: number;
  suppressed_groups: string | number;
}

/** groupBy names checked against the whitelist (docs/metrics/case-outcomes.md: unknown dimension → BAD_USER_INPUT). */
export function parseGroupBy(groupBy: readonly string[] | null | undefined): OutcomeDimension[] {
  const dimensions: OutcomeDimension[] = [];
  for (const name of groupBy ?? []) {
    if (!isOutcomeDimension(name))
      throw badInput(
        `groupBy has an unknown dimension ${echo(name)}; use any of ${Object.keys(OUTCOME_DIMENSIONS).join(', ')}.`,
      );
    if (dimensions.includes(name)) throw badInput(`groupBy lists "${name}" more than once.`);
    dimensions.push(name);
  }
  return dimensions;
}

@Resolver()
export class CaseOutcomesResolver {
  @Query(() => [OutcomeGroup], {
    description:
      'Outcomes of the cases closed in [from, to], grouped by strategy, segment, entry_bucket, product, portfolio, region and/or team (of the holder at close).',
  })
  async caseOutcomes(
    @Ctx() ctx: ApiContext,
    @Arg('from', () => String, FROM_ARG) from: string,
    @Arg('to', () => String, TO_ARG) to: string,
    @Arg('groupBy', () => [String], {
      nullable: true,
      description:
        'Dimensions to group by, in order: strategy, segment, entry_bucket, product, portfolio, region, team. One group when absent.',
      deprecationReason: GROUP_BY_DEPRECATION,
    })
    groupBy: string[] | null,
    @Arg('dimensions', () => [Dimension], {
      nullable: true,
      description: `${DIMENSIONS_ARG_DESCRIPTION} STRATEGY, SEGMENT, ENTRY_BUCKET, PRODUCT, PORTFOLIO, REGION, TEAM. One group when absent.`,
    })
    byDimensions: Dimension[] | null,
    @Arg('filter', () => PortfolioFilter, filterArg(FILTER_DIMENSIONS))
    filter: PortfolioFilter | null,
  ): Promise<OutcomeGroup[]> {
    parseDateRange(from, to);
    const dimensions = parseGroupBy(
      groupByNames('caseOutcomes', groupBy, byDimensions, BY_DIMENSION),
    );
    await checkFilter(ctx, 'caseOutcomes', filter, FILTER_DIMENSIONS);
    const rows = await runQuery<Row>(
      ctx,
      caseOutcomesQuery({
        from,
        to,
        tz: ctx.env.REPORT_TZ,
        groupBy: dimensions,
        filter,
        // viewers see aggregates only: no group small enough to single out a case
        minCases: ctx.role === 'viewer' ? ctx.env.SMALL_CELL_MIN_CASES : undefined,
      }),
    );
    return rows.map((row) => {
      const cases = Number(row.cases);
      const outcomes = row.outcome_names
        .map((outcome, i) => {
          const count = Number(row.outcome_counts[i]);
          return { outcome, cases: count, share: count / cases };
        })
        .sort((a, b) => b.cases - a.cases || (a.outcome < b.outcome ? -1 : 1));
      return {
        key: row.key,
        cases,
        outcomes,
        meanDaysToClose: row.mean_days,
        medianDaysToClose: row.median_days,
        recovered: cents(row.recovered),
        recoveryRate: rateOrZero(row.recovered, row.entry_balance),
        suppressedGroups: Number(row.suppressed_groups),
      };
    });
  }
}
