/** Grouped reports (case outcomes, repayment plans): dimension names and group keys for display. */

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
