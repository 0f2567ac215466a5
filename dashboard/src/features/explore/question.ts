/**
 * An Explore question (docs/dashboard.md "Explore"): measures × dimensions ×
 * grain × filters, kept in the URL so that the address is the question. Pure:
 * parse and write the URL, check the question against the catalog (an unknown
 * name is reported, never dropped: a misspelt measure must not read as
 * "nothing"), and turn it into `explore`'s variables.
 */
import type {
  Dimension,
  ExploreQueryVariables,
  Measure,
  PortfolioFilter,
  TimeGrain,
} from '../../gql/graphql.ts';
import { LIST_KEYS, list, portfolioFilter, type Filters } from '../../lib/filters.ts';

/**
 * The page's own filters: every PortfolioFilter field the shell's bar does not
 * carry, with its URL parameter. The `satisfies` makes it exhaustive: a filter
 * field the API adds (after `pnpm codegen`) fails the typecheck until it has a picker.
 */
export const PAGE_FILTERS = {
  segments: 'segment',
  strategies: 'strategy',
  experiments: 'experiment',
  monthEndBuckets: 'month_end_bucket',
  teams: 'team',
  agents: 'agent',
  channels: 'channel',
} as const satisfies Record<Exclude<keyof PortfolioFilter, keyof typeof LIST_KEYS>, string>;

export type PageFilterField = keyof typeof PAGE_FILTERS;
type FilterField = keyof typeof LIST_KEYS | PageFilterField;

export interface Question {
  /** Catalog keys (snake_case), in the order asked. */
  measures: string[];
  /** Catalog keys; at most MAX_DIMENSIONS. */
  dimensions: string[];
  /** Lower case grain ('month'), or null for one row per group over the whole range. */
  grain: string | null;
  /** The page's filters (PAGE_FILTERS), each a list of values; empty = all. */
  filters: Record<PageFilterField, string[]>;
  /** The measure the chart draws (a key of `measures`); the first one when absent. */
  chart: string | null;
}

/** URL parameter of each part of the question (beside the shell's from, to and portfolio filters). */
export const QUESTION_PARAMS = {
  measures: 'measures',
  dimensions: 'by',
  grain: 'grain',
  chart: 'chart',
} as const;

export const MAX_DIMENSIONS = 4;
export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;

/** What the page asks when the URL names no measure. */
export const DEFAULT_QUESTION = {
  measures: ['amount_collected', 'cure_rate_30d'],
  grain: 'month',
} as const;

export function parseQuestion(params: URLSearchParams): Question {
  const measures = list(params.get(QUESTION_PARAMS.measures)).map((m) => m.toLowerCase());
  const grainParam = params.get(QUESTION_PARAMS.grain);
  const filters = Object.fromEntries(
    (Object.entries(PAGE_FILTERS) as [PageFilterField, string][]).map(([field, key]) => [
      field,
      list(params.get(key)),
    ]),
  ) as Record<PageFilterField, string[]>;
  return {
    measures: measures.length ? measures : [...DEFAULT_QUESTION.measures],
    dimensions: list(params.get(QUESTION_PARAMS.dimensions)).map((d) => d.toLowerCase()),
    // No grain parameter: the default; `grain=none`: one row per group.
    grain:
      grainParam === null
        ? DEFAULT_QUESTION.grain
        : grainParam === 'none' || grainParam === ''
          ? null
          : grainParam.toLowerCase(),
    filters,
    chart: params.get(QUESTION_PARAMS.chart),
  };
}

/** The URL changes of a question (null deletes a parameter), for the page's setParams. */
export function writeQuestion(q: Question): Record<string, string | null> {
  const out: Record<string, string | null> = {
    [QUESTION_PARAMS.measures]: q.measures.join(','),
    [QUESTION_PARAMS.dimensions]: q.dimensions.length ? q.dimensions.join(',') : null,
    [QUESTION_PARAMS.grain]: q.grain ?? 'none',
    [QUESTION_PARAMS.chart]: q.chart && q.measures.includes(q.chart) ? q.chart : null,
  };
  for (const [field, key] of Object.entries(PAGE_FILTERS) as [PageFilterField, string][])
    out[key] = q.filters[field].length ? q.filters[field].join(',') : null;
  return out;
}

/** The names the catalog knows; measures with the dimensions each can be sliced by. */
export interface CatalogNames {
  measures: readonly {
    key: string;
    name: Measure;
    dimensions: readonly Dimension[];
    /** The PortfolioFilter fields the measure honours. */
    filters: readonly string[];
  }[];
  dimensions: readonly { key: string; name: Dimension; filterField?: string | null }[];
}

/** The filter fields restricted by the bar (`filters`) and the page (`q`), by their URL names. */
function restricted(q: Question, filters: Filters): { field: FilterField; key: string }[] {
  const bar = (Object.entries(LIST_KEYS) as [keyof typeof LIST_KEYS, string][])
    .filter(([field]) => filters[field].length > 0)
    .map(([field, key]) => ({ field, key }));
  const page = (Object.entries(PAGE_FILTERS) as [PageFilterField, string][])
    .filter(([field]) => q.filters[field].length > 0)
    .map(([field, key]) => ({ field, key }));
  return [...bar, ...page];
}

/**
 * Every reason the question cannot be asked, in words; empty when it can.
 * `filters` (the bar's) matter for the filters a measure cannot honour.
 */
export function problems(q: Question, catalog: CatalogNames, filters: Filters): string[] {
  const out: string[] = [];
  const known = (keys: readonly { key: string }[]) => keys.map((k) => k.key).join(', ');
  const badMeasures = q.measures.filter((m) => !catalog.measures.some((c) => c.key === m));
  if (badMeasures.length)
    out.push(
      `Unknown measure ${badMeasures.map((m) => `“${m}”`).join(', ')}; known: ${known(catalog.measures)}.`,
    );
  const badDims = q.dimensions.filter((d) => !catalog.dimensions.some((c) => c.key === d));
  if (badDims.length)
    out.push(
      `Unknown dimension ${badDims.map((d) => `“${d}”`).join(', ')}; known: ${known(catalog.dimensions)}.`,
    );
  if (q.dimensions.length > MAX_DIMENSIONS)
    out.push(`At most ${MAX_DIMENSIONS} dimensions; ${q.dimensions.length} are picked.`);
  if (q.grain !== null && !(GRAINS as readonly string[]).includes(q.grain))
    out.push(`Unknown grain “${q.grain}”; known: none, ${GRAINS.join(', ')}.`);
  // A measure that cannot be sliced by a picked dimension (e.g. channel for cases opened).
  for (const m of catalog.measures.filter((c) => q.measures.includes(c.key)))
    for (const d of catalog.dimensions.filter((c) => q.dimensions.includes(c.key)))
      if (!m.dimensions.includes(d.name))
        out.push(`${m.key} cannot be sliced by ${d.key}: pick another measure or dimension.`);
  // A filter the measure cannot honour (e.g. team for amount collected): explore refuses it.
  const used = restricted(q, filters);
  for (const m of catalog.measures.filter((c) => q.measures.includes(c.key))) {
    const cannot = used.filter((u) => !m.filters.includes(u.field)).map((u) => u.key);
    if (cannot.length)
      out.push(
        `${m.key} cannot be filtered by ${cannot.join(', ')}: clear that filter or pick another measure.`,
      );
  }
  return out;
}

/** `explore`'s variables for a question without problems. */
export function exploreVariables(
  q: Question,
  filters: Filters,
  catalog: CatalogNames,
): ExploreQueryVariables {
  const filter: PortfolioFilter = { ...portfolioFilter(filters) };
  for (const field of Object.keys(PAGE_FILTERS) as PageFilterField[])
    if (q.filters[field].length) filter[field] = q.filters[field];
  return {
    measures: q.measures.map((k) => catalog.measures.find((c) => c.key === k)!.name),
    dimensions: q.dimensions.map((k) => catalog.dimensions.find((c) => c.key === k)!.name),
    grain: q.grain === null ? null : (q.grain.toUpperCase() as TimeGrain),
    from: filters.from,
    to: filters.to,
    filter: Object.keys(filter).length ? filter : null,
  };
}
