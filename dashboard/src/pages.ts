/** The page registry: every page is its own lazy chunk so the first render stays small. */
import { lazy, type ComponentType } from 'react';
import type { Filters } from './lib/filters.ts';
import type { RangeKind } from './lib/periods.ts';

export interface PageProps {
  filters: Filters;
  /** The data's as-of date (YYYY-MM-DD); '' on pages without filters. */
  asOf: string;
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
  /** The date range the page opens on (lib/periods.ts). */
  range: RangeKind;
  component: ComponentType<PageProps>;
}

export const PAGES: PageDef[] = [
  {
    id: 'overview',
    title: 'Overview',
    audience: 'Management',
    portfolioFilter: true,
    filters: true,
    range: 'lastMonth',
    component: lazy(() => import('./features/overview/OverviewPage.tsx')),
  },
  {
    id: 'roll-rates',
    title: 'Roll rates',
    audience: 'Risk',
    portfolioFilter: true,
    filters: true,
    range: 'transitions12',
    component: lazy(() => import('./features/roll-rates/RollRatesPage.tsx')),
  },
  {
    id: 'forecast',
    title: 'Forecast',
    audience: 'Risk',
    portfolioFilter: true,
    filters: true,
    range: 'last12',
    component: lazy(() => import('./features/forecast/ForecastPage.tsx')),
  },
  {
    id: 'agents',
    title: 'Agents & teams',
    audience: 'Operations',
    portfolioFilter: false,
    filters: true,
    range: 'lastMonth',
    component: lazy(() => import('./features/agents/AgentsPage.tsx')),
  },
  {
    id: 'outcomes',
    title: 'Outcomes',
    audience: 'Operations',
    portfolioFilter: true,
    filters: true,
    range: 'last3',
    component: lazy(() => import('./features/outcomes/OutcomesPage.tsx')),
  },
  {
    id: 'strategies',
    title: 'Strategies',
    audience: 'Strategy teams',
    portfolioFilter: false,
    filters: true,
    range: 'last12',
    component: lazy(() => import('./features/strategies/StrategiesPage.tsx')),
  },
  {
    id: 'cure',
    title: 'Cure',
    audience: 'Risk',
    portfolioFilter: true,
    filters: true,
    range: 'last3',
    component: lazy(() => import('./features/cure/CurePage.tsx')),
  },
  {
    id: 'vintages',
    title: 'Vintages',
    audience: 'Risk',
    portfolioFilter: true,
    filters: true,
    range: 'vintages24',
    component: lazy(() => import('./features/vintages/VintagesPage.tsx')),
  },
  {
    id: 'channels',
    title: 'Channels & compliance',
    audience: 'Operations',
    portfolioFilter: true,
    filters: true,
    range: 'last3',
    component: lazy(() => import('./features/channels/ChannelsPage.tsx')),
  },
  {
    id: 'plans-legal',
    title: 'Plans & legal',
    audience: 'Operations',
    portfolioFilter: false,
    filters: true,
    range: 'last3',
    component: lazy(() => import('./features/plans-legal/PlansLegalPage.tsx')),
  },
  {
    id: 'cases',
    title: 'Cases',
    audience: 'Analysts',
    portfolioFilter: true,
    filters: true,
    range: 'last3',
    component: lazy(() => import('./features/cases/CasesPage.tsx')),
  },
  {
    id: 'explore',
    title: 'Explore',
    audience: 'Analysts',
    portfolioFilter: true,
    filters: true,
    range: 'last12',
    component: lazy(() => import('./features/explore/ExplorePage.tsx')),
  },
  {
    id: 'work-queue',
    title: 'Work queue',
    audience: 'Operations',
    portfolioFilter: false,
    filters: false,
    range: 'lastMonth',
    component: lazy(() => import('./features/work-queue/WorkQueuePage.tsx')),
  },
  {
    id: 'models',
    title: 'Models',
    audience: 'Risk',
    portfolioFilter: false,
    filters: false,
    range: 'lastMonth',
    component: lazy(() => import('./features/models/ModelsPage.tsx')),
  },
  {
    id: 'report',
    title: 'Monthly report',
    audience: 'Management',
    portfolioFilter: false,
    filters: false,
    range: 'lastMonth',
    component: lazy(() => import('./features/report/ReportPage.tsx')),
  },
  {
    id: 'explorer',
    title: 'GraphiQL',
    audience: 'Analysts',
    portfolioFilter: false,
    filters: false,
    range: 'last3',
    component: lazy(() => import('./features/explorer/ExplorerPage.tsx')),
  },
];
