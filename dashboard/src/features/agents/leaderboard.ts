/** Agent scatter math (docs/metrics/agent-performance.md); team roll-ups come from the API's teamPerformance. */
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
