/**
 * Errors at the GraphQL edge. Bad arguments are `BAD_USER_INPUT` with a sentence
 * that says what is wrong; anything unexpected is masked (no SQL, no stack) and
 * logged with the request id (STYLE.md: typed errors, masked at the edge).
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** How much of a caller's value an error message may repeat. */
export const ECHO_MAX = 100;

/** A caller's value for a message: quoted, cut to ECHO_MAX characters (a 100 KB value is not sent back). */
export function echo(value: unknown): string {
  const text = String(value);
  return text.length > ECHO_MAX
    ? `"${text.slice(0, ECHO_MAX)}…" (${text.length} characters)`
    : `"${text}"`;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
const LONG_WORD = new RegExp(`\\S{${ECHO_MAX + 1},}`, 'g');

/**
 * The safety net at the edge for messages written elsewhere (graphql-js echoes
 * whole variable values, object keys and names): every quoted part is cut to
 * ECHO_MAX characters; outside quotes, every run without spaces is cut to
 * ECHO_MAX and the stretch to 3 × ECHO_MAX (our own sentences are shorter; an
 * escaped quote inside a value can shift which parts look quoted).
 */
export function cutEchoes(message: string): string {
  if (message.length <= ECHO_MAX) return message;
  return message
    .split('"')
    .map((part, i) =>
      i % 2 === 1
        ? cut(part, ECHO_MAX)
        : cut(
            part.replace(LONG_WORD, (word) => cut(word, ECHO_MAX)),
            3 * ECHO_MAX,
          ),
    )
    .join('"');
}

/** An error's path with each response key (an alias the caller chose) cut like an echo. */
function cutPath(path: GraphQLFormattedError['path']): GraphQLFormattedError['path'] {
  return path?.map((part) => (typeof part === 'string' ? cut(part, ECHO_MAX) : part));
}

/** Codes whose message was written for the client and may be shown as is. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'QUERY_TOO_COSTLY',
  'RESPONSE_TOO_LARGE',
  // Serving limits (serving/serving.ts): written for the client, not server faults.
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
  'CANCELLED',
  'QUERY_TIMEOUT',
  'QUERY_TOO_LARGE',
]);

export function isClientCode(code: string): boolean {
  return CLIENT_CODES.has(code) || code.startsWith('GRAPHQL_');
}

/** Apollo `formatError`: keep client errors, mask the rest (the caller logs the original). */
export function maskError(
  formatted: GraphQLFormattedError,
  requestId?: string,
): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (CLIENT_CODES.has(code)) {
    // Validation errors from argument coercion carry no stack in production; strip it anyway.
    return {
      message: cutEchoes(formatted.message),
      locations: formatted.locations,
      path: cutPath(formatted.path),
      extensions: { code },
    };
  }
  return {
    message: `Internal error${requestId ? ` (request ${requestId})` : ''}: the query could not be answered. It has been logged.`,
    path: cutPath(formatted.path),
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
  };
}
