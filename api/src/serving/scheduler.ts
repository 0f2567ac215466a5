/**
 * The fair scheduler in front of the database: at most `lanes` queries run at
 * once; waiting queries are served caller by caller so that one API key's many
 * heavy requests cannot starve the others.
 *
 * Fairness is start-time fair queuing over callers: each caller carries a tag,
 * the database time its queries used (in ms); the caller with the lowest tag
 * goes next, and a caller that was idle starts at the tag of the last dispatch
 * (so idling does not bank credit). A caller who sends cheap queries therefore
 * overtakes one whose queries are slow. Inside a caller, its requests take turns
 * (round robin), so one request of hundreds of queries does not hold up the same
 * key's next small request (the request that started fewest queries goes first). Bounds: a total queue length (503), a queue length
 * per caller (429) and a longest wait (503); all refuse with a reason, counted.
 */

export type RefusalReason = 'queue_full' | 'caller_queue_full' | 'wait_exceeded';

/** A query the scheduler refused to start (the caller should retry later). */
export class Refused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'Refused';
  }
}

/** The caller went away before its query started. */
export class Cancelled extends Error {
  constructor() {
    super('The request was cancelled before its query started.');
    this.name = 'Cancelled';
  }
}

export interface SchedulerOptions {
  readonly lanes: number;
  readonly maxQueued: number;
  readonly maxQueuedPerCaller: number;
  readonly maxWaitMs: number;
  readonly now?: () => number;
  readonly onRefused?: (reason: RefusalReason) => void;
}

export interface Who {
  /** Fairness unit: the API key (its digest), or "local" without keys. */
  readonly caller: string;
  /** The request; its queries take turns with the caller's other requests. */
  readonly request: string;
}

interface Job {
  readonly who: Who;
  readonly enqueuedAt: number;
  start(lane: number): void;
  fail(err: Error): void;
}

interface RequestQueue {
  readonly jobs: Job[];
  /** Queries of the request started so far, and still running; kept while any runs or waits. */
  started: number;
  running: number;
}

interface CallerState {
  tag: number;
  queued: number;
  /** Request id → its waiting jobs and how many of its queries started. */
  readonly requests: Map<string, RequestQueue>;
}

export class FairScheduler {
  readonly #options: SchedulerOptions;
  readonly #now: () => number;
  readonly #callers = new Map<string, CallerState>();
  readonly #freeLanes: number[];
  #queued = 0;
  #virtualTime = 0;
  #sweeper: NodeJS.Timeout | undefined;

  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#freeLanes = Array.from({ length: options.lanes }, (_, i) => i);
  }

  get lanes(): number {
    return this.#options.lanes;
  }
  get queued(): number {
    return this.#queued;
  }
  get running(): number {
    return this.#options.lanes - this.#freeLanes.length;
  }

  /** How long the oldest waiting query has waited (ms; 0 when none waits). */
  oldestWaitMs(): number {
    let oldest = Infinity;
    for (const state of this.#callers.values())
      for (const { jobs } of state.requests.values())
        if (jobs[0] && jobs[0].enqueuedAt < oldest) oldest = jobs[0].enqueuedAt;
    return oldest === Infinity ? 0 : this.#now() - oldest;
  }

  /** Run `task` on a free lane when the caller's turn comes; refuses or cancels per the module comment. */
  run<T>(who: Who, task: (lane: number) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new Cancelled());
    const state = this.#caller(who.caller);
    if (this.#queued >= this.#options.maxQueued)
      return this.#refuse(
        'queue_full',
        `The server is busy: ${this.#queued} queries are waiting. Retry in a few seconds.`,
      );
    if (state.queued >= this.#options.maxQueuedPerCaller)
      return this.#refuse(
        'caller_queue_full',
        `Too many queries from your API key are waiting (${state.queued}). Send fewer at once, or retry in a few seconds.`,
      );
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        if (this.#remove(job)) reject(new Cancelled());
      };
      const job: Job = {
        who,
        enqueuedAt: this.#now(),
        start: (lane) => {
          signal?.removeEventListener('abort', onAbort);
          const started = this.#now();
          task(lane)
            .then(resolve, reject)
            .finally(() => {
              state.tag += this.#now() - started;
              const queue = state.requests.get(who.request);
              if (queue && --queue.running === 0 && queue.jobs.length === 0)
                state.requests.delete(who.request);
              this.#freeLanes.push(lane);
              this.#dispatch();
            });
        },
        fail: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (state.queued === 0) state.tag = Math.max(state.tag, this.#virtualTime);
      const queue = state.requests.get(who.request);
      if (queue) queue.jobs.push(job);
      else state.requests.set(who.request, { jobs: [job], started: 0, running: 0 });
      state.queued++;
      this.#queued++;
      this.#dispatch();
      this.#armSweeper();
    });
  }

  /** Stop the wait sweeper (the server is closing). */
  close(): void {
    if (this.#sweeper) clearInterval(this.#sweeper);
    this.#sweeper = undefined;
  }

  #caller(caller: string): CallerState {
    let state = this.#callers.get(caller);
    if (!state) {
      state = { tag: this.#virtualTime, queued: 0, requests: new Map() };
      this.#callers.set(caller, state);
    }
    return state;
  }

  #refuse<T>(reason: RefusalReason, message: string): Promise<T> {
    this.#options.onRefused?.(reason);
    return Promise.reject(new Refused(reason, message, 5));
  }

  #dispatch(): void {
    while (this.#freeLanes.length > 0 && this.#queued > 0) {
      let next: CallerState | undefined;
      for (const state of this.#callers.values())
        if (state.queued > 0 && (!next || state.tag < next.tag)) next = state;
      if (!next) return;
      const job = this.#takeFrom(next);
      this.#virtualTime = next.tag;
      // Charge a started query at least 1 ms at once, so that a caller whose query is
      // still running does not tie with one that waits (its real time is added at the end).
      next.tag += 1;
      job.start(this.#freeLanes.shift()!);
    }
  }

  /** The next job of a caller: from its request that started fewest queries (first come on a tie). */
  #takeFrom(state: CallerState): Job {
    let pick: [string, RequestQueue] | undefined;
    for (const entry of state.requests.entries())
      if (entry[1].jobs.length > 0 && (!pick || entry[1].started < pick[1].started)) pick = entry;
    const [, queue] = pick!;
    const job = queue.jobs.shift()!;
    queue.started++;
    queue.running++;
    state.queued--;
    this.#queued--;
    return job;
  }

  /** Take a waiting job out of the queue; false when it already started. */
  #remove(job: Job): boolean {
    const state = this.#callers.get(job.who.caller);
    const queue = state?.requests.get(job.who.request);
    const i = queue?.jobs.indexOf(job) ?? -1;
    if (!state || !queue || i < 0) return false;
    queue.jobs.splice(i, 1);
    if (queue.jobs.length === 0 && queue.running === 0) state.requests.delete(job.who.request);
    state.queued--;
    this.#queued--;
    return true;
  }

  /** Refuse queries that waited longer than maxWaitMs; checks twice per bound. */
  #armSweeper(): void {
    if (this.#sweeper) return;
    const period = Math.max(50, Math.floor(this.#options.maxWaitMs / 2));
    this.#sweeper = setInterval(() => {
      const limit = this.#now() - this.#options.maxWaitMs;
      for (const state of this.#callers.values())
        for (const { jobs } of [...state.requests.values()])
          for (const job of jobs.filter((j) => j.enqueuedAt < limit)) {
            this.#remove(job);
            this.#options.onRefused?.('wait_exceeded');
            job.fail(
              new Refused(
                'wait_exceeded',
                `The server is busy: the query waited ${Math.round(this.#options.maxWaitMs / 1000)} s without starting. Retry in a few seconds.`,
                5,
              ),
            );
          }
      if (this.#queued === 0) this.close();
    }, period);
    this.#sweeper.unref();
  }
}
