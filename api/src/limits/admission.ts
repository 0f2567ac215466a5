/**
 * Admission before execution: an Apollo plugin that refuses, before any
 * database query, a request this API will not run.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ApiContext } from '../context.ts';
import { checkOperation } from './operation.ts';

export function admissionPlugin(): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(request) {
          checkOperation(request);
        },
      };
    },
  };
}
