/**
 * Dates the database can hold (validate.ts FIRST_DATE … LAST_DATE): outside them
 * an argument is BAD_USER_INPUT; inside, a period late in the range is answered
 * for that period, not clamped to another one. Fixture: agent A1 makes one call
 * on 2026-03-02 (UTC), so any period in 2299 has no agent at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './testing.ts';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'UTC' });
  await api.insert('agent_registered', [
    { event_id: 'r1', occurred_at: '2026-01-01 00:00:00', agent_id: 'A1', name: 'Ann', team: 'T' },
  ]);
  await api.insert('contact_attempt', [
    {
      event_id: 'c1',
      occurred_at: '2026-03-02 10:00:00',
      agent_id: 'A1',
      case_id: 'K1',
      channel: 'call',
      outcome: 'right_party_contact',
    },
  ]);
});
afterAll(() => api.dispose());

const AGENTS = `query ($from: String!, $to: String!) {
  agentPerformance(from: $from, to: $to) { total rows { agentId attempts } }
}`;

describe('date arguments', () => {
  it('answers a period in 2299 for that period (toStartOfMonth saturated at 2149-06-06)', async () => {
    const late = await api.data<{ agentPerformance: { total: number } }>(AGENTS, {
      from: '2299-12-31',
      to: '2299-12-31',
    });
    expect(late.agentPerformance.total).toBe(0);
    const mid = await api.data<{ agentPerformance: { total: number } }>(AGENTS, {
      from: '2299-01-15',
      to: '2299-12-31',
    });
    expect(mid.agentPerformance.total).toBe(0);
    // the fixture's call is still found where it is
    const real = await api.data<{ agentPerformance: { rows: { attempts: number }[] } }>(AGENTS, {
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(real.agentPerformance.rows).toEqual([{ agentId: 'A1', attempts: 1 }]);
  });

  it.each([
    ['0001-01-01', '9999-12-31', 'from must be from 1900-01-01 to 2299-12-31, got 0001-01-01.'],
    ['2026-01-01', '2300-01-01', 'to must be from 1900-01-01 to 2299-12-31, got 2300-01-01.'],
    ['1899-12-31', '2026-01-01', 'from must be from 1900-01-01 to 2299-12-31, got 1899-12-31.'],
  ])('refuses kpis from %s to %s as BAD_USER_INPUT', async (from, to, message) => {
    const result = await api.run(`{ kpis(from: "${from}", to: "${to}") { from } }`);
    expect(result.errors).toEqual([
      expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
    expect(api.logged).toEqual([]);
  });

  it('refuses a month outside the range', async () => {
    const result = await api.run(
      `{ rollRates(fromMonth: "1899-12", toMonth: "2026-01") { pooledUnobserved } }`,
    );
    expect(result.errors?.[0]).toMatchObject({
      message: 'fromMonth must be from 1900-01 to 2299-12, got 1899-12.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('accepts kpis at both ends of the range', async () => {
    const kpis = (from: string, to: string) =>
      api.run(`{ kpis(from: "${from}", to: "${to}") { kpis { name value } } }`);
    expect((await kpis('1900-01-01', '1900-01-31')).errors).toBeUndefined();
    // 2299-12 passes the date check; kpis then says the period is after the data (not zeros).
    expect((await kpis('2299-12-01', '2299-12-31')).errors).toEqual([
      expect.objectContaining({
        message:
          'The period 2299-12-01 … 2299-12-31 starts after the data as-of date 2026-03-02: nothing is loaded for it yet.',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
  });
});
