/**
 * Masking of identifiers in case-level results (SPEC §2 PII, §5 analyst role):
 * the first 4 characters and an ellipsis, so a row can be told apart from its
 * neighbours without revealing the identifier. The TS and SQL forms agree.
 */
export const MASK_KEEP = 4;

export function maskId(value: string): string {
  return value === '' ? '' : `${value.slice(0, MASK_KEEP)}…`;
}

/** SQL twin of maskId for a String expression. */
export function maskSql(expr: string): string {
  return `if(${expr} = '', '', concat(substringUTF8(${expr}, 1, ${MASK_KEEP}), '…'))`;
}
