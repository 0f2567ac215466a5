/**
 * The `dimensions: [Dimension!]` argument of the grouped metrics (docs/api.md
 * "Naming"): explore's Dimension enum, one vocabulary for grouping everywhere,
 * accepted beside a metric's older `groupBy: [String!]` of snake_case names.
 * Each metric maps the Dimension values it can group by to its own names; the
 * metric's parser then checks them as it checks groupBy.
 */
import { badInput } from './errors.ts';
import { Dimension } from './metrics/explore/explore.catalog.ts';

/** The GraphQL name of a Dimension value ('entry_bucket' → ENTRY_BUCKET). */
const enumName = (d: Dimension): string =>
  Object.entries(Dimension).find(([, v]) => v === d)?.[0] ?? d;

export const DIMENSIONS_ARG_DESCRIPTION =
  'Dimensions to group by, in order, as explore names them (the Dimension enum); instead of groupBy.';

export const GROUP_BY_DEPRECATION =
  'Use dimensions: [Dimension!] (the Dimension enum of explore; the same groups).';

/**
 * The metric's groupBy names from either argument: `groupBy` as given, or
 * `dimensions` mapped through `names`. Both at once, or a dimension the metric
 * cannot group by, is BAD_USER_INPUT. Null when neither is given.
 */
export function groupByNames<N extends string>(
  metric: string,
  groupBy: readonly string[] | null | undefined,
  dimensions: readonly Dimension[] | null | undefined,
  names: Partial<Record<Dimension, N>>,
): string[] | null {
  if (dimensions == null) return groupBy == null ? null : [...groupBy];
  if (groupBy != null)
    throw badInput(`${metric} takes dimensions or groupBy, not both: drop groupBy.`);
  return dimensions.map((d) => {
    const name = names[d];
    if (name === undefined)
      throw badInput(
        `${metric} cannot group by ${enumName(d)}; its dimensions are ${(Object.keys(names) as Dimension[]).map(enumName).join(', ')}.`,
      );
    return name;
  });
}
