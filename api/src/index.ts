export { apiSchema, printedSdl } from './schema.ts';
export { createApollo } from './apollo.ts';
export type { ApiContext } from './context.ts';
export { estimateCost } from './limits/cost.ts';
