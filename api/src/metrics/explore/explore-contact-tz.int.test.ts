/**
 * The contact-side equality of explore-contact.int.test.ts outside UTC: REPORT_TZ
 * Asia/Shanghai (UTC+8), where a UTC day is not a local day, so explore reads the
 * per-event sources (contact_attempt, voice_attempts, promise_facts, payment_facts)
 * while agentPerformance and teamPerformance split the period into whole UTC days
 * (agent_day, agent_month) and edges. Fixture: explore-contact.fixture.ts (its events
 * are 01-05 … 01-20 UTC, so inside January local as well).
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

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi({ ...CONTACT_FIXTURE_ENV, REPORT_TZ: 'Asia/Shanghai' });
  await loadContactFixture(api);
});
afterAll(() => api.dispose());

describe('explore contact-side measures outside UTC', () => {
  it('equals the contact-side named metrics for every figure the catalog claims, on every slice', async () => {
    const tally = new Map<string, number>();
    for (const slice of CONTACT_SLICES) await expectExploreEqualsNamedMetrics(api, slice, tally);
    for (const metric of Object.keys(CONTACT_METRICS))
      expect(tally.get(metric) ?? 0, metric).toBeGreaterThan(20);
  });
});
