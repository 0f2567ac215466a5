/**
 * The Work queue page finds the published cure run however many refused
 * trainings came after it (docs/models.md "Work queue"): the page's own
 * QueueModel request, run through the real API, and its own queueModel choice.
 * It used to read the newest 100 runs and look for the published one among
 * them: with 120 refused runs after it the page said "no model published"
 * while the API ranked the queue by it.
 *
 * Runs (cure_30d): P published, trained 2025-01-01; R1 … R120 refused, trained
 * one day apart from 2025-02-01 (R120 the newest, 2025-05-31).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '@collections/api/testing';
import { documents, queueModel } from '@collections/dashboard/requests';

const P = '00000000-0000-4000-8000-000000000fff';
const REFUSED = 120;
// No evaluation is under test: an empty one for both model and baseline.
const NO_EVALUATION = {
  n: 0,
  positives: 0,
  auc: 0.5,
  aucLow: 0.5,
  aucHigh: 0.5,
  brier: 0,
  deciles: [],
};
const METRICS = JSON.stringify({ model: NO_EVALUATION, baseline: NO_EVALUATION });
const refusedId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  const rows = [`('${P}', 'cure_30d', '2025-01-01 00:00:00', 1, 'published', '${METRICS}')`];
  for (let i = 1; i <= REFUSED; i++)
    rows.push(
      `('${refusedId(i)}', 'cure_30d', toDateTime('2025-02-01 00:00:00') + INTERVAL ${i - 1} DAY, 0, 'not published: run ${i}', '${METRICS}')`,
    );
  await api.db.client.command({
    query: `INSERT INTO model_run (run_id, target, trained_at, published, verdict, metrics) VALUES ${rows.join(', ')}`,
  });
});
afterAll(() => api.dispose());

describe('the Work queue page and the published run', () => {
  it('ranks by the published run behind more than a hundred refused ones', async () => {
    const data = await api.data(documents.QueueModelDocument.toString());
    const m = queueModel(data as Parameters<typeof queueModel>[0]);
    expect(m).toMatchObject({
      kind: 'published',
      run: { runId: P, published: true },
      refused: { runId: refusedId(REFUSED), verdict: `not published: run ${REFUSED}` },
    });
  });

  it('modelRuns(publishedOnly: true) lists the published runs only', async () => {
    const data = (await api.data('{ modelRuns(limit: 1000, publishedOnly: true) { runId } }')) as {
      modelRuns: { runId: string }[];
    };
    expect(data.modelRuns).toEqual([{ runId: P }]);
    const all = (await api.data('{ modelRuns(limit: 1000) { runId } }')) as {
      modelRuns: unknown[];
    };
    expect(all.modelRuns).toHaveLength(REFUSED + 1);
  });
});
