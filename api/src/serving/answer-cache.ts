/**
 * Resolved answers, kept until the data changes. Data changes only when a load
 * commits, so an answer keyed by (field, normalised arguments, role, data
 * version) stays right until the version moves; `clear()` then drops the old
 * ones. Bounded by bytes (lru-cache maxSize + sizeCalculation on the answer's
 * JSON). Identical concurrent requests share one execution (single flight); the
 * execution is cancelled only when every request waiting for it has gone.
 */
import { LRUCache } from 'lru-cache';

export type CacheOutcome = 'hit' | 'miss' | 'shared';

interface Flight {
  readonly promise: Promise<unknown>;
  readonly controller: AbortController;
  waiters: number;
}

/** JSON with object keys sorted and null/undefined members dropped: equal arguments, equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const member = (v as Record<string, unknown>)[k];
      if (member !== null && member !== undefined) out[k] = member;
    }
    return out;
  });
}

export function answerKey(parts: {
  field: string;
  args: Record<string, unknown>;
  role: string;
  version: string;
}): string {
  return `${parts.field}\u0000${parts.role}\u0000${parts.version}\u0000${stableJson(parts.args)}`;
}

export class AnswerCache {
  readonly #lru: LRUCache<string, { value: unknown }> | undefined;
  readonly #flights = new Map<string, Flight>();
  /** Bumped by clear(): a flight started before a clear does not store its answer. */
  #generation = 0;

  constructor(maxBytes: number) {
    this.#lru =
      maxBytes > 0
        ? new LRUCache<string, { value: unknown }>({
            maxSize: maxBytes,
            // JSON length is a fair proxy for the retained size (strings dominate the rows).
            sizeCalculation: (entry, key) =>
              Math.max(1, key.length + (JSON.stringify(entry.value)?.length ?? 1)),
          })
        : undefined;
  }

  get bytes(): number {
    return this.#lru?.calculatedSize ?? 0;
  }
  get entries(): number {
    return this.#lru?.size ?? 0;
  }

  /** Changes on every clear(): an answer computed across a clear is not stored. */
  get generation(): number {
    return this.#generation;
  }

  /** A stored answer without executing anything (whole HTTP responses, serving.ts). */
  peek(key: string): unknown {
    return this.#lru?.get(key)?.value;
  }

  /** Store an answer computed in `generation` (dropped when a clear came in between). */
  put(key: string, value: unknown, generation: number): void {
    if (generation === this.#generation) this.#lru?.set(key, { value });
  }

  /** Drop every answer (a load committed). */
  clear(): void {
    this.#generation++;
    this.#lru?.clear();
  }

  /**
   * The answer for `key`: from the cache, from an execution already running for
   * the same key, or from `compute` (given a signal that fires when every waiter left).
   */
  async get(
    key: string,
    signal: AbortSignal | undefined,
    compute: (signal: AbortSignal) => Promise<unknown>,
  ): Promise<{ value: unknown; outcome: CacheOutcome }> {
    const cached = this.#lru?.get(key);
    if (cached) return { value: cached.value, outcome: 'hit' };
    let flight = this.#flights.get(key);
    const outcome: CacheOutcome = flight ? 'shared' : 'miss';
    if (!flight) {
      const controller = new AbortController();
      const generation = this.#generation;
      const promise = compute(controller.signal).then((value) => {
        if (generation === this.#generation) this.#lru?.set(key, { value });
        return value;
      });
      const started: Flight = { promise, controller, waiters: 0 };
      flight = started;
      this.#flights.set(key, started);
      const forget = () => {
        if (this.#flights.get(key) === started) this.#flights.delete(key);
      };
      promise.then(forget, forget);
    }
    return { value: await this.#wait(flight, signal), outcome };
  }

  /** Wait for a flight; leaving (signal) before it lands releases this waiter's hold on it. */
  #wait(flight: Flight, signal: AbortSignal | undefined): Promise<unknown> {
    flight.waiters++;
    if (!signal) return flight.promise.finally(() => flight.waiters--);
    return new Promise((resolve, reject) => {
      const leave = () => {
        flight.waiters--;
        if (flight.waiters === 0) flight.controller.abort();
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      if (signal.aborted) return leave();
      signal.addEventListener('abort', leave, { once: true });
      flight.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          flight.waiters--;
          resolve(value);
        },
        (err: unknown) => {
          signal.removeEventListener('abort', leave);
          flight.waiters--;
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }
}
