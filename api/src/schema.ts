/** Builds the executable schema (code-first) and prints the SDL committed at api/schema.graphql. */
import 'reflect-metadata';
import path from 'node:path';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { RESOLVERS } from './resolvers.ts';
import { serveQueryFields } from './serving/fields.ts';

export const SDL_PATH = path.resolve(import.meta.dirname, '../schema.graphql');

let built: Promise<GraphQLSchema> | undefined;

export function apiSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: RESOLVERS, validate: false }).then((schema) => {
    const query = schema.getQueryType();
    // type-graphql gives the root type no description; every element has one (descriptions.test.ts)
    if (query)
      query.description =
        'Collections analytics (docs/metrics/README.md): named metrics, the semantic layer (catalog, explore) and case drill-down.';
    return serveQueryFields(schema);
  });
  return built;
}

/** The SDL as committed: sorted, so that moving code around does not churn it. */
export async function printedSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await apiSchema()))}\n`;
}
