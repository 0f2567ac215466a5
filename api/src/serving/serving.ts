/**
 * Serving a department at once (docs/operations.md): every top-level field goes
 * through the answer cache (until the data version moves), every database query
 * through the fair scheduler onto a read lane with time and memory limits, and a
 * client that hangs up cancels its work. One instance per HTTP server.
 */
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { HeaderMap } from '@apollo/server';
import { openReaders, type Db, type Env, type ReaderPool } from '@collections/schema';
import { GraphQLError } from 'graphql';
import type { ApiContext } from '../context.ts';
import type { SqlQuery } from '../query.ts';
import { AnswerCache, answerKey, type CacheOutcome } from './answer-cache.ts';
import { DataVersion } from './data-version.ts';
import { ServingMetrics } from './metrics.ts';
import { Cancelled, FairScheduler, Refused } from './scheduler.ts';
import { dashboardDefaults, WARM_START, type WarmRequest } from './warm.ts';

type ServingEnv = Pick<
  Env,
  | 'API_KEYS'
  | 'ANSWER_CACHE_MB'
  | 'DATA_VERSION_POLL_SECONDS'
  | 'QUERY_MAX_SECONDS'
  | 'QUERY_MAX_MEMORY_MB'
  | 'QUERY_THREAD_PRIORITY'
  | 'QUERY_CONCURRENCY'
  | 'QUERY_QUEUE_MAX'
  | 'QUERY_QUEUE_MAX_PER_CALLER'
  | 'QUERY_QUEUE_MAX_WAIT_SECONDS'
>;

/** Runs one GraphQL operation as `role` (the server's Apollo), for warming. */
export type Operation = (request: WarmRequest, role: ApiContext['role']) => Promise<unknown>;

/** Default lanes: 2 embedded read connections (2 cores), 4 server slots. */
export function defaultLanes(db: Pick<Db, 'engine'>, env: Pick<Env, 'QUERY_CONCURRENCY'>): number {
  return env.QUERY_CONCURRENCY ?? (db.engine === 'embedded' ? 2 : 4);
}

export class Serving {
  readonly cache: AnswerCache;
  readonly scheduler: FairScheduler;
  readonly version: DataVersion;
  readonly metrics: ServingMetrics;
  readonly #readers: ReaderPool;
  readonly #env: ServingEnv;
  #operation: Operation | undefined;
  #warming: Promise<void> | undefined;
  #warmAgain = false;

  constructor(db: Db, env: ServingEnv) {
    this.#env = env;
    this.#readers = openReaders(db, defaultLanes(db, env), {
      maxSeconds: env.QUERY_MAX_SECONDS,
      maxMemoryBytes: env.QUERY_MAX_MEMORY_MB * 1024 * 1024,
      threadPriority: env.QUERY_THREAD_PRIORITY,
    });
    this.cache = new AnswerCache(env.ANSWER_CACHE_MB * 1024 * 1024);
    this.scheduler = new FairScheduler({
      lanes: this.#readers.lanes,
      maxQueued: env.QUERY_QUEUE_MAX,
      maxQueuedPerCaller: env.QUERY_QUEUE_MAX_PER_CALLER,
      maxWaitMs: env.QUERY_QUEUE_MAX_WAIT_SECONDS * 1000,
      onRefused: (reason) => this.metrics.refused.inc({ reason }),
    });
    this.metrics = new ServingMetrics({
      queued: () => this.scheduler.queued,
      running: () => this.scheduler.running,
      oldestWaitMs: () => this.scheduler.oldestWaitMs(),
      cacheBytes: () => this.cache.bytes,
    });
    this.version = new DataVersion(db);
    this.version.onChange(() => {
      this.cache.clear();
      void this.warm();
    });
    if (db.engine === 'server') this.version.poll(env.DATA_VERSION_POLL_SECONDS);
  }

  /** Read the data version, remember how to run operations, and warm the dashboard's defaults. */
  async start(operation: Operation): Promise<void> {
    this.#operation = operation;
    await this.version.refresh();
    void this.warm();
  }

  /** Resolves when no warm-up runs (tests wait for it before holding the lanes). */
  async warmed(): Promise<void> {
    while (this.#warming) await this.#warming;
  }

  /** Roles callers can have: those of the API keys, or admin (open on loopback). */
  #roles(): ApiContext['role'][] {
    const roles = new Set(this.#env.API_KEYS?.values() ?? ['admin' as const]);
    return (['viewer', 'analyst', 'admin'] as const).filter((r) => roles.has(r));
  }

  /** Warm the dashboard's default answers (for each role in use); a warm asked during one runs after it. */
  warm(): Promise<void> {
    if (this.#warming) {
      this.#warmAgain = true;
      return this.#warming;
    }
    this.#warming = this.#warmOnce()
      .catch(() => undefined)
      .finally(() => {
        this.#warming = undefined;
        if (this.#warmAgain) {
          this.#warmAgain = false;
          void this.warm();
        }
      });
    return this.#warming;
  }

  async #warmOnce(): Promise<void> {
    const run = this.#operation;
    if (!run) return;
    for (const role of this.#roles()) {
      const start = (await run(WARM_START, role)) as {
        asOf?: { date?: string | null };
        dimensions?: { experiments?: string[] };
      } | null;
      const asOf = start?.asOf?.date;
      if (!asOf) return;
      for (const request of dashboardDefaults(asOf, start.dimensions?.experiments ?? []))
        await run(request, role);
    }
  }

  /** A top-level field's answer: cached by (field, arguments, role, data version), single flight. */
  async resolveField(
    field: string,
    args: Record<string, unknown>,
    ctx: ApiContext,
    resolve: (ctx: ApiContext) => unknown,
  ): Promise<unknown> {
    const started = performance.now();
    let outcome: CacheOutcome | 'error' = 'error';
    try {
      const key = answerKey({ field, args, role: ctx.role, version: this.version.current });
      const answer = await this.cache.get(key, ctx.signal, async (signal) => {
        // Every query of the answer listens to this signal (one listener each).
        setMaxListeners(0, signal);
        return resolve({ ...ctx, signal });
      });
      outcome = answer.outcome;
      this.metrics.cacheLookup(answer.outcome);
      return answer.value;
    } catch (err) {
      // A request that left while waiting for a shared answer: a cancellation, not a fault.
      throw err instanceof GraphQLError ? err : this.#clientError(err, ctx.signal);
    } finally {
      this.metrics.fieldSeconds.observe(
        { field, cache: outcome },
        (performance.now() - started) / 1000,
      );
    }
  }

  /**
   * A whole successful HTTP answer for an identical request body, role and data
   * version: a dashboard's requests repeat byte for byte, and executing GraphQL over
   * a large cached answer (12 months of roll rates) still costs milliseconds of CPU.
   */
  responseKey(role: ApiContext['role'], body: string): { key: string; generation: number } {
    const digest = createHash('sha256').update(body).digest('base64');
    return {
      key: `http\u0000${role}\u0000${this.version.current}\u0000${digest}`,
      generation: this.cache.generation,
    };
  }

  cachedResponse(key: string): string | undefined {
    const hit = this.cache.peek(key);
    if (typeof hit !== 'string') return undefined;
    this.metrics.cacheLookup('response');
    return hit;
  }

  /** One database query of a request, through the fair scheduler onto a read lane. */
  async query<T>(
    ctx: Pick<ApiContext, 'requestId' | 'caller' | 'signal'>,
    sql: SqlQuery,
    queryId: string,
  ): Promise<T[]> {
    const who = { caller: ctx.caller ?? 'local', request: ctx.requestId };
    try {
      return await this.scheduler.run(
        who,
        (lane) =>
          this.#readers.query<T>(lane, sql.query, sql.query_params, {
            signal: ctx.signal,
            queryId,
          }),
        ctx.signal,
      );
    } catch (err) {
      throw this.#clientError(err, ctx.signal);
    }
  }

  async close(): Promise<void> {
    this.version.stop();
    this.scheduler.close();
    await this.#warming;
    await this.#readers.close();
  }

  /** Limits and overload as errors written for the client; anything else unchanged (masked later). */
  #clientError(err: unknown, signal: AbortSignal | undefined): unknown {
    if (err instanceof Refused) {
      const tooMany = err.reason === 'caller_queue_full';
      return new GraphQLError(err.message, {
        extensions: {
          code: tooMany ? 'TOO_MANY_REQUESTS' : 'SERVICE_UNAVAILABLE',
          http: {
            status: tooMany ? 429 : 503,
            headers: new HeaderMap([['retry-after', String(err.retryAfterSeconds)]]),
          },
        },
      });
    }
    if (err instanceof Cancelled || signal?.aborted) {
      this.metrics.refused.inc({ reason: 'cancelled' });
      return new GraphQLError('The request was cancelled.', { extensions: { code: 'CANCELLED' } });
    }
    const message = err instanceof Error ? err.message : String(err);
    if (/Code: 159\b|TIMEOUT_EXCEEDED/.test(message)) {
      this.metrics.refused.inc({ reason: 'timeout' });
      return new GraphQLError(
        `The query ran longer than ${this.#env.QUERY_MAX_SECONDS} s and was stopped. Ask for a shorter period or a narrower filter.`,
        { extensions: { code: 'QUERY_TIMEOUT' } },
      );
    }
    if (/Code: 241\b|MEMORY_LIMIT_EXCEEDED/.test(message)) {
      this.metrics.refused.inc({ reason: 'memory' });
      return new GraphQLError(
        `The query needed more than ${this.#env.QUERY_MAX_MEMORY_MB} MB and was stopped. Ask for a shorter period or a narrower filter.`,
        { extensions: { code: 'QUERY_TOO_LARGE' } },
      );
    }
    return err;
  }
}
