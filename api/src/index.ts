// Decorated types need the metadata polyfill before any of them is declared.
import 'reflect-metadata';
// schema.ts first: it loads reflect-metadata before any GraphQL type is declared.
export { apiSchema, printedSdl } from './schema.ts';
export { createApollo } from './apollo.ts';
export type { ApiContext } from './context.ts';
export { estimateCost } from './limits/cost.ts';
export { createApiServer, type ApiServer, type ServerOptions } from './server.ts';
export { assertSafeBinding } from './auth.ts';
