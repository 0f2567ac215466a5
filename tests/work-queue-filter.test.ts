/**
 * workQueue's filters (docs/models.md#work-queue): a value the dashboard's
 * pickers offer (`dimensions`) is known even when no open case in the queue has
 * it — a registered team without open cases is an empty queue, not an error —
 * while a misspelt value is still BAD_USER_INPUT.
 *
 * The portfolio is too small for a model to beat the baseline, so the test marks
 * its run published: what is under test is the filter, not the verdict.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '@collections/api/testing';
import { loadPaths, scoreOpenCases, trainModel } from '@collections/etl';
import { generate } from '@collections/generator';

const dir = mkdtempSync(join(tmpdir(), 'work-queue-filter-'));
const PII_KEY = 'work-queue-filter-test-key';
let api: TestApi;

beforeAll(async () => {
  await generate({ out: join(dir, 'events'), accounts: 600, months: 8, seed: 3 });
  api = await createTestApi();
  await loadPaths(api.db, [join(dir, 'events')], { piiKey: PII_KEY });
  const run = await trainModel(api.db, { target: 'cure_30d' });
  await api.db.client.command({
    query: `ALTER TABLE model_run UPDATE published = 1 WHERE run_id = {id:UUID} SETTINGS mutations_sync = 2`,
    query_params: { id: run.runId },
  });
  await scoreOpenCases(api.db, { ...run, published: true }, run.asOf);
  // A team registered after the scoring instant: no case of the queue is held by it.
  const agent = {
    event_id: 'ev-agent-new',
    type: 'agent_registered',
    occurred_at: run.asOf,
    agent_id: 'AG-NEW',
    name: 'New Agent',
    team: 'zulu',
    site: 'Chengdu',
    hired_on: '2026-01-01',
  };
  writeFileSync(join(dir, 'agent.ndjson'), `${JSON.stringify(agent)}\n`);
  await loadPaths(api.db, [join(dir, 'agent.ndjson')], { piiKey: PII_KEY });
}, 900_000);
afterAll(async () => {
  await api?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('workQueue filters', () => {
  it('a registered team or agent without open cases gives an empty page', async () => {
    const { workQueue } = await api.data<{ workQueue: { total: number; rows: unknown[] } }>(
      `{ workQueue(filter: { teams: ["zulu"], agents: ["AG-NEW"] }) { total rows { caseId } } }`,
    );
    expect(workQueue).toEqual({ total: 0, rows: [] });
  });

  it('a misspelt value is BAD_USER_INPUT naming it', async () => {
    const bad = await api.run(`{ workQueue(filter: { teams: ["zuluu"] }) { total } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('zuluu');
  });
});
