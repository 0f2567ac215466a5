/** CURRENCY (README configuration table): an ISO 4217 code, CNY by default. */
import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.ts';
import { PlatformError } from './errors.ts';

describe('CURRENCY', () => {
  it('defaults to CNY and takes any ISO 4217 code', () => {
    expect(loadEnv({}).CURRENCY).toBe('CNY');
    expect(loadEnv({ CURRENCY: '' }).CURRENCY).toBe('CNY');
    expect(loadEnv({ CURRENCY: 'USD' }).CURRENCY).toBe('USD');
    expect(loadEnv({ CURRENCY: 'EUR' }).CURRENCY).toBe('EUR');
  });

  it.each(['usd', 'US$', 'ABC', 'YUAN'])('rejects %s with a readable CONFIG_INVALID', (value) => {
    let error: unknown;
    try {
      loadEnv({ CURRENCY: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).code).toBe('CONFIG_INVALID');
    expect((error as PlatformError).message).toContain(
      'CURRENCY: must be an ISO 4217 currency code',
    );
  });
});
