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

/**
 * Display name of a group key; a missing value (empty string, SPEC §4) shows as
 * "(none)", and the key of the ungrouped total (no dimensions) as `total`.
 */
export function groupKeyLabel(key: readonly string[], total: string): string {
  return key.length ? key.map((k) => k || '(none)').join(' · ') : total;
}
