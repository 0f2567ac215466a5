/** The cost model (weights.ts, cost.ts) on hand-worked examples. */
import { parse, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLSchema } from 'graphql';
import { apiSchema } from '../schema.ts';
import { estimateCost } from './cost.ts';
import { METRIC_COSTS, csvCost, fieldCost, monthCount, periodMonths } from './weights.ts';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await apiSchema();
});

function cost(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  )!;
  return estimateCost(schema, document, operation, variables);
}

describe('cost model', () => {
  it('declares a cost for every Query field', () => {
    expect(Object.keys(METRIC_COSTS).sort()).toEqual(
      Object.keys(schema.getQueryType()!.getFields()).sort(),
    );
  });

  it('measures periods in months of 30.44 days, at least one', () => {
    expect(periodMonths('2026-01-01', '2026-01-01')).toBe(1);
    // 2024-01-01 … 2025-12-31: 731 days / 30.44
    expect(periodMonths('2024-01-01', '2025-12-31')).toBeCloseTo(731 / 30.44, 10);
    expect(periodMonths('not a date', '2026-01-01')).toBe(1);
    // dates the resolvers refuse cost 1, so the caller hears BAD_USER_INPUT, not a cost
    expect(periodMonths('0001-01-01', '9999-12-31')).toBe(1);
    expect(monthCount('1899-12', '2026-01')).toBe(1);
    expect(monthCount('2025-11', '2026-02')).toBe(4);
  });

  it('sums weight × (1 + growth × (size − 1)) over root fields, aliases, fragments and defaults', () => {
    // kpis 2026-01-01 … 2026-03-31 without its comparisons: 90 days / 30.44 = 2.9566 months;
    // 7 × (1 + 0.01 × 1.9566) = 7.137 (twice, aliased);
    // cureCurve default maxDays 90 over the same period: 3 × (1 + 0.06 × 1.9566) = 3.352;
    // asOf 1; __typename free
    const estimate = cost(
      `query ($f: String!) { a: kpis(from: $f, to: "2026-03-31") { from } ...F asOf { date } __typename }
       fragment F on Query { b: kpis(from: $f, to: "2026-03-31") { from } cureCurve(from: $f, to: "2026-03-31") { maxDays } }`,
      { f: '2026-01-01' },
    )!;
    const extra = 90 / 30.44 - 1;
    expect(estimate.fields.map((f) => [f.key, f.field])).toEqual([
      ['a', 'kpis'],
      ['b', 'kpis'],
      ['cureCurve', 'cureCurve'],
      ['asOf', 'asOf'],
    ]);
    expect(estimate.total).toBeCloseTo(2 * 7 * (1 + 0.01 * extra) + 3 * (1 + 0.06 * extra) + 1, 10);
    expect(estimate.total).toBeCloseTo(18.626, 3);
  });

  it('counts a response key once (graphql-js merges the fields) and scales rows and days', () => {
    // cases(limit: 500) twice under one key, once: size 500 / 100 = 5, 3.5 × (1 + 0.15 × 4) = 5.6.
    // cureCurve maxDays 365 over 2026-01-01 … 2026-01-31: size (31 / 30.44) × 365 / 90 = 4.1302,
    // 3 × (1 + 0.06 × 3.1302) = 3.5634
    const estimate = cost(
      '{ cases(limit: 500) { total } cases(limit: 500) { total } cureCurve(from: "2026-01-01", to: "2026-01-31", maxDays: 365) { maxDays } }',
    )!;
    expect(estimate.total).toBeCloseTo(5.6 + 3 * (1 + 0.06 * ((31 / 30.44) * (365 / 90) - 1)), 10);
    expect(estimate.total).toBeCloseTo(9.163, 3);
  });

  it('adds months and pages of a compliance report instead of multiplying them', () => {
    // 2024-01-01 … 2025-12-31: 731 / 30.44 = 24.014 months; limit 1000: 10 pages;
    // size 24.014 + 10 − 1 = 33.014; 4 × (1 + 0.05 × 32.014) = 10.403 (the old product
    // weight × months × pages, 2 × 24.014 × 10 = 480, refused a request that takes about
    // what a one-month report takes)
    const estimate = cost(
      '{ complianceReport(from: "2024-01-01", to: "2025-12-31", limit: 1000) { from } }',
    )!;
    expect(estimate.total).toBeCloseTo(4 * (1 + 0.05 * (731 / 30.44 + 10 - 2)), 10);
    expect(estimate.total).toBeCloseTo(10.403, 3);
  });

  it("adds kpis' comparisons only when they are selected, fragments included", () => {
    // one month (size 1): 7 for the period; + 7 for previous; + 7 for yearAgo
    const one = (selection: string) =>
      cost(
        `{ kpis(from: "2026-01-01", to: "2026-01-31") { ${selection} } } fragment Y on Kpi { yearAgo }`,
      )!.total;
    expect(one('kpis { name value }')).toBeCloseTo(7 * (1 + 0.01 * (31 / 30.44 - 1)), 10);
    expect(one('kpis { name value previous }')).toBeCloseTo(14 * (1 + 0.01 * (31 / 30.44 - 1)), 10);
    expect(one('kpis { name previous ...Y }')).toBeCloseTo(21 * (1 + 0.01 * (31 / 30.44 - 1)), 10);
  });

  it("adds the work of cases' promise and bucket filters to a page's", () => {
    // limit 100: size 1; promise filter + 28, current bucket + 3.5: 3.5 + 28 + 3.5 = 35
    expect(cost('{ cases(limit: 100) { total } }')!.total).toBeCloseTo(3.5, 10);
    expect(
      cost(
        '{ cases(limit: 100, filter: { minBrokenPromises: 1, currentBuckets: ["M2"] }) { total } }',
      )!.total,
    ).toBeCloseTo(35, 10);
  });

  it('counts the attempts fact read event by event as 10 facts in explore', () => {
    // 2026-01-01 … 2026-01-31: 31 / 30.44 months; RPC_RATE reads the contacts fact:
    // 1 fact by region, 10 by contact hour
    const explore = (dims: string) =>
      cost(
        `{ explore(from: "2026-01-01", to: "2026-01-31", measures: [RPC_RATE], dimensions: [${dims}]) { totalRows } }`,
      )!.total;
    expect(explore('REGION')).toBeCloseTo(31 / 30.44, 10);
    expect(explore('CONTACT_HOUR')).toBeCloseTo((31 / 30.44) * 10, 10);
    // the attempt's team or agent, or a filter on them, reads every attempt too
    expect(explore('TEAM')).toBeCloseTo((31 / 30.44) * 10, 10);
    const filtered = cost(
      '{ explore(from: "2026-01-01", to: "2026-01-31", measures: [RPC_RATE], filter: { channels: ["call"] }) { totalRows } }',
    )!.total;
    expect(filtered).toBeCloseTo((31 / 30.44) * 10, 10);
  });

  it('charges GET /cases.csv as the cases field with a page of all its rows', () => {
    // 3.5 × (1 + 0.15 × (rows / 100 − 1)): 5 000 rows 29.225, 1 000 000 rows 5 252.975
    expect(csvCost(null, 5000)).toBeCloseTo(29.225, 10);
    expect(csvCost(null, 1_000_000)).toBeCloseTo(3.5 * (1 + 0.15 * 9999), 10);
    // a promise filter adds 28 to the weight: (3.5 + 28) × 1 for up to 100 rows
    expect(csvCost({ minBrokenPromises: 1 }, 40)).toBeCloseTo(31.5, 10);
    expect(csvCost(null, 0)).toBe(3.5);
  });

  it('scales a field without a measured growth in proportion to its size', () => {
    // growth defaults to 1: weight 2 × size 3 = 6
    expect(fieldCost({ weight: 2, size: () => 3 }, {})).toBe(6);
    expect(fieldCost({ weight: 2, size: () => 3, growth: 0.5 }, {})).toBe(4);
  });

  it('leaves variables that do not coerce to graphql-js (null: it refuses the operation)', () => {
    expect(
      cost('query ($f: String!) { kpis(from: $f, to: "2026-01-31") { from } }', {}),
    ).toBeNull();
  });
});
