/**
 * Routes every top-level Query field through `Serving.resolveField` (answer
 * cache, single flight, latency per metric). Per top-level field, so aliases of
 * the same field and arguments in one request execute once. Without a Serving
 * in the context (unit tests) the field resolves as before.
 */
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { ApiContext } from '../context.ts';

const served = new WeakSet<object>();

export function serveQueryFields(schema: GraphQLSchema): GraphQLSchema {
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    if (served.has(field)) continue;
    served.add(field);
    const resolve: GraphQLFieldResolver<unknown, ApiContext> =
      field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args: Record<string, unknown>, ctx: ApiContext, info) =>
      ctx.serving
        ? ctx.serving.resolveField(field.name, args, ctx, (c) => resolve(source, args, c, info))
        : resolve(source, args, ctx, info);
  }
  return schema;
}
