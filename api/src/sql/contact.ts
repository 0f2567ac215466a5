/** SQL predicates for contact outcomes (docs/metrics/README.md#contact-outcomes, outcome categories), from the domain constants. */
import { CONTACT_CATEGORIES, NON_CONTACT_OUTCOMES, VOICE_CHANNELS } from '@collections/schema';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Right-party contact. */
export function isRpcSql(outcome: string): string {
  return `${outcome} IN (${list(CONTACT_CATEGORIES.rpc)})`;
}

/** Any answer or delivery (docs/metrics/channel-effectiveness.md "contact rate"). */
export function isContactSql(outcome: string): string {
  return `${outcome} NOT IN (${list(NON_CONTACT_OUTCOMES)})`;
}

/** Voice and in-person channels, the ones contact rules apply to (docs/metrics/compliance.md). */
export function isVoiceSql(channel: string): string {
  return `${channel} IN (${list(VOICE_CHANNELS)})`;
}
