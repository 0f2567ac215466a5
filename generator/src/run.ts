/**
 * One account's simulation state: its random stream, its dimensions and the
 * events it produced. Everything an account generates (snapshots, cases,
 * contacts, payments) is collected here and written once the account is done,
 * so memory holds one account at a time.
 */
import type { AccountStatus, EventType } from '@collections/schema/domain';
import type { Team } from './planted.ts';
import { Rng } from './rng.ts';
import { localDay, localInstant, rfc3339 } from './time.ts';

export interface Agent {
  readonly id: string;
  readonly team: Team;
}

export interface World {
  readonly seed: number;
  readonly startIdx: number;
  readonly endIdx: number;
  /** Last day of the data (local date of each account); later events are not written. */
  readonly lastDay: number;
  readonly agents: readonly Agent[];
}

export interface GeneratedEvent {
  readonly type: EventType;
  readonly ms: number;
  readonly line: string;
  /** Local calendar day of `ms` in the account's time zone (file month and data end). */
  readonly day: number;
}

export interface VoiceAttempt {
  readonly eventId: string;
  readonly ms: number;
}

/** Mutable month-end state of the account. Amounts are integer cents. */
export interface AccountState {
  status: AccountStatus;
  dpd: number;
  balance: number;
  installment: number;
}

/** Local time of the month-end snapshot (23:30), docs/metrics/README.md#month-end-state. */
export const SNAPSHOT_MINUTE = 23 * 60 + 30;

/** Integer cents (the generator's exact arithmetic) → an amount in currency units. */
export function fromCents(value: number): number {
  return value / 100;
}

export function bucketIndex(dpd: number): number {
  return dpd <= 0 ? 0 : Math.min(7, Math.ceil(dpd / 30));
}

export function amountDue(state: AccountState): number {
  if (state.status === 'closed') return 0;
  if (state.status === 'charged_off') return state.balance;
  if (state.dpd <= 0) return 0;
  return Math.min(state.balance, state.installment * Math.ceil(state.dpd / 30));
}

export class AccountRun {
  readonly rng: Rng;
  /**
   * A second stream for effects planted after the main model was fixed
   * (planted-intel.ts): its draws never shift the main stream's.
   */
  readonly side: Rng;
  readonly events: GeneratedEvent[] = [];
  readonly voice: VoiceAttempt[][] = [];
  readonly accountId: string;
  /** The account's utc_offset_minutes (480 when absent from account_opened). */
  offset = 480;
  /** The account's true risk grade (also when account_opened omits it). */
  grade = 'C';
  /** Cases of this account closed cured or paid in full so far. */
  priorCures = 0;
  private seq = 0;
  private readonly counters = new Map<string, number>();

  constructor(
    readonly world: World,
    readonly index: number,
  ) {
    this.rng = new Rng(world.seed, index);
    this.side = new Rng(world.seed, index, 19);
    this.accountId = `A${String(index).padStart(8, '0')}`;
  }

  /** A new id with the given prefix, unique in the portfolio (account index + counter). */
  nextId(prefix: string): string {
    const n = this.counters.get(prefix) ?? 0;
    this.counters.set(prefix, n + 1);
    return `${prefix}-${this.index.toString(36).toUpperCase()}-${n}`;
  }

  /** Instant of a local wall time on a day, in this account's time zone. */
  at(day: number, minutes: number): number {
    return localInstant(day, minutes, this.offset);
  }

  /** Records an event; `occurred_at` is written in UTC or in the account's offset at random. */
  emit(type: EventType, ms: number, fields: Record<string, unknown>): string {
    const eventId = `ev-${this.index.toString(36)}-${(this.seq++).toString(36)}`;
    const occurredAt = rfc3339(ms, this.rng.chance(0.5) ? this.offset : null);
    // Same text as JSON.stringify({ event_id, type, occurred_at, ...fields }), without the copy.
    const rest = JSON.stringify(fields);
    const head = `{"event_id":"${eventId}","type":"${type}","occurred_at":"${occurredAt}"`;
    const line = rest === '{}' ? head + '}' : head + ',' + rest.slice(1);
    this.events.push({ type, ms, line, day: localDay(ms, this.offset) });
    return eventId;
  }
}
