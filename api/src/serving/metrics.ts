/**
 * Prometheus metrics (prom-client), one registry per server: HTTP requests,
 * latency per metric (top-level GraphQL field) and cache outcome, the
 * scheduler's queue, the answer cache's hit ratio and size, refused requests,
 * and the process's own (RSS, event loop lag) from collectDefaultMetrics.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CacheOutcome } from './answer-cache.ts';

export interface MetricSources {
  queued(): number;
  running(): number;
  oldestWaitMs(): number;
  cacheBytes(): number;
}

export class ServingMetrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'api_http_requests_total',
    help: 'HTTP requests by route and status code.',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });
  readonly fieldSeconds = new Histogram({
    name: 'api_metric_duration_seconds',
    help: 'Time to resolve a top-level GraphQL field (a metric), by field and cache outcome.',
    labelNames: ['field', 'cache'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly cacheLookups = new Counter({
    name: 'api_answer_cache_lookups_total',
    help: 'Answer cache lookups: hit, miss (executed), shared (joined an identical running execution), response (a whole HTTP answer).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly refused = new Counter({
    name: 'api_refused_total',
    help: 'Queries refused or stopped: queue_full, caller_queue_full, wait_exceeded, cancelled, timeout, memory.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly #counts = { hit: 0, miss: 0, shared: 0, response: 0 };

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry });
    const counts = this.#counts;
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    gauge('api_query_queue_length', 'Database queries waiting in the fair scheduler.', () =>
      sources.queued(),
    );
    gauge('api_query_running', 'Database queries running.', () => sources.running());
    gauge(
      'api_query_queue_oldest_wait_seconds',
      'How long the oldest waiting query has waited.',
      () => sources.oldestWaitMs() / 1000,
    );
    gauge('api_answer_cache_bytes', 'Bytes of answers held by the cache (JSON size).', () =>
      sources.cacheBytes(),
    );
    gauge(
      'api_answer_cache_hit_ratio',
      'Share of lookups answered without executing (hit, shared or response) since start.',
      () => {
        const served = counts.hit + counts.shared + counts.response;
        const all = served + counts.miss;
        return all === 0 ? 0 : served / all;
      },
    );
  }

  cacheLookup(outcome: CacheOutcome | 'response'): void {
    this.#counts[outcome]++;
    this.cacheLookups.inc({ outcome });
  }
}
