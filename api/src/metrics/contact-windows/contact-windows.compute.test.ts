import { describe, expect, it } from 'vitest';
import { contactWindows } from './contact-windows.compute.ts';

const options = {
  confidence: 0.95,
  contactHours: { start: 8, end: 22 },
  minAttempts: 30,
  perChannel: 2,
};

describe('contactWindows', () => {
  const rows = [
    // Monday 19:00: 60 of 100 → the best inside the hours.
    { channel: 'call', weekday: 1, hour: 19, attempts: 100, rpcs: 60, promises: 20 },
    // Tuesday 19:00: 20 of 100.
    { channel: 'call', weekday: 2, hour: 19, attempts: 100, rpcs: 20, promises: 5 },
    // Monday 10:00: 9 of 10 — a higher rate, but too few attempts to rank.
    { channel: 'call', weekday: 1, hour: 10, attempts: 10, rpcs: 9, promises: 1 },
    // Monday 23:00: outside the contact hours, never recommended.
    { channel: 'call', weekday: 1, hour: 23, attempts: 200, rpcs: 190, promises: 0 },
  ];
  const result = contactWindows(rows, options);

  it('rates with counts and Wilson intervals per cell', () => {
    const cell = result.cells[0];
    expect(cell?.rpcRate).toBe(0.6);
    expect(cell?.promiseRate).toBe(0.2);
    // Wilson 60/100 at 95 %: centre (0.6 + 1.92073/100)/(1.0384146) = 0.596296,
    // half 1.959964·sqrt(0.0024 + 0.0000960365)/1.0384146 = 0.094268 → [0.502, 0.691].
    expect(cell?.rpcRateCI.low).toBeCloseTo(0.502, 3);
    expect(cell?.rpcRateCI.high).toBeCloseTo(0.6906, 3);
  });

  it('best windows: inside the hours, enough attempts, by the lower end of the interval', () => {
    expect(result.bestWindows.map((w) => [w.weekday, w.hour])).toEqual([
      [1, 19],
      [2, 19],
    ]);
  });

  it('per-hour totals over the week, and the best hour', () => {
    const h19 = result.byHour.find((h) => h.hour === 19);
    expect([h19?.weekday, h19?.attempts, h19?.rpcs, h19?.promises]).toEqual([0, 200, 80, 25]);
    expect(result.bestHours.map((h) => h.hour)).toEqual([19]);
  });
});
