import { describe, expect, it } from 'vitest';
import { AnswerCache, answerKey } from './answer-cache.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const key = (over: Partial<Parameters<typeof answerKey>[0]> = {}) =>
  answerKey({ field: 'kpis', args: { from: 'a', to: 'b' }, role: 'viewer', version: '1', ...over });

describe('answerKey', () => {
  it('normalises arguments: member order and null members do not matter', () => {
    expect(
      answerKey({
        field: 'kpis',
        args: { to: 'b', from: 'a', filter: null },
        role: 'viewer',
        version: '1',
      }),
    ).toBe(key());
  });

  it('differs by field, arguments, role and data version', () => {
    const keys = [
      key(),
      key({ field: 'rollRates' }),
      key({ args: { from: 'a', to: 'c' } }),
      key({ role: 'analyst' }),
      key({ version: '2' }),
    ];
    expect(new Set(keys).size).toBe(5);
  });
});

describe('AnswerCache', () => {
  it('executes identical concurrent requests once (single flight), then answers from the cache', async () => {
    const cache = new AnswerCache(1_000_000);
    let executions = 0;
    const answer = deferred<number>();
    const compute = () => {
      executions++;
      return answer.promise;
    };
    const first = cache.get(key(), undefined, compute);
    const second = cache.get(key(), undefined, compute);
    answer.resolve(42);
    expect(await first).toEqual({ value: 42, outcome: 'miss' });
    expect(await second).toEqual({ value: 42, outcome: 'shared' });
    expect(await cache.get(key(), undefined, compute)).toEqual({ value: 42, outcome: 'hit' });
    expect(executions).toBe(1);
  });

  it('does not keep failures: the next request executes again', async () => {
    const cache = new AnswerCache(1_000_000);
    let executions = 0;
    const failing = () => {
      executions++;
      return Promise.reject(new Error('boom'));
    };
    await expect(cache.get(key(), undefined, failing)).rejects.toThrow('boom');
    await expect(cache.get(key(), undefined, failing)).rejects.toThrow('boom');
    expect(executions).toBe(2);
  });

  it('is bounded by bytes: an answer that would overflow pushes out the least recently used', async () => {
    // Each entry: key (~30 chars) + JSON of a 400-char string (402) ≈ 430 bytes; 1 000 bytes hold two.
    const cache = new AnswerCache(1_000);
    const text = 'x'.repeat(400);
    for (const v of ['1', '2', '3'])
      await cache.get(key({ version: v }), undefined, async () => text);
    expect(cache.entries).toBe(2);
    expect(cache.bytes).toBeLessThanOrEqual(1_000);
    expect((await cache.get(key({ version: '1' }), undefined, async () => 'again')).outcome).toBe(
      'miss',
    );
  });

  it('cancels the shared execution only when every waiting request has gone', async () => {
    const cache = new AnswerCache(1_000_000);
    let signal: AbortSignal | undefined;
    const never = (s: AbortSignal) => {
      signal = s;
      return new Promise<never>(() => undefined);
    };
    const a = new AbortController();
    const b = new AbortController();
    const first = cache.get(key(), a.signal, never);
    const second = cache.get(key(), b.signal, never);
    a.abort();
    await expect(first).rejects.toThrow();
    expect(signal?.aborted).toBe(false);
    b.abort();
    await expect(second).rejects.toThrow();
    expect(signal?.aborted).toBe(true);
  });

  it('clear() drops answers, and an execution that began before it does not store its old answer', async () => {
    const cache = new AnswerCache(1_000_000);
    await cache.get(key(), undefined, async () => 'old');
    const slow = deferred<string>();
    const inFlight = cache.get(key({ version: '0' }), undefined, () => slow.promise);
    cache.clear();
    expect(cache.entries).toBe(0);
    slow.resolve('stale');
    await inFlight;
    expect(cache.entries).toBe(0);
  });
});
