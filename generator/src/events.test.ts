/**
 * Every generated line is a valid docs/etl.md event, and the portfolio hangs
 * together: month-end snapshots, absorbing states, cases opened from the
 * snapshot that found the account delinquent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_STATUSES,
  ARM_ROLES,
  CASE_OUTCOMES,
  CHANNELS,
  CONTACT_OUTCOMES,
  LEGAL_ACTIONS,
  PLAN_KINDS,
  SEGMENTS,
} from '@collections/schema/domain';
import { generate } from './index.ts';
import { EXPERIMENT } from './planted.ts';
import { byType, readEvents, type Event } from './test-support.ts';

const root = mkdtempSync(join(tmpdir(), 'gen-events-'));
let events: Event[];

beforeAll(async () => {
  await generate({ out: root, accounts: 500, months: 6, seed: 3 });
  events = readEvents(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;
const isDate = (v: unknown) =>
  typeof v === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(v) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const isAmount = (v: unknown, min: number) =>
  typeof v === 'number' && v >= min && Math.abs(Math.round(v * 100) - v * 100) < 1e-6;
const isInt = (v: unknown, min: number) => Number.isInteger(v) && (v as number) >= min;
const isStr = (v: unknown) => typeof v === 'string' && v.length > 0;
const oneOf = (list: readonly string[]) => (v: unknown) => list.includes(v as string);
const opt = (check: (v: unknown) => boolean) => (v: unknown) => v === undefined || check(v);

/** docs/etl.md field rules, written out independently of the generator. */
const RULES: Record<string, Record<string, (v: unknown) => boolean>> = {
  account_opened: {
    account_id: isStr,
    customer_id: isStr,
    product: isStr,
    portfolio: isStr,
    region: isStr,
    opened_on: isDate,
    principal: (v) => isAmount(v, 0),
    risk_grade: opt(oneOf(['A', 'B', 'C', 'D', 'E'])),
    utc_offset_minutes: opt((v) => Number.isInteger(v)),
    customer_name: opt(isStr),
    phone: opt(isStr),
    national_id: opt(isStr),
  },
  agent_registered: {
    agent_id: isStr,
    name: isStr,
    team: isStr,
    site: opt(isStr),
    hired_on: opt(isDate),
  },
  account_snapshot: {
    account_id: isStr,
    as_of: isDate,
    dpd: (v) => isInt(v, 0),
    balance: (v) => isAmount(v, 0),
    amount_due: (v) => isAmount(v, 0),
    status: oneOf(ACCOUNT_STATUSES),
  },
  case_opened: {
    case_id: isStr,
    account_id: isStr,
    strategy: isStr,
    experiment: opt(isStr),
    arm_role: opt(oneOf(ARM_ROLES)),
    segment: opt(oneOf(SEGMENTS)),
    entry_dpd: (v) => isInt(v, 0),
    entry_balance: (v) => isAmount(v, 0),
  },
  case_assigned: { case_id: isStr, agent_id: isStr },
  contact_attempt: {
    case_id: isStr,
    agent_id: opt(isStr),
    channel: oneOf(CHANNELS),
    outcome: oneOf(CONTACT_OUTCOMES),
    duration_s: opt((v) => isInt(v, 0)),
    cost: opt((v) => isAmount(v, 0)),
  },
  promise_to_pay: {
    ptp_id: isStr,
    case_id: isStr,
    agent_id: opt(isStr),
    amount: (v) => isAmount(v, 0.01),
    due_on: isDate,
  },
  payment: {
    payment_id: isStr,
    account_id: isStr,
    case_id: opt(isStr),
    amount: (v) => isAmount(v, 0.01),
    method: opt(isStr),
  },
  payment_plan: {
    plan_id: isStr,
    case_id: isStr,
    kind: oneOf(PLAN_KINDS),
    installments: (v) => isInt(v, 1),
    total_amount: (v) => isAmount(v, 0.01),
    first_due_on: isDate,
  },
  legal_action: { case_id: isStr, action: oneOf(LEGAL_ACTIONS), cost: opt((v) => isAmount(v, 0)) },
  case_closed: { case_id: isStr, outcome: oneOf(CASE_OUTCOMES) },
};

describe('docs/etl.md validity', () => {
  it('every event has a unique id, a known type, an RFC 3339 time and exactly the documented fields', () => {
    const ids = new Set<string>();
    const errors: string[] = [];
    for (const e of events) {
      const where = `${e.event_id} (${e.type})`;
      if (e.event_id.length < 1 || e.event_id.length > 128)
        errors.push(`${where}: event_id length`);
      if (ids.has(e.event_id)) errors.push(`${where}: duplicate event_id`);
      ids.add(e.event_id);
      if (!RFC3339.test(e.occurred_at)) errors.push(`${where}: occurred_at ${e.occurred_at}`);
      const rules = RULES[e.type];
      if (!rules) {
        errors.push(`${where}: unknown type`);
        continue;
      }
      for (const [field, value] of Object.entries(e)) {
        if (field === 'event_id' || field === 'type' || field === 'occurred_at') continue;
        const check = rules[field];
        if (!check) errors.push(`${where}: unexpected field ${field}`);
        else if (!check(value)) errors.push(`${where}: ${field} = ${JSON.stringify(value)}`);
      }
      for (const [field, check] of Object.entries(rules)) {
        if (!check(undefined) && e[field] === undefined) errors.push(`${where}: missing ${field}`);
      }
    }
    expect(errors.slice(0, 20)).toEqual([]);
    expect(ids.size).toBe(events.length);
    expect(new Set(events.map((e) => e.type)).size).toBe(Object.keys(RULES).length);
  });

  it('uses both Z and numeric offsets, and some negative and non-480 utc offsets', () => {
    expect(events.some((e) => e.occurred_at.endsWith('Z'))).toBe(true);
    expect(events.some((e) => e.occurred_at.endsWith('+08:00'))).toBe(true);
    const offsets = byType(events, 'account_opened').map((e) => e.utc_offset_minutes);
    expect(offsets.some((o) => typeof o === 'number' && o < 0)).toBe(true);
    expect(offsets.some((o) => typeof o === 'number' && o > 0 && o !== 480)).toBe(true);
    expect(offsets.some((o) => o === undefined)).toBe(true);
  });

  it('promises fall due on or after the day they were made, in UTC and in the written offset', () => {
    for (const p of byType(events, 'promise_to_pay')) {
      expect((p.due_on as string) >= new Date(p.occurred_at).toISOString().slice(0, 10)).toBe(true);
      expect((p.due_on as string) >= p.occurred_at.slice(0, 10)).toBe(true);
    }
  });

  it('puts experiment fields only on experiment cases and agent ids only on agent channels', () => {
    for (const c of byType(events, 'case_opened')) {
      expect(c.experiment === undefined).toBe(c.arm_role === undefined);
      if (c.experiment !== undefined) expect(c.experiment).toBe(EXPERIMENT);
    }
    expect(byType(events, 'case_opened').some((c) => c.experiment === undefined)).toBe(true);
    for (const a of byType(events, 'contact_attempt')) {
      const agentChannel = a.channel === 'call' || a.channel === 'field_visit';
      expect(a.agent_id !== undefined, `${a.event_id} ${a.channel}`).toBe(agentChannel);
    }
  });
});

describe('portfolio coherence', () => {
  it('gives every account a month-end snapshot in (almost) every month it exists', () => {
    const months = new Map<string, Set<string>>();
    for (const s of byType(events, 'account_snapshot')) {
      const as = s.as_of as string;
      const end = new Date(
        Date.UTC(Number(as.slice(0, 4)), Number(as.slice(5, 7)), 0),
      ).toISOString();
      if (!end.startsWith(as)) continue; // mid-month snapshot
      const set = months.get(s.account_id as string) ?? new Set<string>();
      set.add(as.slice(0, 7));
      months.set(s.account_id as string, set);
    }
    expect(months.size).toBe(500);
    const full = [...months.values()].filter((m) => m.has('2026-10')).length;
    expect(full).toBeGreaterThan(490);
    expect(
      byType(events, 'account_snapshot').some((s) => (s.as_of as string).endsWith('-15')),
    ).toBe(true);
  });

  it('keeps charged_off and closed absorbing', () => {
    const seen = new Map<string, string>();
    const snaps = byType(events, 'account_snapshot').sort((x, y) =>
      (x.as_of as string).localeCompare(y.as_of as string),
    );
    for (const s of snaps) {
      const before = seen.get(s.account_id as string);
      if (before) expect(s.status, s.account_id as string).toBe(before);
      if (s.status !== 'open') seen.set(s.account_id as string, s.status as string);
    }
    expect(seen.size).toBeGreaterThan(0);
  });

  it('opens each case the day after a month-end snapshot with its dpd and balance', () => {
    const snaps = new Map(
      byType(events, 'account_snapshot').map((s) => [
        `${s.account_id as string}|${s.as_of as string}`,
        s,
      ]),
    );
    const cases = byType(events, 'case_opened');
    expect(cases.length).toBeGreaterThan(20);
    let checked = 0;
    for (const c of cases) {
      const local = c.occurred_at.slice(0, 10); // cases open in the morning of the 1st, local time
      const prev = new Date(Date.parse(`${local}T00:00:00Z`) - 86_400_000)
        .toISOString()
        .slice(0, 10);
      const snap = snaps.get(`${c.account_id as string}|${prev}`);
      if (!snap) continue; // that month-end snapshot is one of the rare missing ones
      expect(c.entry_dpd).toBe(snap.dpd);
      expect(c.entry_balance).toBe(snap.balance);
      expect(snap.dpd as number).toBeGreaterThan(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(cases.length / 2);
  });

  it('has payments with and without a case, and cases that stay open at the end', () => {
    const payments = byType(events, 'payment');
    expect(payments.some((p) => p.case_id === undefined)).toBe(true);
    expect(payments.some((p) => p.case_id !== undefined)).toBe(true);
    const closed = new Set(byType(events, 'case_closed').map((c) => c.case_id));
    expect(byType(events, 'case_opened').some((c) => !closed.has(c.case_id))).toBe(true);
    expect(closed.size).toBeGreaterThan(0);
  });
});
