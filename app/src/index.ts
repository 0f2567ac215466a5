/** The product's wiring, for tests and tools that start it in-process. */
export { exitOnError, prepare, serve } from './main.ts';
export { isEmpty, seedDemoIfEmpty, type SeedResult } from './demo.ts';
export { startInbox } from './inbox.ts';
export { dashboardFiles, DASHBOARD_DIST } from './static.ts';
