import { CHANNEL_DAILY, channelDailyInsertSql } from '../derived/channel-daily/index.ts';
import type { Migration } from './index.ts';

/**
 * channel_daily: attempts, RPCs and contact costs per UTC day, channel and account
 * dimensions (explore's attempts by channel), filled from every attempt already
 * stored and case_dims (empty on a new database; later loads refresh it).
 * Cluster profile: the table only; run `pnpm etl rebuild` after migrating a cluster
 * (until then explore's attempts by channel read an empty table).
 */
export const m740ChannelDaily: Migration = {
  version: 740,
  name: 'channel_daily: attempts, RPCs and contact costs per UTC day, channel and account dimensions',
  steps: [
    { table: CHANNEL_DAILY },
    {
      sql: channelDailyInsertSql('1', '1', "toUUID('00000000-0000-0000-0000-000000000740')"),
      cluster: [],
    },
  ],
};
