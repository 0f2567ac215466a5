/**
 * Versioned migrations, applied in version order, each once (schema_migrations).
 * Version ranges keep parallel work apart: 1–99 foundation, 100–199 ETL,
 * 200–299 API core derived tables, 300–399 further analytics, 400–449 case
 * metric performance, 500–549 account-side query performance, 600–649 contact-side
 * metric performance, 760–769 the refresh's table settings, 900–949 models (docs/models.md).
 */
import type { TableDef } from '../ddl.ts';
import { m001EventTables } from './001-event-tables.ts';
import { m110LoadIndex } from './110-load-index.ts';
import { m200AccountMonth } from './200-account-month.ts';
import { m201AccountMonthProjection } from './201-account-month-projection.ts';
import { m205AccountMonthStateProjection } from './205-account-month-state-projection.ts';
import { m300AccountVintage } from './300-account-vintage.ts';
import { m400CaseFacts } from './400-case-facts.ts';
import { m500AccountDims } from './500-account-dims.ts';
import { m501DimensionValues } from './501-dimension-values.ts';
import { m502AccountRunEnd } from './502-account-run-end.ts';
import { m505RefreshKeys } from './505-refresh-keys.ts';
import { m600ContactFacts } from './600-contact-facts.ts';
import { m700AgentRollups } from './700-agent-rollups.ts';
import { m701AgentMonth } from './701-agent-month.ts';
import { m710CaseOutcomeFacts } from './710-case-outcome-facts.ts';
import { m720CaseDims } from './720-case-dims.ts';
import { m721KpiDaily } from './721-kpi-daily.ts';
import { m722KpiDailyContactCost } from './722-kpi-daily-contact-cost.ts';
import { m730PromiseCaseFacts } from './730-promise-case-facts.ts';
import { m740ChannelDaily } from './740-channel-daily.ts';
import { m760PatchPartDeletes } from './760-patch-part-deletes.ts';
import { m900ModelRun } from './900-model-run.ts';

export type MigrationStep =
  | { readonly table: TableDef }
  /**
   * Raw statement; `cluster` gives its cluster-profile form (omit only for statements
   * valid on both): the statements themselves, or `'on-cluster'` for an
   * `ALTER TABLE t …` run once `ON CLUSTER` on every shard's `t_local` (cluster.ts).
   */
  | { readonly sql: string; readonly cluster?: readonly string[] | 'on-cluster' };

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly steps: readonly MigrationStep[];
}

/** In version order (merges from parallel branches may list them in any order). */
export const MIGRATIONS: readonly Migration[] = [
  m001EventTables,
  m110LoadIndex,
  m200AccountMonth,
  m300AccountVintage,
  m201AccountMonthProjection,
  m205AccountMonthStateProjection,
  m400CaseFacts,
  m500AccountDims,
  m501DimensionValues,
  m502AccountRunEnd,
  m505RefreshKeys,
  m600ContactFacts,
  m710CaseOutcomeFacts,
  m720CaseDims,
  m721KpiDaily,
  m722KpiDailyContactCost,
  m730PromiseCaseFacts,
  m740ChannelDaily,
  m760PatchPartDeletes,
  m700AgentRollups,
  m701AgentMonth,
  m900ModelRun,
].sort((a, b) => a.version - b.version);
