/** The Apollo Server over the schema, with errors masked at the edge and logged with the request id. */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { loadEnv } from '@collections/schema';
import type { GraphQLSchema } from 'graphql';
import type { ApiContext } from './context.ts';
import { isClientCode, maskError } from './errors.ts';
import {
  admissionParseOptions,
  admissionPlugin,
  admissionRules,
  explainTokenLimit,
  limitsFromEnv,
  type AdmissionLimits,
} from './limits/admission.ts';

export interface ErrorLog {
  (entry: { requestId: string; message: string; code: string; cause: unknown }): void;
}

const defaultLog: ErrorLog = (entry) =>
  console.error(
    JSON.stringify({
      level: 'error',
      time: new Date().toISOString(),
      ...entry,
      cause:
        entry.cause instanceof Error
          ? (entry.cause.stack ?? entry.cause.message)
          : String(entry.cause),
    }),
  );

function errorLogger(log: ErrorLog): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
            if (isClientCode(code)) continue;
            log({
              requestId: contextValue.requestId,
              message: error.message,
              code,
              cause: error.originalError ?? error,
            });
          }
        },
        // Masked errors carry the request id, so a user can quote it and we can find the log line
        // (ClickHouse query ids of the request start with it too).
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors) return;
          response.body.singleResult.errors = errors.map((e) =>
            e.extensions?.code === 'INTERNAL_SERVER_ERROR'
              ? maskError(e, contextValue.requestId)
              : e,
          );
        },
      };
    },
  };
}

export function createApollo(
  schema: GraphQLSchema,
  limits: AdmissionLimits = limitsFromEnv(loadEnv({})),
  log: ErrorLog = defaultLog,
): ApolloServer<ApiContext> {
  return new ApolloServer<ApiContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted) => maskError(explainTokenLimit(formatted)),
    parseOptions: admissionParseOptions(limits),
    validationRules: admissionRules(limits),
    plugins: [errorLogger(log), admissionPlugin(limits)],
  });
}
