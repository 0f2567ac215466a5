/** Loading, empty and error states that say what is happening and what to do. */
import type { ReactNode } from 'react';
import { ApiError } from '../lib/client.ts';
import type { QueryState } from '../lib/useQuery.ts';

export function Loading({ what }: { what: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="state empty" role="status">
      {children}
    </div>
  );
}

const ADVICE: Record<string, string> = {
  unauthorized: 'Enter a valid API key in the prompt.',
  forbidden: 'Your key does not allow this view; ask an administrator for a role that does.',
  bad_input: 'Change the filters above and the view reloads.',
  network: 'Check that the API is running and your network connection, then retry.',
  server: 'Retry in a moment; if it persists, tell the platform team the time it happened.',
};

export function ErrorBox({ error, retry }: { error: Error; retry?: () => void }) {
  const kind = error instanceof ApiError ? error.kind : 'server';
  const message = error instanceof ApiError ? error.message : 'Something went wrong.';
  return (
    <div className="state error" role="alert">
      <strong>{message}</strong> <span>{ADVICE[kind]}</span>
      {retry && kind !== 'bad_input' && (
        <button type="button" onClick={retry}>
          Retry
        </button>
      )}
    </div>
  );
}

/** Renders the right state for a query, or `children(data)` once it has data. */
export function QueryView<T>({
  state,
  what,
  isEmpty,
  empty,
  children,
}: {
  state: QueryState<T> & { retry: () => void };
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (state.status === 'loading') return <Loading what={what} />;
  if (state.status === 'error') return <ErrorBox error={state.error} retry={state.retry} />;
  if (isEmpty?.(state.data))
    return (
      <Empty>
        {empty ?? `No ${what} for these filters. Widen the date range or clear a filter.`}
      </Empty>
    );
  return <>{children(state.data)}</>;
}
