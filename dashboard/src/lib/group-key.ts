/** Display of the API's group keys (caseOutcomes, repaymentPlans). Pure. */

/** Key value of the group the API merges small groups into for viewers (docs/API.md "Small cells"). */
export const SUPPRESSED = '*';

/** A key's label; a missing value (empty string, SPEC §4) shows as "(none)", `whole` names the one group of no dimension. */
export function groupKeyLabel(key: readonly string[], whole: string): string {
  if (key.length > 0 && key.every((k) => k === SUPPRESSED)) return 'Small groups (merged)';
  return key.length ? key.map((k) => k || '(none)').join(' · ') : whole;
}
