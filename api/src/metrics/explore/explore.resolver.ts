/**
 * The semantic layer's queries (docs/metrics/explore.md): `catalog` describes
 * every measure and dimension; `explore` computes measures by dimensions and a
 * time grain over [from, to]. Both are root fields, so they go through the same
 * admission (limits/weights.ts) and answer cache (serving/) as every metric.
 */
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context.ts';
import { badInput } from '../../errors.ts';
import { checkFilter, filterArg, knownValuesQuery } from '../../filters/filter-check.ts';
import { ALL_FILTER_FIELDS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { complianceParams } from '../../sql/compliance.ts';
import { asOfQuery } from '../as-of/as-of.sql.ts';
import { parseDateRange, parseLimit } from '../../validate.ts';
import {
  Dimension,
  Measure,
  TimeGrain,
  dimensionsOf,
  factsOf,
  filtersOf,
  type Fact,
} from './explore.catalog.ts';
import { MONTHLY_FACTS } from './explore.catalog-stock.ts';
import { baseMeasures, mergeRows, type FactResult } from './explore.compute.ts';
import { factQuery, MAX_FACT_ROWS, type FactRow } from './explore.sql.ts';
import { Catalog, ExploreResult } from './explore.types.ts';
import { dimensionInfos, measureInfos } from './catalog-info.ts';

/** At most this many measures and dimensions in one request (query size). */
export const MAX_MEASURES = 24;
export const MAX_DIMENSIONS = 4;

const GRAINS = Object.values(TimeGrain);

function distinct<T>(name: string, values: readonly T[]): T[] {
  if (new Set(values).size !== values.length) throw badInput(`${name} lists a value twice.`);
  return [...values];
}

/** Refuses DAY and WEEK for measures read at month ends (docs/metrics/explore.md "Month-end measures"). */
function checkGrain(measures: readonly Measure[], grain: TimeGrain | null): void {
  if (grain !== TimeGrain.DAY && grain !== TimeGrain.WEEK) return;
  const monthly = measures.filter((m) => factsOf(m).some((f) => MONTHLY_FACTS.includes(f)));
  if (monthly.length > 0)
    throw badInput(
      `${monthly.join(', ')} ${monthly.length > 1 ? 'are' : 'is'} read at month ends: grain must be MONTH, QUARTER or YEAR (or absent), not ${grain}.`,
    );
}

/** Refuses a dimension some measure cannot be sliced by, naming those it can. */
function checkSlices(measures: readonly Measure[], dimensions: readonly Dimension[]): void {
  for (const measure of measures) {
    const can = dimensionsOf(measure);
    const cannot = dimensions.filter((d) => !can.includes(d));
    if (cannot.length > 0)
      throw badInput(
        `${measure} cannot be sliced by ${cannot.join(', ')}: it can be by ${can.join(', ')}.`,
      );
  }
}

@Resolver()
export class ExploreResolver {
  @Query(() => Catalog, {
    description:
      'The semantic layer: every measure (unit, formula, numerator and denominator, the named metric it equals, its dimensions) and every dimension with its values.',
  })
  async catalog(@Ctx() ctx: ApiContext): Promise<Catalog> {
    // the values filters accept (dimension_values, the agent registry)
    const rows = await runQuery<{ kind: string; value: string }>(
      ctx,
      knownValuesQuery(ALL_FILTER_FIELDS),
    );
    const loaded = (field: string | null) =>
      rows
        .filter((r) => r.kind === field)
        .map((r) => r.value)
        .sort();
    return {
      currency: ctx.env.CURRENCY,
      timeZone: ctx.env.REPORT_TZ,
      grains: GRAINS,
      measures: measureInfos(),
      dimensions: dimensionInfos(loaded),
    };
  }

  @Query(() => ExploreResult, {
    description:
      'Measures by dimensions and time grain over [from, to] (YYYY-MM-DD, REPORT_TZ, inclusive): each measure is the number of the named metric it names in the catalog, for the same slice.',
  })
  async explore(
    @Ctx() ctx: ApiContext,
    @Arg('measures', () => [Measure], {
      description: 'The measures, in the order of each row’s values.',
    })
    measuresArg: Measure[],
    @Arg('from', () => String, { description: 'First day, YYYY-MM-DD (REPORT_TZ).' }) from: string,
    @Arg('to', () => String, { description: 'Last day, YYYY-MM-DD, inclusive.' }) to: string,
    @Arg('dimensions', () => [Dimension], {
      defaultValue: [],
      description: `Dimensions to slice by (at most ${MAX_DIMENSIONS}), in the order of each row’s key.`,
    })
    dimensionsArg: Dimension[],
    @Arg('grain', () => TimeGrain, {
      nullable: true,
      description:
        'Time buckets in REPORT_TZ; one row per group over the whole period when absent.',
    })
    grainArg: TimeGrain | null | undefined,
    @Arg('filter', () => PortfolioFilter, filterArg(ALL_FILTER_FIELDS))
    filter: PortfolioFilter | null,
    @Arg('orderBy', () => Measure, {
      nullable: true,
      description: 'Order rows by this measure (one of measures); by period and key when absent.',
    })
    orderBy: Measure | null,
    @Arg('descending', () => Boolean, {
      defaultValue: true,
      description: 'With orderBy: largest first (default) or smallest first.',
    })
    descending: boolean,
    @Arg('limit', () => Int, {
      defaultValue: 1000,
      description: 'At most this many rows (≤ 1000).',
    })
    limit: number,
  ): Promise<ExploreResult> {
    // an absent nullable argument arrives as undefined
    const grain = grainArg ?? null;
    parseDateRange(from, to);
    parseLimit(limit);
    const measures = distinct('measures', measuresArg);
    const dimensions = distinct('dimensions', dimensionsArg);
    if (measures.length === 0 || measures.length > MAX_MEASURES)
      throw badInput(`measures must list 1 to ${MAX_MEASURES} measures, got ${measures.length}.`);
    if (dimensions.length > MAX_DIMENSIONS)
      throw badInput(`dimensions may list at most ${MAX_DIMENSIONS}, got ${dimensions.length}.`);
    if (orderBy && !measures.includes(orderBy))
      throw badInput(`orderBy (${orderBy}) must be one of the measures asked.`);
    checkSlices(measures, dimensions);
    checkGrain(measures, grain);
    const honoured = ALL_FILTER_FIELDS.filter((d) =>
      measures.every((m) => filtersOf(m).includes(d)),
    );
    await checkFilter(ctx, 'explore (for these measures)', filter, honoured);

    // Each fact's base measures, one query per fact.
    const byFact = new Map<Fact, Set<Measure>>();
    for (const measure of measures)
      for (const b of baseMeasures(measure))
        for (const fact of factsOf(b)) byFact.set(fact, (byFact.get(fact) ?? new Set()).add(b));
    // viewers see aggregates only: no row small enough to single out a case
    const minCases = ctx.role === 'viewer' ? ctx.env.SMALL_CELL_MIN_CASES : undefined;
    // month_end's buckets stop at the as-of month: a constant month list (explore.sql-stock.ts)
    const asOf = byFact.has('month_end')
      ? ((await runQuery<{ date: string | null }>(ctx, asOfQuery(ctx.env.REPORT_TZ)))[0]?.date ??
        null)
      : null;
    const common = {
      asOf,
      minCases,
      dimensions,
      grain,
      filter,
      from,
      to,
      tz: ctx.env.REPORT_TZ,
      graceDays: ctx.env.PROMISE_GRACE_DAYS,
      compliance: complianceParams(ctx.env),
    };
    const results: FactResult[] = await Promise.all(
      [...byFact].map(async ([fact, base]) => {
        const rows = await runQuery<FactRow>(
          ctx,
          factQuery({ ...common, fact, measures: [...base] }),
        );
        if (rows.length > MAX_FACT_ROWS)
          throw badInput(
            `explore would return more than ${MAX_FACT_ROWS} groups: ask for a coarser grain, fewer dimensions or a shorter period.`,
          );
        return { fact, rows };
      }),
    );
    const { rows, totalRows } = mergeRows(results, measures, {
      grain: grain !== null,
      total: grain === null && dimensions.length === 0,
      orderBy,
      descending,
      limit,
      minCases,
    });
    return {
      from,
      to,
      grain,
      currency: ctx.env.CURRENCY,
      measures,
      dimensions,
      rows,
      totalRows,
      truncated: totalRows > rows.length,
    };
  }
}
