/**
 * Account tags in case-level results (docs/metrics/cases.md): the raw
 * account id never leaves the database; a row shows `acct-` and the first 16
 * hex digits (64 bits) of HMAC-SHA-256(tag key, account id), so different
 * accounts stay distinguishable and the same account shows the same tag on
 * every page, while the id cannot be read back or guessed without the key.
 * (The first 4 characters shown before were the same for every account.)
 *
 * The tag key is derived from PII_KEY (tags stay the same across restarts and
 * differ from the ETL's PII digests); without PII_KEY a random key per process
 * is used, so tags change when the API restarts.
 */
import { randomBytes } from 'node:crypto';
import { hmacHex, hmacPads, hmacSql, type HmacPads } from '@collections/schema/hmac';

export const TAG_HEX_DIGITS = 16;
export const TAG_PREFIX = 'acct-';

const processKey = randomBytes(32).toString('hex');
const padsByKey = new Map<string, HmacPads>();

function tagKey(piiKey: string | undefined): string {
  return piiKey ? hmacHex(piiKey, 'account-tag') : processKey;
}

/** Query parameters of accountTagSql for the tag key of `piiKey` (PII_KEY). */
export function accountTagParams(piiKey: string | undefined): HmacPads {
  const key = tagKey(piiKey);
  let pads = padsByKey.get(key);
  if (!pads) padsByKey.set(key, (pads = hmacPads(key)));
  return pads;
}

/** SQL: the tag of a String expression ('' stays ''); needs accountTagParams. */
export function accountTagSql(expr: string): string {
  return `if(${expr} = '', '', concat('${TAG_PREFIX}', substring(${hmacSql(expr)}, 1, ${TAG_HEX_DIGITS})))`;
}

/** TS twin of accountTagSql. */
export function accountTag(piiKey: string | undefined, id: string): string {
  return id === '' ? '' : `${TAG_PREFIX}${hmacHex(tagKey(piiKey), id).slice(0, TAG_HEX_DIGITS)}`;
}
