import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'Asia/Shanghai', CURRENCY: 'EUR' });
});
afterAll(() => api.dispose());

const QUERY = '{ asOf { instant date } }';

describe('asOf (docs/metrics/README.md#as-of)', () => {
  it('is null before anything is loaded', async () => {
    expect(await api.data(QUERY)).toEqual({ asOf: { instant: null, date: null } });
  });

  it('is the latest occurred_at of any event type, dated in REPORT_TZ', async () => {
    await api.insert('payment', [
      {
        event_id: 'p1',
        occurred_at: '2026-03-31 15:59:59.000',
        payment_id: 'p1',
        account_id: 'a',
        amount: '1.00',
      },
    ]);
    // 2026-03-31T16:30Z is already 1 April in Shanghai (UTC+8); it is the latest event.
    await api.insert('contact_attempt', [
      {
        event_id: 'c1',
        occurred_at: '2026-03-31 16:30:00.250',
        case_id: 'k',
        channel: 'sms',
        outcome: 'delivered',
      },
    ]);
    expect(await api.data(QUERY)).toEqual({
      asOf: { instant: '2026-03-31T16:30:00.250Z', date: '2026-04-01' },
    });
  });

  it('names the currency of every amount (CURRENCY), so that every page can label its amounts', async () => {
    expect(await api.data('{ asOf { currency } }')).toEqual({ asOf: { currency: 'EUR' } });
  });
});
