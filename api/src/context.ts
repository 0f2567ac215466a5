/** What every resolver gets: the database, the configuration, who asks, and a request id for tracing. */
import type { ApiRole, Db, Env } from '@collections/schema';
import type { Serving } from './serving/serving.ts';

export interface ApiContext {
  readonly db: Db;
  readonly env: Env;
  /** The caller's role; without API_KEYS (loopback only) every caller is `admin`. */
  readonly role: ApiRole;
  /** Request id; ClickHouse query ids derive from it so a slow query can be traced and killed. */
  readonly requestId: string;
  /** The request's estimated cost (limits/cost.ts), set at admission before execution. */
  cost?: number;
  /** The HTTP server's cache, scheduler and limits; absent in unit tests (queries run directly). */
  readonly serving?: Serving;
  /** Fairness unit of the scheduler: a digest of the API key, or "local". */
  readonly caller?: string;
  /** Fires when the client hung up: its waiting queries are dropped, running ones cancelled. */
  readonly signal?: AbortSignal;
}
