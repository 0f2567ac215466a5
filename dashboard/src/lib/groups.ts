/** Grouped reports (case outcomes, repayment plans): dimension names and group keys for display. */
import type { Dimension } from '../gql/graphql.ts';

/** Display name of each dimension the API can group by. */
export const DIMENSION_LABELS: Readonly<Record<string, string>> = {
  kind: 'Plan kind',
  strategy: 'Strategy',
  segment: 'Segment',
  entry_bucket: 'Entry bucket',
  product: 'Product',
  portfolio: 'Portfolio',
  region: 'Region',
  team: 'Team',
};

/**
 * The Dimension enum value the API groups by for each of the pages' URL names
 * (`?by=entry_bucket` stays a shareable URL): caseOutcomes and repaymentPlans take
 * `dimensions: [Dimension!]`, their `groupBy` strings are deprecated.
 */
const GROUP_DIMENSION: Readonly<Record<string, Dimension>> = {
  kind: 'PLAN_KIND',
  strategy: 'STRATEGY',
  segment: 'SEGMENT',
  entry_bucket: 'ENTRY_BUCKET',
  product: 'PRODUCT',
  portfolio: 'PORTFOLIO',
  region: 'REGION',
  team: 'TEAM',
};

/** The `dimensions` argument for the pages' group names; a name the API has no dimension for is a bug here. */
export function groupDimensions(names: readonly string[]): Dimension[] {
  return names.map((name) => {
    const dimension = GROUP_DIMENSION[name];
    if (!dimension) throw new Error(`no Dimension for the group name ${name}`);
    return dimension;
  });
}

/** Key value of the group the API merges small groups into for viewers (docs/api.md "Small cells"). */
export const SUPPRESSED = '*';

/**
 * Display name of a group key; a missing value (empty string, docs/metrics/README.md) shows as
 * "(none)", the key of the ungrouped total (no dimensions) as `total`, and the
 * viewer's merged small groups as such.
 */
export function groupKeyLabel(key: readonly string[], total: string): string {
  if (key.length > 0 && key.every((k) => k === SUPPRESSED)) return 'Small groups (merged)';
  return key.length ? key.map((k) => k || '(none)').join(' · ') : total;
}
