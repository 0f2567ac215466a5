/** The global filters (date range, portfolio, product, region, risk grade), applied to the URL. */
import { useEffect, useState, type FormEvent } from 'react';
import { useDimensions } from '../lib/dimensions.ts';
import { LIST_KEYS, type Filters } from '../lib/filters.ts';

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
  const [draft, setDraft] = useState(() => toDraft(filters));
  const dims = useDimensions();
  useEffect(() => setDraft(toDraft(filters)), [filters]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const split = (s: string) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    onApply({
      from: draft.from,
      to: draft.to,
      portfolios: split(draft.portfolios),
      products: split(draft.products),
      regions: split(draft.regions),
      riskGrades: split(draft.riskGrades),
    });
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
        <label key={k} className={portfolioFilterApplies ? undefined : 'inapplicable'}>
          {LABELS[k]}
          <input
            type="text"
            name={LIST_KEYS[k]}
            placeholder="all"
            title="Comma-separated values; empty = all"
            list={`values-${k}`}
            value={draft[k]}
            onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
          />
          <datalist id={`values-${k}`}>
            {(dims?.[k] ?? []).map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        </label>
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

function toDraft(f: Filters) {
  return {
    from: f.from,
    to: f.to,
    portfolios: f.portfolios.join(', '),
    products: f.products.join(', '),
    regions: f.regions.join(', '),
    riskGrades: f.riskGrades.join(', '),
  };
}
