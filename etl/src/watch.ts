/**
 * The inbox job: poll a folder and load new event files as they appear. A file
 * is taken once its size and mtime stayed the same for one poll (so a file still
 * being written is not loaded half-way); the ledger (by content hash) makes a
 * file already loaded, before a restart too, a no-op; a file whose bytes cannot be read
 * is quarantined once and then skipped like a loaded one.
 */
import { statSync } from 'node:fs';
import type { Db } from '@collections/schema';
import { discover } from './files.ts';
import { unreadableError } from './failures.ts';
import { loadPaths, type LoadOptions, type LoadSummary } from './load/index.ts';

export interface WatchOptions extends LoadOptions {
  readonly intervalMs?: number;
  /** Awaited before the next poll: work after a load (re-scoring) never overlaps the next load. */
  readonly onLoad?: (summary: LoadSummary) => void | Promise<void>;
  readonly onError?: (err: unknown) => void;
}

export function watchInbox(
  db: Db,
  dir: string,
  options: WatchOptions = {},
): { stop(): Promise<void> } {
  const interval = options.intervalMs ?? 2000;
  const seen = new Map<string, string>(); // path → "size:mtime" of the last poll
  const handled = new Set<string>(); // "path:size:mtime" already loaded in this process
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  // Stopping ends a wait for the lease (another loader holds the database) at once.
  const stopping = new AbortController();
  const loadOptions: LoadOptions = {
    ...options,
    lease: { ...options.lease, signal: stopping.signal },
  };

  const poll = async () => {
    const stable: string[] = [];
    let files: string[] = [];
    try {
      files = discover([dir]).files.map((f) => f.path);
    } catch (err) {
      options.onError?.(err);
    }
    for (const file of files) {
      let stamp: string;
      try {
        const st = statSync(file);
        stamp = `${st.size}:${st.mtimeMs}`;
      } catch {
        continue;
      }
      const key = `${file}:${stamp}`;
      if (handled.has(key)) continue;
      if (seen.get(file) === stamp) stable.push(file);
      seen.set(file, stamp);
    }
    if (stable.length === 0) return;
    try {
      const summary = await loadPaths(db, stable, loadOptions);
      for (const file of stable) handled.add(`${file}:${seen.get(file)}`);
      await options.onLoad?.(summary);
      // Reported once: an unreadable file is not retried (its bytes are in the ledger).
      const unreadable = unreadableError(summary);
      if (unreadable) options.onError?.(unreadable);
    } catch (err) {
      options.onError?.(err);
    }
  };

  const tick = () => {
    if (stopped) return;
    running = poll().finally(() => {
      if (!stopped) timer = setTimeout(tick, interval);
    });
  };
  tick();

  return {
    async stop() {
      stopped = true;
      stopping.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
