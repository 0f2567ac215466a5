import type { Migration } from './index.ts';

/**
 * Aggregate projection on account_month: roll-rate and forecast queries
 * (GROUP BY month, bucket, next_bucket with dimension filters) read a few
 * thousand pre-aggregated rows per month instead of every account's row.
 * Lightweight DELETEs of the refresher rebuild the projection of touched parts.
 * Cluster profile: the same statements ON CLUSTER on every shard's account_month_local
 * (a projection is a part of the local table; the Distributed table reads each shard's).
 */
export const m201AccountMonthProjection: Migration = {
  version: 201,
  name: 'account_month: transitions projection',
  steps: [
    {
      sql: "ALTER TABLE account_month MODIFY SETTING lightweight_mutation_projection_mode = 'rebuild'",
      cluster: 'on-cluster',
    },
    {
      sql: `ALTER TABLE account_month ADD PROJECTION IF NOT EXISTS transitions (
        SELECT month, portfolio, product, region, risk_grade, bucket, next_bucket,
          count(), sum(balance)
        GROUP BY month, portfolio, product, region, risk_grade, bucket, next_bucket
      )`,
      cluster: 'on-cluster',
    },
    {
      sql: 'ALTER TABLE account_month MATERIALIZE PROJECTION transitions SETTINGS mutations_sync = 1',
      cluster: 'on-cluster',
    },
  ],
};
