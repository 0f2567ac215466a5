/**
 * Work queue (docs/models.md#work-queue): the page's URL params as the API's
 * WorkQueueFilter and paging, and what the page says about the model behind
 * the queue. Pure, unit-tested.
 */
import type { WorkQueueFilter } from '../../gql/graphql.ts';
import { CASE_PAGE, caseOffset } from '../cases/cases.ts';

export const QUEUE_PAGE = CASE_PAGE;

/** URL param → WorkQueueFilter field; each param is a comma-separated list. */
export const QUEUE_PARAMS = {
  team: 'teams',
  agent: 'agents',
  segment: 'segments',
  bucket: 'buckets',
} as const satisfies Record<string, keyof WorkQueueFilter>;

export type QueueParam = keyof typeof QUEUE_PARAMS;

/** The values of one list param ('' is a value: the segment "none"). */
export function listParam(params: URLSearchParams, name: QueueParam): string[] {
  const v = params.get(name);
  if (v === null) return [];
  return [...new Set(v.split(',').map((s) => s.trim()))];
}

/** The list as a URL param value, or null to drop the param. */
export function writeList(values: readonly string[]): string | null {
  return values.length === 0 ? null : values.join(',');
}

/** The API filter from the URL; null when nothing is restricted. */
export function queueFilter(params: URLSearchParams): WorkQueueFilter | null {
  const f: WorkQueueFilter = {};
  for (const [param, field] of Object.entries(QUEUE_PARAMS) as [
    QueueParam,
    keyof WorkQueueFilter,
  ][]) {
    const values = listParam(params, param);
    if (values.length) f[field] = values;
  }
  return Object.keys(f).length ? f : null;
}

/** The 0-based row offset from the URL: the same 50-row server paging as Cases. */
export const queueOffset = caseOffset;

export interface LatestRun {
  runId: string;
  trainedAt: string;
  cutoff: string;
  published: boolean;
  verdict: string;
}

/**
 * Which cure run ranks the queue: the newest published one, as the API picks it,
 * with the newer refused run when there is one (the page says the queue is the
 * older model's). The API refuses the queue when no run was ever published; the
 * page says why before asking. `newest` and `published` are QueueModel's lists
 * (at most one run each).
 */
export function queueModel(runs: {
  newest: readonly LatestRun[];
  published: readonly LatestRun[];
}):
  | { kind: 'none' }
  | { kind: 'refused'; run: LatestRun }
  | { kind: 'published'; run: LatestRun; refused: LatestRun | null } {
  const newest = runs.newest[0];
  if (!newest) return { kind: 'none' };
  const run = runs.published[0];
  if (!run) return { kind: 'refused', run: newest };
  return { kind: 'published', run, refused: newest.published ? null : newest };
}
