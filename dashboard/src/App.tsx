/** The shell: navigation, global filters from the URL, the key prompt, the current page. */
import { Suspense, useCallback, useEffect, useMemo } from 'react';
import { FilterBar } from './components/FilterBar.tsx';
import { KeyPrompt } from './components/KeyPrompt.tsx';
import { Empty, ErrorBox, Loading } from './components/States.tsx';
import { gql } from './lib/client.ts';
import { LIST_KEYS, parseFilters, writeFilters, type Filters } from './lib/filters.ts';
import { setCurrency } from './lib/money.ts';
import { defaultRangeFor } from './lib/periods.ts';
import { AsOfQuery } from './lib/queries.ts';
import { go, parseHash, useHash } from './lib/router.ts';
import { useQuery } from './lib/useQuery.ts';
import { PAGES } from './pages.ts';

export function App() {
  const route = parseHash(useHash());
  const page = PAGES.find((p) => p.id === route.page);
  const asOf = useQuery('asOf', (signal) => gql(AsOfQuery, {}, signal));
  // Before any page renders an amount: every amount carries the API's currency.
  if (asOf.status === 'success') setCurrency(asOf.data.asOf.currency);

  return (
    <div className="app">
      {/* Not a plain #main link: the route lives in the hash. */}
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="top">
        <h1>Collections analytics</h1>
        {asOf.status === 'success' && asOf.data.asOf.date && (
          <span className="asof">Data as of {asOf.data.asOf.date}</span>
        )}
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a
                  href={`#/${p.id}?${carryFilters(route.params)}`}
                  aria-current={p.id === page?.id ? 'page' : undefined}
                >
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <KeyPrompt />
      <main id="main" tabIndex={-1}>
        {!page ? (
          <Empty>
            No page “{route.page}”. <a href="#/overview">Go to the overview</a>.
          </Empty>
        ) : !page.filters ? (
          <Suspense fallback={<Loading what={page.title} />}>
            <page.component
              filters={EMPTY_FILTERS}
              asOf={asOf.status === 'success' ? (asOf.data.asOf.date ?? '') : ''}
              params={route.params}
              setParams={() => {}}
            />
          </Suspense>
        ) : asOf.status === 'loading' ? (
          <Loading what="the data's as-of date" />
        ) : asOf.status === 'error' ? (
          <ErrorBox error={asOf.error} retry={asOf.retry} />
        ) : !asOf.data.asOf.date ? (
          <Empty>
            No data is loaded yet. Load event files with <code>pnpm etl load PATH</code> (or start
            the demo with <code>pnpm start</code>), then reload this page.
          </Empty>
        ) : (
          <FilteredPage pageId={page.id} params={route.params} asOfDate={asOf.data.asOf.date} />
        )}
      </main>
    </div>
  );
}

const EMPTY_FILTERS: Filters = {
  from: '',
  to: '',
  portfolios: [],
  products: [],
  regions: [],
  riskGrades: [],
};

/**
 * The portfolio filters travel between pages; the date range does not (each page
 * opens on the months that suit it, lib/periods.ts), nor do page-specific params.
 */
function carryFilters(params: URLSearchParams): string {
  const keep = new URLSearchParams();
  for (const k of Object.values(LIST_KEYS)) {
    const v = params.get(k);
    if (v) keep.set(k, v);
  }
  return keep.toString();
}

function FilteredPage({
  pageId,
  params,
  asOfDate,
}: {
  pageId: string;
  params: URLSearchParams;
  asOfDate: string;
}) {
  const page = PAGES.find((p) => p.id === pageId)!;
  const key = params.toString();
  const defaults = useMemo(() => defaultRangeFor(page.range, asOfDate), [page.range, asOfDate]);
  const filters = useMemo(() => parseFilters(new URLSearchParams(key), defaults), [key, defaults]);
  const isDefault = filters.from === defaults.from && filters.to === defaults.to;
  // The opened range goes into the URL (replacing the entry): the address shares the view as seen.
  useEffect(() => {
    const now = new URLSearchParams(key);
    if (now.get('from') !== filters.from || now.get('to') !== filters.to)
      go(pageId, writeFilters(now, filters), true);
  }, [key, filters, pageId]);
  const setParams = useCallback(
    (changes: Record<string, string | null>, replace = false) => {
      const next = new URLSearchParams(key);
      for (const [k, v] of Object.entries(changes))
        if (v === null) next.delete(k);
        else next.set(k, v);
      go(pageId, next, replace);
    },
    [key, pageId],
  );
  return (
    <>
      <div className="page-head">
        <h2 className="page-title">{page.title}</h2>
        <span className="audience">{page.audience}</span>
        <span className="range-note" data-range={isDefault ? 'default' : 'chosen'}>
          {filters.from} to {filters.to}
          {isDefault ? `: ${defaults.label}` : ` (chosen; the page opens on ${defaults.label})`}
        </span>
      </div>
      <FilterBar
        filters={filters}
        portfolioFilterApplies={page.portfolioFilter}
        onApply={(f) => go(pageId, writeFilters(new URLSearchParams(key), f))}
      />
      <Suspense fallback={<Loading what={page.title} />}>
        <page.component filters={filters} asOf={asOfDate} params={params} setParams={setParams} />
      </Suspense>
    </>
  );
}
