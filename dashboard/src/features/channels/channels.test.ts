import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/client.ts';
import { channelRows, isForbidden, ruleLabel } from './channels.ts';

describe('channelRows', () => {
  it('keeps the API’s rates and adds the ratios it does not return', () => {
    // call: 200 attempts, 20 promises (0.1); cost 300 → 1.5 per attempt, 10 payments → 30 per
    // payment. contactRate / rpcRate / costToCollect are the API's, passed through as given.
    const [call, letter] = channelRows([
      {
        channel: 'call',
        attempts: 200,
        contacts: 80,
        rpcs: 50,
        promises: 20,
        payments: 10,
        amountCollected: 6000,
        cost: 300,
        contactRate: 0.4,
        rpcRate: 0.25,
        costToCollect: 0.05,
      },
      {
        channel: 'letter',
        attempts: 0,
        contacts: 0,
        rpcs: 0,
        promises: 0,
        payments: 0,
        amountCollected: 0,
        cost: 0,
        contactRate: 0,
        rpcRate: 0,
        costToCollect: null,
      },
    ]);
    expect(call).toMatchObject({
      contactRate: 0.4,
      rpcRate: 0.25,
      promiseRate: 0.1,
      costPerAttempt: 1.5,
      costPerPayment: 30,
      costToCollect: 0.05,
    });
    // nothing attempted: rates 0, costs per unit undefined
    expect(letter).toMatchObject({
      contactRate: 0,
      costPerAttempt: null,
      costPerPayment: null,
      costToCollect: null,
    });
  });
});

describe('compliance helpers', () => {
  it('labels rules and recognises FORBIDDEN', () => {
    expect(ruleLabel('OUTSIDE_HOURS')).toBe('Outside hours');
    expect(ruleLabel('SOME_RULE')).toBe('some rule');
    expect(isForbidden(new ApiError('forbidden', 'no'))).toBe(true);
    expect(isForbidden(new ApiError('server', 'x'))).toBe(false);
    expect(isForbidden(new Error('x'))).toBe(false);
  });
});
