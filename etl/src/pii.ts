/**
 * PII hashing (docs/etl.md#pii): HMAC-SHA-256 with PII_KEY, computed either in
 * ClickHouse (NDJSON: SHA256 over the padded key, HMAC = H((K⊕opad) ‖ H((K⊕ipad) ‖ m)))
 * or in Node (CSV rows are parsed here). Both give the same lower-case hex;
 * pii.test.ts checks that they agree. The pads are secrets: never log them.
 */
import { PlatformError } from '@collections/schema/errors';
import { hmacHex, hmacPads, hmacSql, type HmacPads } from '@collections/schema/hmac';
import { PII_FIELD_NAMES } from './events.ts';

// The HMAC itself is shared with the API's account tags (schema/src/hmac.ts).
export { hmacHex, hmacPads, hmacSql, type HmacPads };

export const MASK = '***';

/** Containers nested deeper than this in a quarantined line are masked whole. */
const MASK_DEPTH = 4;

const sqlText = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const MASKED_VALUE = sqlText(`"${MASK}"`);
const PII_KEYS = `[${PII_FIELD_NAMES.map(sqlText).join(', ')}]`;

/**
 * SQL: the JSON value `x` re-serialized with the value of every member whose decoded
 * key is a PII field name (any case, any depth, whatever the value: string, number,
 * object, array) replaced by "***". Containers deeper than `depth` are masked whole.
 */
function maskedValueSql(x: string, depth: number): string {
  if (depth === 0) return `if(JSONType(${x}) IN ('Object', 'Array'), ${MASKED_VALUE}, ${x})`;
  const member = `mask_m${depth}`;
  const item = `mask_i${depth}`;
  const inner = (y: string) => maskedValueSql(y, depth - 1);
  return `multiIf(
  JSONType(${x}) = 'Object', concat('{', arrayStringConcat(arrayMap(${member} -> concat(toJSONString(${member}.1), ':',
    if(has(${PII_KEYS}, lower(${member}.1)), ${MASKED_VALUE}, ${inner(`${member}.2`)})), JSONExtractKeysAndValuesRaw(${x})), ','), '}'),
  JSONType(${x}) = 'Array', concat('[', arrayStringConcat(arrayMap(${item} -> ${inner(item)}, JSONExtractArrayRaw(${x})), ','), ']'),
  ${x})`;
}

/**
 * SQL: the raw line as quarantine keeps it, PII masked from the parsed line: the JSON
 * parser decodes escapes (`"ph\u006fne"` is phone), so matching key names in the text
 * cannot find every PII value. A line with neither a backslash nor a PII field name in
 * quotes (any case) has no PII key at any depth and is kept as it is (the common case,
 * one substring search). Otherwise a JSON line is re-serialized with every PII value
 * masked (maskedValueSql), and a line that does not parse (so cannot be proven free of
 * PII) is replaced whole by "***" (quarantine's detail says so: withheldDetailSql).
 * A BOM at the start is dropped first.
 */
export function maskRawSql(raw: string): string {
  const needles = ['\\', ...PII_FIELD_NAMES.map((f) => `"${f}"`)].map(sqlText).join(', ');
  const line = `if(startsWith(mask_r, '\\xEF\\xBB\\xBF'), substring(mask_r, 4), mask_r)`;
  return `arrayMap(mask_r -> if(NOT multiSearchAnyCaseInsensitive(mask_r, [${needles}]), mask_r,
    arrayMap(mask_l -> if(isValidJSON(mask_l), ${maskedValueSql('mask_l', MASK_DEPTH)}, ${sqlText(MASK)}), [${line}])[1]), [${raw}])[1]`;
}

/** SQL: a quarantine row's detail, saying so when its raw line was withheld whole (maskRawSql). */
export function withheldDetailSql(detail: string, raw: string): string {
  return `if(${raw} = ${sqlText(MASK)}, concat(${detail}, ${sqlText(' (raw line withheld: it could not be parsed to prove it free of PII)')}), ${detail})`;
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
