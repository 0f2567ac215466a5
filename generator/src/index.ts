/**
 * `generate()`: a synthetic, deterministic-per-seed collections portfolio as
 * NDJSON event files (docs/etl.md), streamed account by account, plus
 * MANIFEST.json naming the planted effects. Layout: `DIR/<YYYY-MM>/<type>.ndjson`
 * by the local month of each event (agents in the first month), `--dirty`
 * rows under `DIR/zz-dirty/`. See docs/generator.md.
 */
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_TYPES, type EventType } from '@collections/schema/domain';
import { simulateAccount } from './account.ts';
import { writeDirty, type DirtyRow, type DirtySamples } from './dirty.ts';
import { FIRST_NAMES, LAST_NAMES, SITES } from './model.ts';
import {
  BEST_TEAM,
  CHALLENGER,
  CHAMPION,
  COMPLIANCE_RULES,
  CURE_WITHIN_DAYS,
  EXPERIMENT,
  KEPT_PROBABILITY,
  OTHER_STRATEGIES,
  TEAMS,
} from './planted.ts';
import { Rng } from './rng.ts';
import { INTEL_MANIFEST } from './planted-intel.ts';
import type { Agent, World } from './run.ts';
import { Sink } from './sink.ts';
import {
  dateString,
  daysInMonth,
  monthName,
  monthStartDay,
  parseMonth,
  rfc3339,
  localInstant,
} from './time.ts';

export const SCALES = {
  S: { accounts: 10_000, months: 24 },
  M: { accounts: 1_000_000, months: 24 },
} as const;
export type Scale = keyof typeof SCALES;
export const DEFAULT_END_MONTH = '2026-10';
export const DEFAULT_SEED = 42;

export interface GenerateOptions {
  out: string;
  accounts?: number;
  months?: number;
  seed?: number;
  scale?: Scale;
  dirty?: boolean;
  gzip?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Last month of data (YYYY-MM); fixed by default so output never depends on today. */
  endMonth?: string;
}

export interface GenerateSummary {
  out: string;
  seed: number;
  accounts: number;
  months: number;
  startMonth: string;
  endMonth: string;
  files: { path: string; bytes: number }[];
  bytes: number;
  events: Record<EventType, number>;
  dirtyRows: number;
  breaches: number;
  seconds: number;
}

function positiveInt(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name} must be an integer from 1 to ${max}, got ${value}`);
  }
  return value;
}

function makeAgents(accounts: number): Agent[] {
  const count = Math.max(12, Math.ceil(accounts / 400));
  return Array.from({ length: count }, (_, i) => ({
    id: `AG${String(i + 1).padStart(5, '0')}`,
    team: TEAMS[i % TEAMS.length] as Agent['team'],
  }));
}

function agentLines(seed: number, agents: readonly Agent[], startIdx: number): string[] {
  const r = new Rng(seed, -1);
  const day = monthStartDay(startIdx);
  return agents.map((a, i) => {
    const hired = day - r.int(30, 2000);
    return JSON.stringify({
      event_id: `ev-agent-${i}`,
      type: 'agent_registered',
      occurred_at: rfc3339(localInstant(day, 480 + i / 60, 480), r.chance(0.5) ? 480 : null),
      agent_id: a.id,
      name: `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
      team: a.team,
      site: r.chance(0.9) ? SITES[i % SITES.length] : undefined,
      hired_on: r.chance(0.8) ? dateString(hired) : undefined,
    });
  });
}

export async function generate(options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const scale = options.scale ? SCALES[options.scale] : SCALES.S;
  const accounts = positiveInt('accounts', options.accounts ?? scale.accounts, 100_000_000);
  const months = positiveInt('months', options.months ?? scale.months, 240);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  const endIdx = parseMonth(options.endMonth ?? DEFAULT_END_MONTH);
  const startIdx = endIdx - months + 1;
  const out = options.out;
  if (existsSync(out) && readdirSync(out).length > 0) {
    throw new Error(`output folder ${out} is not empty: generate into a new or empty folder`);
  }
  mkdirSync(out, { recursive: true });

  const agents = makeAgents(accounts);
  const world: World = {
    seed,
    startIdx,
    endIdx,
    lastDay: monthStartDay(endIdx) + daysInMonth(endIdx) - 1,
    agents,
  };
  const sink = new Sink(out, options.gzip ?? false);
  const events = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<EventType, number>;
  const firstDir = monthName(startIdx);
  for (const line of agentLines(seed, agents, startIdx)) {
    await sink.append(`${firstDir}/agent_registered.ndjson`, line);
    events.agent_registered++;
  }

  const breachIds: string[] = [];
  const samples: Partial<Record<'snapshot' | 'payment' | 'contact' | 'caseId', string>> = {};
  // File of an event: the month of its local day, clamped into the window (earlier account openings go to the first month).
  const firstDay = monthStartDay(startIdx);
  const fileOfDay = new Map<number, string>();
  const fileOf = (day: number, type: EventType): string => {
    const key = Math.max(day, firstDay) * 16 + EVENT_TYPES.indexOf(type);
    let file = fileOfDay.get(key);
    if (file === undefined) {
      const d = new Date(Math.max(day, firstDay) * 86_400_000);
      const month = Math.min(endIdx, d.getUTCFullYear() * 12 + d.getUTCMonth());
      file = `${monthName(month)}/${type}.ndjson`;
      fileOfDay.set(key, file);
    }
    return file;
  };
  const progressEvery = Math.max(1, Math.floor(accounts / 200));
  for (let i = 0; i < accounts; i++) {
    const result = simulateAccount(world, i);
    for (const ev of result.events) {
      events[ev.type]++;
      const wait = sink.append(fileOf(ev.day, ev.type), ev.line);
      if (wait) await wait;
      if (options.dirty) sample(samples, ev.type, ev.line);
    }
    for (const id of result.breaches) breachIds.push(id);
    if (options.onProgress && ((i + 1) % progressEvery === 0 || i + 1 === accounts)) {
      options.onProgress(i + 1, accounts);
    }
  }
  const files = await sink.close();

  let dirty: DirtyRow[] = [];
  if (options.dirty) {
    dirty = writeDirty(out, {
      snapshot: samples.snapshot ?? '{}',
      payment: samples.payment ?? '{}',
      contact: samples.contact ?? '{}',
      accountId: 'A00000000',
      caseId: samples.caseId ?? 'CS-0-0',
    } satisfies DirtySamples);
    for (const f of new Set(dirty.map((d) => d.file))) files.push({ path: f, bytes: 0 });
  }

  const manifest = {
    generator: 'collections-analytics etl generate',
    seed,
    accounts,
    months,
    startMonth: monthName(startIdx),
    endMonth: monthName(endIdx),
    layout:
      'DIR/<YYYY-MM>/<event type>.ndjson[.gz] by local month of occurred_at; agents in the first month',
    experiment: {
      name: EXPERIMENT,
      cureWithinDays: CURE_WITHIN_DAYS,
      champion: CHAMPION,
      challenger: CHALLENGER,
      otherStrategies: OTHER_STRATEGIES,
    },
    promises: { bestTeam: BEST_TEAM, keptProbability: KEPT_PROBABILITY },
    compliance: { rules: COMPLIANCE_RULES, breachEventIds: breachIds },
    intel: INTEL_MANIFEST,
    events,
    dirty,
  };
  writeFileSync(join(out, 'MANIFEST.json'), JSON.stringify(manifest, null, 2) + '\n');

  return {
    out,
    seed,
    accounts,
    months,
    startMonth: manifest.startMonth,
    endMonth: manifest.endMonth,
    files,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    events,
    dirtyRows: dirty.length,
    breaches: breachIds.length,
    seconds: (performance.now() - started) / 1000,
  };
}

function sample(samples: Partial<Record<string, string>>, type: EventType, line: string): void {
  const key =
    type === 'account_snapshot'
      ? 'snapshot'
      : type === 'payment'
        ? 'payment'
        : type === 'contact_attempt'
          ? 'contact'
          : null;
  if (key && samples[key] === undefined) samples[key] = line;
  if (type === 'case_opened' && samples.caseId === undefined) {
    samples.caseId = (JSON.parse(line) as { case_id: string }).case_id;
  }
}
