import type { Migration } from './index.ts';

/**
 * kpi_daily.contact_cost: Σ attempt costs per UTC day and account dimensions, so
 * that kpis' collection cost with a PortfolioFilter reads kpi_daily like attempts
 * and payments do. A table created by migration 721 from the current definition
 * already has the column (IF NOT EXISTS). Days already in the table get one
 * extra row per dimensions with only their cost (the table is summed, and a
 * refresh that rewrites the day deletes it with the other older rows); days
 * not there yet get their cost when a refresh writes them.
 * Cluster profile: not applied (add the column ON CLUSTER to kpi_daily_local
 * and kpi_daily by hand before upgrading a cluster).
 */
export const m722KpiDailyContactCost: Migration = {
  version: 722,
  name: 'kpi_daily: contact costs',
  steps: [
    {
      sql: `ALTER TABLE kpi_daily ADD COLUMN IF NOT EXISTS contact_cost Decimal(38, 2) DEFAULT 0
        COMMENT 'sum of the attempts'' cost (migration 722)' AFTER collected`,
      cluster: [],
    },
    {
      sql: `INSERT INTO kpi_daily
        (day, has_opened, product, portfolio, region, risk_grade, attempts, rpcs, collected, contact_cost, refresh_id)
      SELECT toDate32(a.occurred_at) AS d, c.has_opened, c.product, c.portfolio, c.region, c.risk_grade,
             0, 0, 0, sum(toDecimal128(a.cost, 2)), toUUID('00000000-0000-0000-0000-000000000722')
      FROM contact_attempt AS a
      LEFT JOIN (SELECT case_id, has_opened, product, portfolio, region, risk_grade FROM case_dims) AS c
        ON c.case_id = a.case_id
      WHERE a.cost != 0 AND toDate32(a.occurred_at) IN (SELECT day FROM kpi_daily)
      GROUP BY d, c.has_opened, c.product, c.portfolio, c.region, c.risk_grade
      SETTINGS join_use_nulls = 0`,
      cluster: [],
    },
  ],
};
