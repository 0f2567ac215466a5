/**
 * From attempt counts per channel × weekday × hour to rates with Wilson
 * intervals, per-hour totals and the best windows inside the contact hours
 * (docs/metrics/contact-windows.md). Pure.
 */
import { wilsonInterval, type Interval } from '../../stats/proportions.ts';
import type { WindowRow } from './contact-windows.sql.ts';

export interface WindowStats {
  channel: string;
  /** ISO weekday 1 (Monday) … 7; 0 for an all-week total. */
  weekday: number;
  hour: number;
  attempts: number;
  rpcs: number;
  rpcRate: number;
  rpcRateCI: Interval;
  promises: number;
  promiseRate: number;
  promiseRateCI: Interval;
  insideContactHours: boolean;
}

function stats(
  row: Omit<WindowRow, 'weekday'> & { weekday: number },
  confidence: number,
  hours: { start: number; end: number },
): WindowStats {
  const attempts = Number(row.attempts);
  const rpcs = Number(row.rpcs);
  const promises = Number(row.promises);
  const hour = Number(row.hour);
  return {
    channel: row.channel,
    weekday: Number(row.weekday),
    hour,
    attempts,
    rpcs,
    rpcRate: attempts === 0 ? 0 : rpcs / attempts,
    rpcRateCI: wilsonInterval(rpcs, attempts, confidence),
    promises,
    promiseRate: attempts === 0 ? 0 : promises / attempts,
    promiseRateCI: wilsonInterval(promises, attempts, confidence),
    insideContactHours: hour >= hours.start && hour < hours.end,
  };
}

/**
 * Windows are ranked by the lower end of the RPC rate's interval, so a window
 * with few attempts and a lucky rate does not win; only windows with at least
 * `minAttempts` attempts and inside the contact hours are candidates.
 */
export function bestWindows(
  windows: readonly WindowStats[],
  options: { minAttempts: number; perChannel: number },
): WindowStats[] {
  const byChannel = new Map<string, WindowStats[]>();
  for (const w of windows) {
    if (!w.insideContactHours || w.attempts < options.minAttempts) continue;
    byChannel.set(w.channel, [...(byChannel.get(w.channel) ?? []), w]);
  }
  return [...byChannel.keys()]
    .sort()
    .flatMap((channel) =>
      (byChannel.get(channel) ?? [])
        .sort(
          (a, b) => b.rpcRateCI.low - a.rpcRateCI.low || a.weekday - b.weekday || a.hour - b.hour,
        )
        .slice(0, options.perChannel),
    );
}

export function contactWindows(
  rows: readonly WindowRow[],
  options: {
    confidence: number;
    contactHours: { start: number; end: number };
    minAttempts: number;
    perChannel: number;
  },
) {
  const cells = rows.map((r) => stats(r, options.confidence, options.contactHours));
  const hourly = new Map<
    string,
    { channel: string; hour: number; attempts: number; rpcs: number; promises: number }
  >();
  for (const r of rows) {
    const key = `${r.channel}\u0000${r.hour}`;
    const h = hourly.get(key) ?? {
      channel: r.channel,
      hour: Number(r.hour),
      attempts: 0,
      rpcs: 0,
      promises: 0,
    };
    h.attempts += Number(r.attempts);
    h.rpcs += Number(r.rpcs);
    h.promises += Number(r.promises);
    hourly.set(key, h);
  }
  const byHour = [...hourly.values()]
    .sort((a, b) => a.channel.localeCompare(b.channel) || a.hour - b.hour)
    .map((h) => stats({ ...h, weekday: 0 }, options.confidence, options.contactHours));
  return {
    cells,
    byHour,
    bestWindows: bestWindows(cells, options),
    bestHours: bestWindows(byHour, { ...options, perChannel: 1 }),
  };
}
