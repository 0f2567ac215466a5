/**
 * Agent leaderboard math: team roll-up of additive figures and the ratios that
 * can be derived from them exactly (SPEC §4 Agent performance), scatter points.
 */
export interface AgentRowLike {
  agentId: string;
  agentName?: string | null;
  team?: string | null;
  attempts: number;
  rpcs: number;
  promises: number;
  keptRate?: number | null;
  rpcRate: number;
  amountCollected: number;
  casesWorked: number;
  talkSeconds: number;
  violations: number;
}

export interface TeamRow {
  team: string;
  agents: number;
  attempts: number;
  rpcs: number;
  rpcRate: number;
  promises: number;
  promiseRate: number;
  amountCollected: number;
  casesWorked: number;
  talkSeconds: number;
  collectedPerTalkHour: number | null;
  violations: number;
}

const cents = (x: number) => Math.round(x * 100) / 100;

/**
 * Sums per team. Kept rate is not rolled up: it needs the matured-promise counts
 * the agent rows do not carry. `casesWorked` sums the agents' distinct cases, so a
 * case worked by two agents of a team counts twice (labelled so in the UI).
 */
export function teamRollup(rows: readonly AgentRowLike[]): TeamRow[] {
  const teams = new Map<string, TeamRow>();
  for (const r of rows) {
    const team = r.team ?? '';
    const t = teams.get(team) ?? {
      team,
      agents: 0,
      attempts: 0,
      rpcs: 0,
      rpcRate: 0,
      promises: 0,
      promiseRate: 0,
      amountCollected: 0,
      casesWorked: 0,
      talkSeconds: 0,
      collectedPerTalkHour: null,
      violations: 0,
    };
    t.agents += 1;
    t.attempts += r.attempts;
    t.rpcs += r.rpcs;
    t.promises += r.promises;
    t.amountCollected = cents(t.amountCollected + r.amountCollected);
    t.casesWorked += r.casesWorked;
    t.talkSeconds += r.talkSeconds;
    t.violations += r.violations;
    teams.set(team, t);
  }
  return [...teams.values()]
    .map((t) => ({
      ...t,
      rpcRate: t.attempts > 0 ? t.rpcs / t.attempts : 0,
      promiseRate: t.rpcs > 0 ? t.promises / t.rpcs : 0,
      collectedPerTalkHour:
        t.talkSeconds > 0 ? cents(t.amountCollected / (t.talkSeconds / 3600)) : null,
    }))
    .sort((a, b) => b.amountCollected - a.amountCollected || a.team.localeCompare(b.team));
}

export interface ScatterPoint {
  agentId: string;
  name: string;
  team: string;
  rpcRate: number;
  keptRate: number;
  attempts: number;
}

/** RPC rate vs kept rate; agents with no matured promise (kept rate null) are left out and counted. */
export function rpcVsKept(rows: readonly AgentRowLike[]): {
  points: ScatterPoint[];
  withoutKept: number;
} {
  const points: ScatterPoint[] = [];
  let withoutKept = 0;
  for (const r of rows) {
    if (r.keptRate === null || r.keptRate === undefined) withoutKept++;
    else
      points.push({
        agentId: r.agentId,
        name: r.agentName ?? r.agentId,
        team: r.team ?? '',
        rpcRate: r.rpcRate,
        keptRate: r.keptRate,
        attempts: r.attempts,
      });
  }
  return { points, withoutKept };
}
