/**
 * The global filters (date range; portfolio, product, region, risk grade picked
 * from the API's `dimensions`), applied to the URL.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useDimensions } from '../lib/dimensions.ts';
import { LIST_KEYS, type Filters } from '../lib/filters.ts';
import { MultiSelect } from './MultiSelect.tsx';

const LABELS: Record<keyof typeof LIST_KEYS, string> = {
  portfolios: 'Portfolio',
  products: 'Product',
  regions: 'Region',
  riskGrades: 'Risk grade',
};

export function FilterBar({
  filters,
  onApply,
  portfolioFilterApplies,
}: {
  filters: Filters;
  onApply: (f: Filters) => void;
  portfolioFilterApplies: boolean;
}) {
  const [draft, setDraft] = useState(filters);
  const dims = useDimensions();
  useEffect(() => setDraft(filters), [filters]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };

  return (
    <form className="filters" onSubmit={submit} aria-label="Filters">
      <label>
        From
        <input
          type="date"
          name="from"
          required
          value={draft.from}
          max={draft.to}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
      </label>
      <label>
        To
        <input
          type="date"
          name="to"
          required
          value={draft.to}
          min={draft.from}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
      </label>
      {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((k) => (
        <MultiSelect
          key={k}
          label={LABELS[k]}
          name={LIST_KEYS[k]}
          options={dims?.[k] ?? null}
          selected={draft[k]}
          onChange={(v) => setDraft({ ...draft, [k]: v })}
          disabled={!portfolioFilterApplies}
        />
      ))}
      <button type="submit">Apply</button>
      {!portfolioFilterApplies && (
        <p className="note">
          This page's figures cover the whole book: its API query takes the date range only.
        </p>
      )}
    </form>
  );
}
