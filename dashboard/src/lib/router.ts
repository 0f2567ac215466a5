/**
 * Hash routing: `#/<page>?<params>`. Works behind any static server (no
 * fallback rule needed) and keeps the whole view, filters included, in the URL.
 */
import { useSyncExternalStore } from 'react';

export interface Route {
  page: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const q = h.indexOf('?');
  const page = (q < 0 ? h : h.slice(0, q)) || 'overview';
  return { page, params: new URLSearchParams(q < 0 ? '' : h.slice(q + 1)) };
}

export function formatHash(page: string, params: URLSearchParams): string {
  const s = params.toString();
  return `#/${page}${s ? `?${s}` : ''}`;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

/** Navigate with a history entry; `replace` keeps the browser history free of intermediate states. */
export function go(page: string, params: URLSearchParams, replace = false): void {
  const hash = formatHash(page, params);
  if (hash === window.location.hash) return;
  if (replace) history.replaceState(null, '', hash);
  else history.pushState(null, '', hash);
  // Notified here, inside the caller's event, not later by the browser: a controlled
  // checkbox that navigates re-renders checked in the same click instead of
  // flickering back until an asynchronous hashchange arrives.
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
