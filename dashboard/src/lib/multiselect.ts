/** The multi-select's pure parts: search matching and the closed summary. */

/** Values containing `search` (case-insensitive), in their order; all for an empty search. */
export function matching(values: readonly string[], search: string): string[] {
  const q = search.trim().toLowerCase();
  const unique = [...new Set(values)];
  return q ? unique.filter((v) => v.toLowerCase().includes(q)) : unique;
}

/** "All", the one or two values, or "3 selected". */
export function summary(selected: readonly string[]): string {
  if (selected.length === 0) return 'All';
  if (selected.length <= 2) return selected.map((v) => v || '(none)').join(', ');
  return `${selected.length} selected`;
}
