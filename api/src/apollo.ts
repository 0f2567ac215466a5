/** The Apollo Server over the schema, with errors masked at the edge and logged with the request id. */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { ApiContext } from './context.ts';
import { maskError } from './errors.ts';

export interface ErrorLog {
  (entry: { requestId: string; message: string; code: string; cause: unknown }): void;
}

const defaultLog: ErrorLog = (entry) =>
  console.error(JSON.stringify({ level: 'error', ...entry, cause: String(entry.cause) }));

function errorLogger(log: ErrorLog): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
            if (code === 'BAD_USER_INPUT' || code === 'FORBIDDEN' || code.startsWith('GRAPHQL_'))
              continue;
            log({
              requestId: contextValue.requestId,
              message: error.message,
              code,
              cause: error.originalError ?? error,
            });
          }
        },
      };
    },
  };
}

export function createApollo(
  schema: GraphQLSchema,
  log: ErrorLog = defaultLog,
): ApolloServer<ApiContext> {
  return new ApolloServer<ApiContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted) => maskError(formatted),
    plugins: [errorLogger(log)],
  });
}
