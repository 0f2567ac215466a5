/**
 * HMAC-SHA-256 with a secret key, computed in Node (`hmacHex`) or inside ClickHouse
 * (`hmacSql` over the key's pads, passed as query parameters): the ETL hashes PII with
 * it, the API derives account tags with it. Both give the same lower-case hex. The
 * pads are secrets: never log them.
 */
import { createHash, createHmac } from 'node:crypto';

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
