/**
 * Admission before execution (docs/api.md "Limits"): an Apollo plugin and
 * validation rules that refuse, in milliseconds and before any database query,
 * a request this API will not run, with HTTP 400 and a message that names the
 * limit (its environment variable) and the value found:
 *
 * - tokens (MAX_QUERY_TOKENS): graphql-js's parser stops counting at the limit
 *   (parseOptions). GraphQL Armor's max-tokens lexer does the same, but Apollo
 *   Server 5 offers it only the parsingDidStart hook, where a refusal becomes
 *   HTTP 500 "Unexpected error processing request";
 * - aliases (MAX_QUERY_ALIASES) and depth (MAX_QUERY_DEPTH), as validation
 *   rules (GraphQL Armor's max-aliases and max-depth) → GRAPHQL_VALIDATION_FAILED;
 * - the operation type and name (operation.ts) → BAD_REQUEST;
 * - the estimated cost (cost.ts, MAX_QUERY_COST) → QUERY_TOO_COSTLY; the
 *   estimate is left on the context (ctx.cost) for scheduling;
 * - after execution, the response's size (MAX_RESPONSE_BYTES) → RESPONSE_TOO_LARGE.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  GraphQLError,
  type GraphQLFormattedError,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Env } from '@collections/schema';
import type { ApiContext } from '../context.ts';
import { estimateCost, type CostEstimate } from './cost.ts';
import { checkOperation, refused } from './operation.ts';

export interface AdmissionLimits {
  readonly maxAliases: number;
  readonly maxDepth: number;
  readonly maxTokens: number;
  readonly maxCost: number;
  readonly maxResponseBytes: number;
}

export function limitsFromEnv(env: Env): AdmissionLimits {
  return {
    maxAliases: env.MAX_QUERY_ALIASES,
    maxDepth: env.MAX_QUERY_DEPTH,
    maxTokens: env.MAX_QUERY_TOKENS,
    maxCost: env.MAX_QUERY_COST,
    maxResponseBytes: env.MAX_RESPONSE_BYTES,
  };
}

/** Armor's rejection ("Syntax Error: Aliases limit of 20 exceeded, found 21.") as a validation error naming the variable. */
const reportAs =
  (variable: string) =>
  (context: ValidationContext | null, error: GraphQLError): void =>
    context?.reportError(
      new GraphQLError(`${error.message.replace(/^Syntax Error: /, '')} (${variable})`),
    );

export function admissionRules(limits: AdmissionLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: [reportAs('MAX_QUERY_ALIASES')] }),
    // flattenFragments: a fragment spread is not a level of its own; its fields count at
    // the depth where it is spread, so a query costs the same depth with or without fragments.
    maxDepthRule({
      ...common,
      n: limits.maxDepth,
      flattenFragments: true,
      onReject: [reportAs('MAX_QUERY_DEPTH')],
    }),
  ] as ValidationRule[];
}

/** Apollo's parse options: the token limit. */
export function admissionParseOptions(limits: AdmissionLimits): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

const TOKENS = /^Syntax Error: Document contains more that? (\d+) tokens\. Parsing aborted\.$/;

/** formatError step: graphql-js's token refusal (GRAPHQL_PARSE_FAILED) said as the other limits are. */
export function explainTokenLimit(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const match = TOKENS.exec(formatted.message);
  if (!match || formatted.extensions?.code !== 'GRAPHQL_PARSE_FAILED') return formatted;
  return {
    message: `The query has more than ${match[1]} tokens (MAX_QUERY_TOKENS).`,
    extensions: { code: 'BAD_REQUEST' },
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

function costMessage(estimate: CostEstimate, max: number): string {
  const costliest = estimate.fields.reduce((a, b) => (b.cost > a.cost ? b : a));
  const named =
    costliest.key === costliest.field ? costliest.field : `${costliest.key}: ${costliest.field}`;
  return (
    `The query's estimated cost is ${round(estimate.total)}, over the limit of ${max} (MAX_QUERY_COST); ` +
    `${estimate.fields.length} field(s), the costliest ${named} at ${round(costliest.cost)}. ` +
    'Ask for shorter periods, fewer rows or fewer fields per request.'
  );
}

export function admissionPlugin(limits: AdmissionLimits): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(request) {
          checkOperation(request);
          const { schema, document, operation, contextValue } = request;
          const estimate = estimateCost(schema, document, operation!, request.request.variables);
          if (!estimate) return;
          contextValue.cost = estimate.total;
          if (estimate.total > limits.maxCost)
            throw refused(costMessage(estimate, limits.maxCost), 'QUERY_TOO_COSTLY');
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || response.body.singleResult.data == null) return;
          const bytes = Buffer.byteLength(JSON.stringify(response.body.singleResult));
          if (bytes <= limits.maxResponseBytes) return;
          response.http.status = 400;
          response.body.singleResult = {
            errors: [
              {
                message:
                  `The response would be ${bytes} bytes, over the limit of ${limits.maxResponseBytes} ` +
                  '(MAX_RESPONSE_BYTES). Ask for fewer rows or fields per request.',
                extensions: { code: 'RESPONSE_TOO_LARGE' },
              },
            ],
          };
        },
      };
    },
  };
}
