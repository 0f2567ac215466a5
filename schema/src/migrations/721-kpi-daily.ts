import { KPI_DAILY } from '../derived/kpi-daily/index.ts';
import type { Migration } from './index.ts';

/**
 * kpi_daily: attempts, right-party contacts and collected amounts per UTC day and
 * account dimensions (KPIs with a PortfolioFilter). Filled for data loaded before
 * this migration by `refreshDerived` over the committed load_ids
 * (bench/api/fill-derived.ts; docs/schema.md#derived-tables).
 */
export const m721KpiDaily: Migration = {
  version: 721,
  name: 'kpi_daily: attempts, RPCs and collections per UTC day and account dimensions',
  steps: [{ table: KPI_DAILY }],
};
