import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.dispose());

const QUERY = `{ dimensions { portfolios products regions riskGrades segments strategies experiments teams
  agents { agentId name team } } }`;

const opened = (
  event_id: string,
  account_id: string,
  occurred_at: string,
  portfolio: string,
  risk_grade = '',
) => ({
  event_id,
  occurred_at,
  account_id,
  customer_hash: 'h',
  product: 'credit_card',
  portfolio,
  region: 'north',
  opened_on: '2025-01-01',
  principal: '1.00',
  risk_grade,
});

describe('dimensions', () => {
  it('is empty lists before anything is loaded', async () => {
    const d = (await api.data<{ dimensions: Record<string, unknown[]> }>(QUERY)).dimensions;
    expect(Object.values(d).every((list) => list.length === 0)).toBe(true);
  });

  it('lists distinct non-empty values, sorted, from any account record and the latest record of each agent', async () => {
    await api.insert('account_opened', [
      // a1 was re-registered into "sme"; its older "retail" value is still listed (any value seen).
      opened('o1', 'a1', '2025-01-01 00:00:00.000', 'retail', 'B'),
      opened('o2', 'a1', '2025-02-01 00:00:00.000', 'sme', 'B'),
      opened('o3', 'a2', '2025-01-01 00:00:00.000', 'cards', ''),
      opened('o4', 'a3', '2025-01-01 00:00:00.000', 'cards', 'A'),
    ]);
    const kase = (event_id: string, strategy: string, experiment: string, segment: string) => ({
      event_id,
      occurred_at: '2026-01-01 00:00:00.000',
      case_id: event_id,
      account_id: 'a1',
      strategy,
      experiment,
      segment,
      entry_dpd: 5,
      entry_balance: '1.00',
    });
    await api.insert('case_opened', [
      kase('c1', 'sms_first', 'exp1', 'willing_able'),
      kase('c2', 'early_call', 'exp1', ''),
      kase('c3', 'early_call', '', 'unwilling_able'),
    ]);
    await api.insert('agent_registered', [
      {
        event_id: 'g1',
        occurred_at: '2025-01-01 00:00:00.000',
        agent_id: 'ag2',
        name: 'Li Wei',
        team: 'alpha',
      },
      {
        event_id: 'g2',
        occurred_at: '2025-01-01 00:00:00.000',
        agent_id: 'ag1',
        name: 'Ann Lee',
        team: 'beta',
      },
      {
        event_id: 'g3',
        occurred_at: '2025-06-01 00:00:00.000',
        agent_id: 'ag1',
        name: 'Ann Lee',
        team: 'alpha',
      },
    ]);
    expect((await api.data(QUERY)).dimensions).toEqual({
      portfolios: ['cards', 'retail', 'sme'],
      products: ['credit_card'],
      regions: ['north'],
      riskGrades: ['A', 'B'],
      segments: ['unwilling_able', 'willing_able'],
      strategies: ['early_call', 'sms_first'],
      experiments: ['exp1'],
      teams: ['alpha'],
      agents: [
        { agentId: 'ag1', name: 'Ann Lee', team: 'alpha' },
        { agentId: 'ag2', name: 'Li Wei', team: 'alpha' },
      ],
    });
  });
});

describe('dimensions.channels', () => {
  it('lists the contact channels the filter takes, sorted, loaded data or not', async () => {
    const { dimensions } = await api.data<{ dimensions: { channels: string[] } }>(
      '{ dimensions { channels } }',
    );
    expect(dimensions.channels).toEqual([
      'app_push',
      'call',
      'email',
      'field_visit',
      'ivr',
      'letter',
      'sms',
    ]);
  });
});
