/**
 * Contact windows (docs/metrics/contact-windows.md): voice and in-person attempts
 * (`call`, `field_visit`, `ivr` — the channels that reach a person and that the
 * contact-hour rules govern) in [from, to] by channel × local weekday × local
 * hour, with attempts, right-party contacts and promises. Local time is the
 * account's (`voice_attempts.local_at`, schema/src/derived/voice-attempts/index.ts).
 *
 * Parameters: {from:Date32}, {to:Date32}, {tz:String}, {channels:Array(String)}
 * (empty = all).
 */
import type { SqlQuery } from '../../query.ts';
import { isRpcSql } from '../../sql/contact.ts';
import { inPeriodSql } from '../../sql/period.ts';

export interface WindowRow {
  channel: string;
  weekday: number;
  hour: number;
  attempts: number;
  rpcs: number;
  promises: number;
}

export function contactWindowsQuery(args: {
  from: string;
  to: string;
  tz: string;
  channels: readonly string[];
}): SqlQuery {
  return {
    query: `
      SELECT toString(channel) AS channel, toDayOfWeek(local_at) AS weekday, toHour(local_at) AS hour,
             toInt64(count()) AS attempts, toInt64(countIf(${isRpcSql('outcome')})) AS rpcs,
             toInt64(countIf(outcome = 'promise_to_pay')) AS promises
      FROM voice_attempts
      WHERE ${inPeriodSql('occurred_at')}
        AND (empty({channels:Array(String)}) OR has({channels:Array(String)}, toString(channel)))
      GROUP BY channel, weekday, hour
      ORDER BY channel, weekday, hour`,
    query_params: { from: args.from, to: args.to, tz: args.tz, channels: [...args.channels] },
  };
}
