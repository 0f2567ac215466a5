/**
 * The API key, when the server requires one (HTTP 401): asked once, kept in
 * sessionStorage (gone when the tab closes), sent as `Authorization: Bearer`.
 */
const STORAGE_KEY = 'collections.apiKey';

type Listener = () => void;
const listeners = new Set<Listener>();
let needed = false;
let version = 0;

export function getKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key);
  needed = false;
  version++;
  emit();
}

/** Called by the client on 401: the app shows the key prompt. */
export function requireKey(): void {
  if (needed) return;
  needed = true;
  emit();
}

export function authState(): { needed: boolean; version: number; hasKey: boolean } {
  return { needed, version, hasKey: getKey() !== null };
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(): void {
  for (const l of listeners) l();
}
