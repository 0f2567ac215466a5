/**
 * workQueue after a refused training (docs/models.md "Work queue"): the newest
 * cure run that beat the baseline ranks the queue, so a refused newer run does
 * not empty it; with no published run at all the answer is BAD_USER_INPUT with
 * the newest run's verdict.
 *
 * Runs (cure_30d): R1 published, trained 2026-01-10, scored 01-10 (K1 0.5 × 1000 / 10 = 50,
 * K2 0.2 × 2000 / 5 = 80); R2 refused, trained 2026-02-10, no scores. R3 is a
 * payment_30d run (another target: never the queue's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';

const R1 = '00000000-0000-4000-8000-000000000001';
const R2 = '00000000-0000-4000-8000-000000000002';
const R3 = '00000000-0000-4000-8000-000000000003';
let api: TestApi;

const run = (id: string, target: string, trainedAt: string, published: 0 | 1, verdict: string) =>
  `('${id}', '${target}', '${trainedAt}', ${published}, '${verdict}')`;
const score = (caseId: string, p: number, balance: number, cost: number) =>
  `('${R1}', 'cure_30d', '2026-01-10 00:00:00', '${caseId}', 'A-${caseId}', ${p}, ${balance}, 'M1', 's', 'early_call', '', ${cost})`;

const QUEUE = '{ workQueue { runId total rows { caseId priority } } }';

beforeAll(async () => {
  api = await createTestApi();
  await api.db.client.command({
    query: `INSERT INTO model_run (run_id, target, trained_at, published, verdict) VALUES ${run(R3, 'payment_30d', '2026-03-01 00:00:00', 1, 'published')}`,
  });
});
afterAll(() => api.dispose());

describe('workQueue and the published run', () => {
  it('refuses with the verdict when no cure run was ever published', async () => {
    await api.db.client.command({
      query: `INSERT INTO model_run (run_id, target, trained_at, published, verdict) VALUES ${run(R2, 'cure_30d', '2026-02-10 00:00:00', 0, 'not published: Brier 0.160 vs baseline 0.158')}`,
    });
    const result = await api.run(QUEUE);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe(
      'No cure model has been published, so there is no queue; the latest was refused: not published: Brier 0.160 vs baseline 0.158',
    );
  });

  it('ranks by the last published run when the newest was refused', async () => {
    await api.db.client.command({
      query: `INSERT INTO model_run (run_id, target, trained_at, published, verdict) VALUES ${run(R1, 'cure_30d', '2026-01-10 00:00:00', 1, 'published')}`,
    });
    await api.db.client.command({
      query: `INSERT INTO case_score (run_id, target, scored_at, case_id, account_id, score, balance, bucket, segment, strategy, agent_id, expected_cost) VALUES ${score('K1', 0.5, 1000, 10)}, ${score('K2', 0.2, 2000, 5)}`,
    });
    // K2: 0.2 × 2000 / 5 = 80 before K1: 0.5 × 1000 / 10 = 50
    expect((await api.data(QUEUE)).workQueue).toEqual({
      runId: R1,
      total: 2,
      rows: [
        { caseId: 'K2', priority: 80 },
        { caseId: 'K1', priority: 50 },
      ],
    });
  });
});
