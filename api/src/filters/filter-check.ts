/**
 * Bad filters are refused, never answered with zeros (docs/metrics/explore.md
 * "Filter"): a dimension the metric cannot honour, or a value no loaded
 * account or case carries, is BAD_USER_INPUT naming what the caller can use
 * (for a value, the closest known ones). Known values come from the derived
 * table dimension_values (every value any loaded opening carried): a few
 * hundred rows, one query per filtered request; teams and agents from the
 * latest agent_registered of each agent (as the dimensions query lists them),
 * channels from the fixed list of docs/etl.md.
 */
import { BUCKETS, CHANNELS } from '@collections/schema';
import { badInput, echo } from '../errors.ts';
import { runQuery, type SqlQuery } from '../query.ts';
import { AGENTS_SQL } from '../sql/agents.ts';
import { closestValues } from './closest.ts';
import {
  ALL_FILTER_FIELDS,
  type FilterDimension,
  type PortfolioFilter,
} from './portfolio-filter.ts';

/** The dimensions a filter gives a non-empty list for, in declaration order. */
export function filteredDimensions(filter: PortfolioFilter | null | undefined): FilterDimension[] {
  return ALL_FILTER_FIELDS.filter((d) => (filter?.[d]?.length ?? 0) > 0);
}

/** Dimensions whose values are a fixed list, not loaded data (dimension_values has none). */
const FIXED_VALUES: Partial<Record<FilterDimension, readonly string[]>> = {
  monthEndBuckets: BUCKETS,
  channels: CHANNELS,
};

/**
 * Every known value of the given dimensions (dimension_values.kind is the
 * filter's field name; teams and agents from the agent registry, read only
 * when asked). Fixed lists are not queried.
 */
export function knownValuesQuery(dimensions: readonly FilterDimension[]): SqlQuery {
  return {
    query: `SELECT toString(kind) AS kind, value FROM dimension_values
      WHERE kind IN {kinds:Array(String)} GROUP BY kind, value
      UNION ALL
      SELECT 'teams' AS kind, toString(team) AS value FROM ${AGENTS_SQL}
      WHERE has({kinds:Array(String)}, 'teams') AND value != '' GROUP BY value
      UNION ALL
      SELECT 'agents' AS kind, agent_id AS value FROM ${AGENTS_SQL}
      WHERE has({kinds:Array(String)}, 'agents')`,
    query_params: { kinds: dimensions.filter((d) => !FIXED_VALUES[d]) },
  };
}

/** The message for a value that is not known (pure: unit-tested). */
export function unknownValueMessage(
  dimension: FilterDimension,
  value: string,
  known: readonly string[],
  argument = 'filter',
): string {
  if (known.length === 0)
    return `${argument}.${dimension} has the unknown value ${echo(value)}: no ${dimension} are loaded yet.`;
  return `${argument}.${dimension} has the unknown value ${echo(value)}; the closest known: ${closestValues(value, known).join(', ')} (the dimensions query lists them all).`;
}

/** Refuses dimensions outside `supported` (pure). */
export function checkFilterDimensions(
  metric: string,
  filter: PortfolioFilter | null | undefined,
  supported: readonly FilterDimension[],
): FilterDimension[] {
  const given = filteredDimensions(filter);
  const unsupported = given.filter((d) => !supported.includes(d));
  if (unsupported.length > 0)
    throw badInput(
      `${metric} cannot be filtered by ${unsupported.join(', ')}: its filter takes ${supported.join(', ')}.`,
    );
  return given;
}

/**
 * Checks a metric's filter: only `supported` dimensions, only known values.
 * Resolves when the filter is absent or every value is known.
 */
export async function checkFilter(
  ctx: Parameters<typeof runQuery>[0],
  metric: string,
  filter: PortfolioFilter | null | undefined,
  supported: readonly FilterDimension[],
  argument = 'filter',
): Promise<void> {
  const given = checkFilterDimensions(metric, filter, supported);
  if (given.length === 0) return;
  const loaded = given.filter((d) => !FIXED_VALUES[d]);
  const rows =
    loaded.length === 0
      ? []
      : await runQuery<{ kind: string; value: string }>(ctx, knownValuesQuery(loaded));
  for (const dimension of given) {
    const known = new Set(
      FIXED_VALUES[dimension] ?? rows.filter((r) => r.kind === dimension).map((r) => r.value),
    );
    const unknown = filter?.[dimension]?.find((v) => !known.has(v));
    if (unknown !== undefined)
      throw badInput(unknownValueMessage(dimension, unknown, [...known], argument));
  }
}

/** Options of a metric's `filter` argument: nullable, described with the dimensions it honours. */
export function filterArg(dimensions: readonly FilterDimension[]): {
  nullable: true;
  description: string;
} {
  return {
    nullable: true,
    description: `Restricts the metric to matching accounts and cases; honours ${dimensions.join(', ')} (any other dimension, or an unknown value, is BAD_USER_INPUT). All when absent.`,
  };
}
