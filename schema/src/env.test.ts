import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.ts';
import { engineFor } from './db.ts';
import { PlatformError } from './errors.ts';

describe('loadEnv', () => {
  it('applies the documented defaults', () => {
    const env = loadEnv({});
    expect(env.CHDB_PATH).toBe('./data/chdb');
    expect(env.REPORT_TZ).toBe('UTC');
    expect(env.PORT).toBe(4000);
    expect(env.HOST).toBe('127.0.0.1');
    expect(env.hostIsLoopback).toBe(true);
    expect(env.API_KEYS).toBeUndefined();
    expect(env.PROMISE_GRACE_DAYS).toBe(3);
  });

  it('parses API_KEYS into key → role', () => {
    const env = loadEnv({ API_KEYS: 'k1:viewer, k2:admin' });
    expect([...env.API_KEYS!.entries()]).toEqual([
      ['k1', 'viewer'],
      ['k2', 'admin'],
    ]);
  });

  it('reports every invalid variable in one readable error', () => {
    let error: unknown;
    try {
      loadEnv({
        PORT: 'eighty',
        REPORT_TZ: 'Mars/Olympus',
        API_KEYS: 'k1:root',
        CLICKHOUSE_URL: 'not a url',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PlatformError);
    const { code, message } = error as PlatformError;
    expect(code).toBe('CONFIG_INVALID');
    expect(message).toMatch(/^Invalid configuration:/);
    for (const name of ['PORT', 'REPORT_TZ', 'API_KEYS', 'CLICKHOUSE_URL'])
      expect(message).toContain(`${name}:`);
    expect(message).toContain('IANA time zone');
    expect(message).toContain('key:role');
  });

  it('treats empty strings as unset and knows loopback hosts', () => {
    expect(loadEnv({ CLICKHOUSE_URL: '' }).CLICKHOUSE_URL).toBeUndefined();
    expect(loadEnv({ HOST: '0.0.0.0' }).hostIsLoopback).toBe(false);
    expect(loadEnv({ HOST: 'localhost' }).hostIsLoopback).toBe(true);
  });
});

describe('engineFor', () => {
  it('uses a server when CLICKHOUSE_URL is set and the embedded engine otherwise', () => {
    expect(engineFor(loadEnv({ CLICKHOUSE_URL: 'http://localhost:8123' }))).toBe('server');
    expect(engineFor(loadEnv({}))).toBe('embedded');
  });
});
