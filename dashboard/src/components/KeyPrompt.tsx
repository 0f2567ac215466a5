/** Asks for the API key when the server answers 401; the key goes to sessionStorage. */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { authState, setKey, subscribe } from '../lib/auth.ts';

export function KeyPrompt() {
  const needed = useSyncExternalStore(subscribe, () => authState().needed);
  const hadKey = useSyncExternalStore(subscribe, () => authState().hasKey);
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (needed) input.current?.focus();
  }, [needed]);
  if (!needed) return null;
  return (
    <div className="overlay">
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="key-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) setKey(value.trim());
          setValue('');
        }}
      >
        <h2 id="key-title">API key required</h2>
        <p>
          {hadKey
            ? 'The API did not accept the key. Enter a valid one.'
            : 'This server requires an API key. It is kept for this browser tab only.'}
        </p>
        <label>
          API key
          <input
            ref={input}
            type="password"
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <button type="submit" disabled={!value.trim()}>
          Continue
        </button>
      </form>
    </div>
  );
}
