/** The page registry: every page is its own lazy chunk so the first render stays small. */
import { lazy, type ComponentType } from 'react';
import type { Filters } from './lib/filters.ts';

export interface PageProps {
  filters: Filters;
  params: URLSearchParams;
  /** Merge page-specific URL params (null deletes one); `replace` skips a history entry. */
  setParams: (changes: Record<string, string | null>, replace?: boolean) => void;
}

export interface PageDef {
  id: string;
  title: string;
  audience: string;
  /** Whether the page's queries take the PortfolioFilter (docs/api.md). */
  portfolioFilter: boolean;
  /** Whether the page needs the global filter bar at all. */
  filters: boolean;
  component: ComponentType<PageProps>;
}

export const PAGES: PageDef[] = [
  {
    id: 'overview',
    title: 'Overview',
    audience: 'Management',
    portfolioFilter: true,
    filters: true,
    component: lazy(() => import('./features/overview/OverviewPage.tsx')),
  },
  {
    id: 'roll-rates',
    title: 'Roll rates',
    audience: 'Risk',
    portfolioFilter: true,
    filters: true,
    component: lazy(() => import('./features/roll-rates/RollRatesPage.tsx')),
  },
  {
    id: 'forecast',
    title: 'Forecast',
    audience: 'Risk',
    portfolioFilter: true,
    filters: true,
    component: lazy(() => import('./features/forecast/ForecastPage.tsx')),
  },
  {
    id: 'agents',
    title: 'Agents & teams',
    audience: 'Operations',
    portfolioFilter: false,
    filters: true,
    component: lazy(() => import('./features/agents/AgentsPage.tsx')),
  },
  {
    id: 'outcomes',
    title: 'Outcomes',
    audience: 'Operations',
    portfolioFilter: true,
    filters: true,
    component: lazy(() => import('./features/outcomes/OutcomesPage.tsx')),
  },
  {
    id: 'strategies',
    title: 'Strategies',
    audience: 'Strategy teams',
    portfolioFilter: false,
    filters: true,
    component: lazy(() => import('./features/strategies/StrategiesPage.tsx')),
  },
  {
    id: 'cure',
    title: 'Cure',
    audience: 'Risk',
    portfolioFilter: true,
    filters: true,
    component: lazy(() => import('./features/cure/CurePage.tsx')),
  },
  {
    id: 'vintages',
    title: 'Vintages',
    audience: 'Risk',
    portfolioFilter: true,
    filters: true,
    component: lazy(() => import('./features/vintages/VintagesPage.tsx')),
  },
  {
    id: 'channels',
    title: 'Channels & compliance',
    audience: 'Operations',
    portfolioFilter: true,
    filters: true,
    component: lazy(() => import('./features/channels/ChannelsPage.tsx')),
  },
  {
    id: 'plans-legal',
    title: 'Plans & legal',
    audience: 'Operations',
    portfolioFilter: false,
    filters: true,
    component: lazy(() => import('./features/plans-legal/PlansLegalPage.tsx')),
  },
  {
    id: 'cases',
    title: 'Cases',
    audience: 'Analysts',
    portfolioFilter: true,
    filters: true,
    component: lazy(() => import('./features/cases/CasesPage.tsx')),
  },
  {
    id: 'explorer',
    title: 'Explorer',
    audience: 'Analysts',
    portfolioFilter: false,
    filters: false,
    component: lazy(() => import('./features/explorer/ExplorerPage.tsx')),
  },
];
