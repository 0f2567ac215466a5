/**
 * The dashboard's requests as a library (`@collections/dashboard/requests`): its
 * generated GraphQL documents and the pure functions that build each page's
 * variables, so that cross-package tests (tests/) send exactly what the pages send.
 */
export * as documents from './gql/graphql.ts';
export { addMonths, lastDayOfMonth, rollRateMonths } from './lib/dates.ts';
export { defaultRangeFor, lastCompleteMonth } from './lib/periods.ts';
export { trendVariables, trendWindows } from './features/overview/trend.ts';
export { queueModel } from './features/work-queue/queue.ts';
