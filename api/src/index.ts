export { apiSchema, printedSdl } from './schema.ts';
export type { ApiContext } from './context.ts';
