/**
 * PII hashing (SPEC §2 PII): HMAC-SHA-256 with PII_KEY, computed either in
 * ClickHouse (NDJSON: SHA256 over the padded key, HMAC = H((K⊕opad) ‖ H((K⊕ipad) ‖ m)))
 * or in Node (CSV rows are parsed here). Both give the same lower-case hex;
 * pii.test.ts checks that they agree. The pads are secrets: never log them.
 */
import { createHash, createHmac } from 'node:crypto';
import { PlatformError } from '@collections/schema/errors';
import { PII_FIELD_NAMES } from './events.ts';

const BLOCK = 64;

export interface HmacPads {
  readonly hmac_ipad: string;
  readonly hmac_opad: string;
}

export function hmacPads(key: string): HmacPads {
  let k = Buffer.from(key, 'utf8');
  if (k.length > BLOCK) k = createHash('sha256').update(k).digest();
  const padded = Buffer.alloc(BLOCK);
  k.copy(padded);
  const xor = (byte: number) => Buffer.from(padded.map((b) => b ^ byte)).toString('hex');
  return { hmac_ipad: xor(0x36), hmac_opad: xor(0x5c) };
}

/** SQL expression for the HMAC hex of the String expression `value` (pads as query parameters). */
export function hmacSql(value: string): string {
  return `lower(hex(SHA256(concat(unhex({hmac_opad:String}), SHA256(concat(unhex({hmac_ipad:String}), ${value}))))))`;
}

export function hmacHex(key: string, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

export const MASK = '***';

/** ClickHouse regex that finds `"pii_field": value` in a raw JSON line (value: string or bare scalar). */
export const PII_JSON_PATTERN = `("(?:${PII_FIELD_NAMES.join('|')})"\\s*:\\s*)(?:"(?:[^"\\\\]|\\\\.)*"|[^,}\\s]*)`;

/** SQL: the raw line with every PII value replaced by "***" (quarantine keeps only this). */
export function maskRawSql(raw: string): string {
  const needles = PII_FIELD_NAMES.map((f) => `'"${f}"'`).join(', ');
  return `if(multiSearchAny(${raw}, [${needles}]), replaceRegexpAll(${raw}, '${PII_JSON_PATTERN.replace(/\\/g, '\\\\')}', '\\\\1"${MASK}"'), ${raw})`;
}

export function requirePiiKey(key: string | undefined, file: string): string {
  if (!key)
    throw new PlatformError(
      'PII_KEY_MISSING',
      `${file} has PII fields (${PII_FIELD_NAMES.join(', ')}) but PII_KEY is not set. ` +
        'Set PII_KEY (at least 16 characters) so they can be stored as HMAC-SHA-256 digests; nothing was loaded from this file.',
    );
  return key;
}
