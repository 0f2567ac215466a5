/**
 * Explore's contact-side measures (docs/metrics/explore.md "Contact, agent and
 * experiment measures") against channelEffectiveness, contactWindows,
 * agentPerformance, teamPerformance, complianceReport and strategyComparison;
 * REPORT_TZ UTC, COMPLIANCE_MAX_PER_DAY 2, COMPLIANCE_MAX_PER_7D 3 (hours 08–22).
 *
 * The fixture and its hand-worked figures: explore-contact.fixture.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';
import {
  CONTACT_FIXTURE_ENV,
  CONTACT_SLICES,
  loadContactFixture,
} from './explore-contact.fixture.ts';
import { CONTACT_METRICS } from './explore.equality-contact.ts';
import { expectExploreEqualsNamedMetrics } from './explore.equality.ts';

const CONTACT = Object.keys(CONTACT_METRICS);

let api: TestApi;
const JANUARY = 'from: "2026-01-01", to: "2026-01-31"';

beforeAll(async () => {
  api = await createTestApi(CONTACT_FIXTURE_ENV);
  await loadContactFixture(api);
});
afterAll(() => api.dispose());

/** explore's rows as [key…, values…]. */
const explore = async (args: string) =>
  (
    await api.data<{
      explore: { rows: { key: string[]; values: { value: number | null }[] }[] };
    }>(`{ explore(${JANUARY}, ${args}) { rows { key values { value } } } }`)
  ).explore.rows.map((r) => [...r.key, ...r.values.map((v) => v.value)]);

describe('explore contact-side measures', () => {
  it('counts violations and voice attempts by agent, as the table above', async () => {
    expect(
      await explore('dimensions: [AGENT], measures: [VIOLATIONS, VOICE_ATTEMPTS, VIOLATION_RATE]'),
    ).toEqual([
      ['', 1, 1, 1],
      ['G1', 2, 4, 0.5],
      ['G2', 0, 2, 0],
    ]);
  });

  it("sums the agents' talk seconds (calls only), from agent_day and from the attempts", async () => {
    expect(await explore('dimensions: [AGENT], measures: [TALK_SECONDS]')).toEqual([
      ['', 0],
      ['G1', 180],
      ['G2', 300],
    ]);
    // north (A1: K1, K3) reads each attempt: G1's calls on K1 120 + 60; G2's field visit 0
    expect(
      await explore(
        'dimensions: [AGENT], filter: { regions: ["north"] }, measures: [TALK_SECONDS]',
      ),
    ).toEqual([
      ['', 0],
      ['G1', 180],
      ['G2', 0],
    ]);
  });

  it("credits payments to the channel of the case's latest attempt within 7 days", async () => {
    expect(
      await explore('dimensions: [CHANNEL], measures: [CREDITED_PAYMENTS, CREDITED_AMOUNT]'),
    ).toEqual([
      ['call', 1, 300],
      ['ivr', 1, 500],
    ]);
  });

  it('gives the 30-day recovery rate and cost per mature case of each arm', async () => {
    expect(
      await explore(
        'dimensions: [STRATEGY], filter: { experiments: ["X1"] }, measures: [RECOVERY_RATE_30D, COST_PER_MATURE_CASE_30D]',
      ),
    ).toEqual([
      ['early_call', 0.5, 5.1],
      ['sms_first', 0.15, 3.5],
    ]);
  });

  it('equals the contact-side named metrics for every figure the catalog claims, on every slice', async () => {
    let compared = 0;
    const tally = new Map<string, number>();
    for (const slice of CONTACT_SLICES)
      compared += await expectExploreEqualsNamedMetrics(api, slice, tally);
    // each metric was compared (on the slices it honours)
    for (const metric of CONTACT) expect(tally.get(metric) ?? 0, metric).toBeGreaterThan(20);
    expect(compared).toBeGreaterThan(300);
  });
});
