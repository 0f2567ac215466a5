import { describe, expect, it } from 'vitest';
import { Cancelled, FairScheduler, Refused } from './scheduler.ts';

/** A task that runs until released; records the order in which tasks started. */
function gate() {
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  const task = (name: string) => () =>
    new Promise<string>((resolve) => {
      started.push(name);
      releases.set(name, () => resolve(name));
    });
  const release = async (name: string) => {
    releases.get(name)!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { started, task, release };
}

const options = { lanes: 1, maxQueued: 100, maxQueuedPerCaller: 100, maxWaitMs: 60_000 };

describe('FairScheduler', () => {
  it("serves callers in turn: one key's queue does not starve another", async () => {
    const s = new FairScheduler(options);
    const g = gate();
    const runs = [];
    for (let i = 0; i < 5; i++)
      runs.push(s.run({ caller: 'heavy', request: `h${i}` }, g.task(`heavy${i}`)));
    runs.push(s.run({ caller: 'light', request: 'l0' }, g.task('light0')));
    // heavy0 took the lane at once; FIFO would run light0 sixth, fair queuing runs it next.
    await g.release('heavy0');
    expect(g.started).toEqual(['heavy0', 'light0']);
    for (const name of ['light0', 'heavy1', 'heavy2', 'heavy3', 'heavy4']) await g.release(name);
    await Promise.all(runs);
    s.close();
  });

  it("takes a caller's requests in turn: a request of many queries does not hold up its next small one", async () => {
    const s = new FairScheduler(options);
    const g = gate();
    const runs = [];
    for (let i = 0; i < 4; i++)
      runs.push(s.run({ caller: 'k', request: 'big' }, g.task(`big${i}`)));
    runs.push(s.run({ caller: 'k', request: 'small' }, g.task('small')));
    await g.release('big0');
    expect(g.started).toEqual(['big0', 'small']);
    for (const name of ['small', 'big1', 'big2', 'big3']) await g.release(name);
    await Promise.all(runs);
    s.close();
  });

  it('refuses beyond the total queue (503) and beyond a caller’s share (429), and counts them', async () => {
    const refused: string[] = [];
    const s = new FairScheduler({
      ...options,
      maxQueued: 2,
      maxQueuedPerCaller: 1,
      onRefused: (r) => refused.push(r),
    });
    const g = gate();
    const running = s.run({ caller: 'a', request: 'r0' }, g.task('a0'));
    const queued = s.run({ caller: 'a', request: 'r1' }, g.task('a1'));
    await expect(s.run({ caller: 'a', request: 'r2' }, g.task('a2'))).rejects.toMatchObject({
      reason: 'caller_queue_full',
    });
    const other = s.run({ caller: 'b', request: 'r3' }, g.task('b0'));
    await expect(s.run({ caller: 'c', request: 'r4' }, g.task('c0'))).rejects.toBeInstanceOf(
      Refused,
    );
    expect(refused).toEqual(['caller_queue_full', 'queue_full']);
    for (const name of ['a0', 'b0', 'a1']) await g.release(name);
    await Promise.all([running, queued, other]);
    s.close();
  });

  it('refuses a query that waited longer than the bound, and reports the oldest wait', async () => {
    let now = 0;
    const s = new FairScheduler({ ...options, maxWaitMs: 100, now: () => now });
    const g = gate();
    const running = s.run({ caller: 'a', request: 'r0' }, g.task('a0'));
    const waiting = s.run({ caller: 'b', request: 'r1' }, g.task('b0'));
    now = 250;
    expect(s.oldestWaitMs()).toBe(250);
    await expect(waiting).rejects.toMatchObject({ reason: 'wait_exceeded' });
    expect(s.queued).toBe(0);
    await g.release('a0');
    await running;
    expect(g.started).toEqual(['a0']);
    s.close();
  });

  it('drops a waiting query whose caller hung up: it never starts', async () => {
    const s = new FairScheduler(options);
    const g = gate();
    const running = s.run({ caller: 'a', request: 'r0' }, g.task('a0'));
    const hangUp = new AbortController();
    const waiting = s.run({ caller: 'b', request: 'r1' }, g.task('b0'), hangUp.signal);
    expect(s.queued).toBe(1);
    hangUp.abort();
    await expect(waiting).rejects.toBeInstanceOf(Cancelled);
    expect(s.queued).toBe(0);
    await g.release('a0');
    await running;
    expect(g.started).toEqual(['a0']);
    s.close();
  });

  it('runs up to `lanes` queries at once, each on its own lane', async () => {
    const s = new FairScheduler({ ...options, lanes: 2 });
    const lanes: number[] = [];
    const g = gate();
    const runs = ['x', 'y', 'z'].map((n) =>
      s.run({ caller: n, request: n }, (lane) => {
        lanes.push(lane);
        return g.task(n)();
      }),
    );
    expect(s.running).toBe(2);
    expect(lanes).toEqual([0, 1]);
    await g.release('x');
    expect(lanes).toEqual([0, 1, 0]);
    for (const n of ['y', 'z']) await g.release(n);
    await Promise.all(runs);
    s.close();
  });
});
