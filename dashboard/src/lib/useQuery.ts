/** Runs an async fetch when its key changes; loading / error / data, retry, abort. */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { authState, subscribe } from './auth.ts';

export type QueryState<T> =
  { status: 'loading' } | { status: 'error'; error: Error } | { status: 'success'; data: T };

export function useAuthVersion(): number {
  return useSyncExternalStore(subscribe, () => authState().version);
}

export function useQuery<T>(
  key: string,
  fetcher: (signal: AbortSignal) => Promise<T>,
): QueryState<T> & { retry: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const authVersion = useAuthVersion();
  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: 'loading' });
    fetcher(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ status: 'success', data }),
      (error: Error) =>
        !ctl.signal.aborted && error.name !== 'AbortError' && setState({ status: 'error', error }),
    );
    return () => ctl.abort();
    // The key names everything the fetcher depends on.
  }, [key, attempt, authVersion]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, retry };
}
