/**
 * The semantic layer's queries (docs/metrics/explore.md): `catalog` describes
 * every measure and dimension; `explore` computes measures by dimensions and a
 * time grain over [from, to]. Both are root fields, so they go through the same
 * admission (limits/weights.ts) and answer cache (serving/) as every metric.
 */
import {
  ARM_ROLES,
  BUCKETS,
  CASE_OUTCOMES,
  CHANNELS,
  LEGAL_STAGES,
  PLAN_KINDS,
} from '@collections/schema';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context.ts';
import { badInput } from '../../errors.ts';
import { checkFilter, filterArg, knownValuesQuery } from '../../filters/filter-check.ts';
import { ALL_FILTER_DIMENSIONS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { parseDateRange, parseLimit } from '../../validate.ts';
import {
  DIMENSIONS,
  Dimension,
  MEASURES,
  Measure,
  TimeGrain,
  dimensionsOf,
  factsOf,
  filtersOf,
  refText,
  type Fact,
} from './explore.catalog.ts';
import { baseMeasures, mergeRows, type FactResult } from './explore.compute.ts';
import { factQuery, MAX_FACT_ROWS, WEEKDAYS, type FactRow } from './explore.sql.ts';
import { Catalog, ExploreResult } from './explore.types.ts';

/** At most this many measures and dimensions in one request (query size). */
export const MAX_MEASURES = 24;
export const MAX_DIMENSIONS = 4;

/** dimension_values kinds of the dimensions that have them (the filter field names). */
const FIXED_VALUES: Partial<Record<Dimension, readonly string[]>> = {
  [Dimension.ARM_ROLE]: ARM_ROLES,
  [Dimension.ENTRY_BUCKET]: BUCKETS.filter((b) => b !== 'CHARGED_OFF' && b !== 'CLOSED'),
  [Dimension.OUTCOME]: CASE_OUTCOMES,
  [Dimension.CHANNEL]: CHANNELS,
  [Dimension.CONTACT_HOUR]: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
  [Dimension.CONTACT_WEEKDAY]: WEEKDAYS,
  [Dimension.FIRST_CONTACT_CHANNEL]: CHANNELS,
  [Dimension.PLAN_KIND]: PLAN_KINDS,
  // legalPipeline's stages, then withdrawn
  [Dimension.LEGAL_STAGE]: [...LEGAL_STAGES, 'withdrawn'],
};

const GRAINS = Object.values(TimeGrain);

function distinct<T>(name: string, values: readonly T[]): T[] {
  if (new Set(values).size !== values.length) throw badInput(`${name} lists a value twice.`);
  return [...values];
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
      knownValuesQuery(ALL_FILTER_DIMENSIONS),
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
      measures: Object.values(Measure).map((name) => {
        const def = MEASURES[name];
        return {
          name,
          key: name,
          description: def.description,
          unit: def.unit,
          formula: def.formula,
          numerator: def.kind === 'ratio' ? def.numerator : null,
          denominator: def.kind === 'ratio' ? def.denominator : null,
          parts: def.kind === 'sum' ? [...def.parts] : [],
          definedBy: def.definedBy.map(refText),
          dimensions: dimensionsOf(name),
          filters: filtersOf(name),
        };
      }),
      dimensions: Object.values(Dimension).map((name) => {
        const def = DIMENSIONS[name];
        return {
          name,
          key: name,
          description: def.description,
          filterField: def.filterField,
          values: [...(FIXED_VALUES[name] ?? loaded(def.filterField))],
        };
      }),
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
    @Arg('filter', () => PortfolioFilter, filterArg(ALL_FILTER_DIMENSIONS))
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
    const honoured = ALL_FILTER_DIMENSIONS.filter((d) =>
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
    const common = {
      minCases,
      dimensions,
      grain,
      filter,
      from,
      to,
      tz: ctx.env.REPORT_TZ,
      graceDays: ctx.env.PROMISE_GRACE_DAYS,
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
