/**
 * The default limits let every request the dashboard sends through: each
 * operation of dashboard/src (its generated documents, as the pages send them)
 * runs through the real Apollo server with the default env, with the page's
 * own variables, over the default windows (the last complete month, and the
 * widest: 24 months of vintages, lib/periods.ts) and over five years (the widest window the docs promise to admit). The
 * database is empty: admission is what is tested, not the numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '@collections/api/testing';
import {
  documents,
  defaultRangeFor,
  rollRateMonths,
  trendVariables,
  trendWindows,
} from '@collections/dashboard/requests';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.dispose());

type Vars = Record<string, unknown>;

/** Each document's variables for a window [from, to], as its page builds them (widest choices). */
function pageVariables(from: string, to: string): Record<string, Vars> {
  const filter = null;
  const months = rollRateMonths(from, to);
  return {
    AgentPerformanceDocument: { from, to, filter: null, limit: 1000, offset: 0 },
    TeamPerformanceDocument: { from, to },
    CasesDocument: { filter: { openedFrom: from, openedTo: to }, limit: 50, offset: 0 },
    CaseTimelineDocument: { caseId: 'K1' },
    CaseDimensionsDocument: {},
    ChannelEffectivenessDocument: { from, to, filter },
    ComplianceDocument: { from, to, filter: null },
    OffendingAttemptsDocument: { from, to, filter: null, limit: 50, offset: 0 },
    CureCurveDocument: { from, to, cohortBy: 'MONTH', maxDays: 180, filter },
    BucketCureDocument: { ...months, filter },
    PostCureRelapseDocument: { from, to, filter },
    LossForecastDocument: { months: 12, lookbackMonths: 12, filter },
    CaseOutcomesDocument: { from, to, dimensions: ['STRATEGY'], filter },
    KpisDocument: { from, to, filter },
    OverviewTrendDocument: trendVariables(trendWindows(to), filter) as unknown as Vars,
    RepaymentPlansDocument: { from, to, dimensions: ['PLAN_KIND'] },
    LegalPipelineDocument: { from, to },
    RollRatesDocument: { ...months, filter },
    StrategyComparisonDocument: {
      experiment: 'E1',
      from,
      to,
      cureWithinDays: 30,
      confidence: 0.95,
    },
    VintagesDocument: { fromMonth: from.slice(0, 7), toMonth: to.slice(0, 7), filter },
    AsOfDocument: {},
    DimensionsDocument: {},
    ExperimentsDocument: {},
    CatalogDocument: {},
    // The Explore page's default question (What changed sends 4 rates by month over 13 months,
    // inside the widest default window). A question an analyst widens can cost more than
    // MAX_QUERY_COST (5 measures over five years: 299.9 > 250): the page then shows the
    // API's QUERY_TOO_COSTLY sentence.
    ExploreDocument: {
      measures: ['AMOUNT_COLLECTED', 'CURE_RATE_30D'],
      dimensions: [],
      grain: 'MONTH',
      from,
      to,
      filter,
    },
    QueueModelDocument: {},
    QueueDimensionsDocument: {},
    WorkQueueDocument: {
      filter: { teams: [], agents: [], segments: [], buckets: ['M2'] },
      limit: 50,
      offset: 0,
    },
    ModelRunsDocument: {},
  };
}

const NO_DATA = expect.objectContaining({
  message: 'No data is loaded yet: there are no KPIs to compute.',
  extensions: { code: 'BAD_USER_INPUT' },
});

// Admitted, then refused: the page asks for the queue only once a cure run is published.
const NO_MODEL = expect.objectContaining({
  message: 'No model run for cure_30d yet: run `pnpm etl score` first.',
  extensions: { code: 'BAD_USER_INPUT' },
});

const DOCUMENTS = Object.entries(documents).filter(([name]) => name.endsWith('Document')) as [
  string,
  { toString(): string },
][];

describe('the dashboard’s requests under the default limits', () => {
  it('covers every operation of the dashboard', () => {
    expect(DOCUMENTS.map(([name]) => name).sort()).toEqual(
      Object.keys(pageVariables('2026-01-01', '2026-01-31')).sort(),
    );
  });

  it.each([
    ['the last complete month', defaultRangeFor('lastMonth', '2026-11-30')],
    ['the widest default window', defaultRangeFor('vintages24', '2026-11-30')],
    ['five years', { from: '2021-12-01', to: '2026-11-30' }],
  ])('admits every page request over %s', async (_, { from, to }) => {
    const variables = pageVariables(from, to);
    for (const [name, document] of DOCUMENTS) {
      const result = await api.run(document.toString(), variables[name]);
      // On this empty database kpis is admitted, then says there is nothing to compute.
      const expected = name.startsWith('Kpi')
        ? result.errors?.map(() => NO_DATA)
        : name === 'WorkQueueDocument'
          ? [NO_MODEL]
          : undefined;
      if (name.startsWith('Kpi')) expect(result.errors?.length).toBeGreaterThan(0);
      expect({ name, errors: result.errors }).toEqual({ name, errors: expected });
    }
  });
});
