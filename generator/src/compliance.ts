/**
 * docs/metrics/compliance.md over one case's voice attempts, used to list the planted
 * breaches in MANIFEST.json (the tests recompute it independently). An attempt
 * breaks a rule when it is outside [startHour, endHour) local time, the
 * (maxPerDay+1)-th or later on its local day, or the (maxPer7Days+1)-th or later in
 * the 7 × 24 h ending at it. The generator never places attempts on the exact
 * boundaries, so inclusive/exclusive readings agree.
 */
import { COMPLIANCE_RULES } from './planted.ts';
import { DAY, MINUTE } from './time.ts';

export function breaches(
  attempts: readonly { eventId: string; ms: number }[],
  offsetMinutes: number,
  rules = COMPLIANCE_RULES,
): string[] {
  const sorted = [...attempts].sort((a, b) => a.ms - b.ms);
  const out: string[] = [];
  sorted.forEach((a, i) => {
    const local = a.ms + offsetMinutes * MINUTE;
    const day = Math.floor(local / DAY);
    const minute = (local - day * DAY) / MINUTE;
    const night = minute < rules.startHour * 60 || minute >= rules.endHour * 60;
    let sameDay = 0;
    let week = 0;
    for (let j = 0; j <= i; j++) {
      const b = sorted[j] as { ms: number };
      if (Math.floor((b.ms + offsetMinutes * MINUTE) / DAY) === day) sameDay++;
      if (b.ms > a.ms - 7 * DAY) week++;
    }
    if (night || sameDay > rules.maxPerDay || week > rules.maxPer7Days) out.push(a.eventId);
  });
  return out;
}
