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

/** Codes whose message was written for the client and may be shown as is. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
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
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code },
    };
  }
  return {
    message: `Internal error${requestId ? ` (request ${requestId})` : ''}: the query could not be answered. It has been logged.`,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
  };
}
