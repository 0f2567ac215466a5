/**
 * Which operation a request runs, checked before execution: this API has only
 * queries, so a mutation, a subscription, an unknown operationName or an
 * ambiguous document is the caller's mistake (400 BAD_REQUEST), not a server
 * fault. Left to graphql-js's executor they came back as INTERNAL_SERVER_ERROR
 * and were logged as faults.
 */
import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { ApiContext } from '../context.ts';
import { echo } from '../errors.ts';

/** A client error with HTTP 400 and the given code. */
export function refused(message: string, code = 'BAD_REQUEST'): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

export function checkOperation(
  request: GraphQLRequestContextDidResolveOperation<ApiContext>,
): void {
  const {
    operation,
    request: { operationName },
  } = request;
  if (!operation)
    throw refused(
      operationName
        ? `The document has no operation named ${echo(operationName)}.`
        : 'The document has several operations: pass operationName to choose one.',
    );
  if (operation.operation !== 'query')
    throw refused(`This API answers queries only; a ${operation.operation} cannot be run.`);
}
