/**
 * A multi-select dropdown with search, for one filter dimension: the values come
 * from the API (`dimensions`); none ticked = all. A value in the URL that the
 * data do not have stays visible, marked, so a misspelt filter never reads as zeros.
 */
import { useId, useState } from 'react';
import { matching, summary } from '../lib/multiselect.ts';

export function MultiSelect({
  label,
  name,
  options,
  selected,
  onChange,
  disabled = false,
}: {
  label: string;
  name: string;
  /** null while the API's list is loading. */
  options: readonly string[] | null;
  selected: readonly string[];
  onChange: (next: string[]) => void;
  disabled?: boolean;
}) {
  const [search, setSearch] = useState('');
  const id = useId();
  const known = new Set(options ?? []);
  const unknown = options === null ? [] : selected.filter((v) => !known.has(v));
  const shown = matching([...unknown, ...(options ?? [])], search);
  const toggle = (v: string) =>
    onChange(selected.includes(v) ? selected.filter((x) => x !== v) : [...selected, v]);
  return (
    <div className={`multiselect${disabled ? ' inapplicable' : ''}`} data-filter={name}>
      <span className="multiselect-label" id={`${id}-label`}>
        {label}
      </span>
      <details>
        <summary aria-labelledby={`${id}-label ${id}-summary`}>
          <span id={`${id}-summary`}>{summary(selected)}</span>
        </summary>
        <div className="multiselect-pop" role="group" aria-label={`${label} values`}>
          <input
            type="search"
            aria-label={`Search ${label.toLowerCase()}`}
            placeholder="Search…"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          {options === null && <p className="hint">Loading the values…</p>}
          <ul>
            {shown.map((v) => (
              <li key={v}>
                <label>
                  <input
                    type="checkbox"
                    name={name}
                    value={v}
                    checked={selected.includes(v)}
                    onChange={() => toggle(v)}
                  />
                  {v || '(none)'}
                  {!known.has(v) && options !== null && (
                    <span className="warn"> — not in the data</span>
                  )}
                </label>
              </li>
            ))}
          </ul>
          {selected.length > 0 && (
            <button type="button" onClick={() => onChange([])}>
              Clear (all)
            </button>
          )}
        </div>
      </details>
    </div>
  );
}
