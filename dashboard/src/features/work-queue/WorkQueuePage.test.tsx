import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCurrency } from '../../lib/money.ts';
import type { Filters } from '../../lib/filters.ts';
import type { LatestRun } from './queue.ts';
import WorkQueuePage from './WorkQueuePage.tsx';
import { stubApi } from '../../lib/stub-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setCurrency('CNY');
});

const filters: Filters = {
  from: '',
  to: '',
  portfolios: [],
  products: [],
  regions: [],
  riskGrades: [],
};
const run = {
  runId: '8f0c3c1e-0000-4000-8000-000000000001',
  trainedAt: '2026-11-02T08:00:00.000Z',
  cutoff: '2026-07-04T07:30:00.000Z',
  published: true,
  verdict: 'published: beats the baseline (AUC 0.758 vs baseline 0.657, …)',
};
const dims = {
  dimensions: {
    teams: ['north'],
    segments: ['willing_able'],
    agents: [{ agentId: 'a1', name: 'Ann' }],
  },
};
const row = {
  caseId: 'C-9',
  score: 0.42,
  balance: 12000,
  expectedRecovery: 5040,
  expectedCost: 36,
  priority: 140,
  bucket: 'M2',
  segment: 'willing_able',
  strategy: 'early_call',
  agentId: 'a1',
  team: 'north',
};

/** runs newest first: the API's answers to QueueModel's newest run and newest published run. */
const stub = (runs: LatestRun[], queue: unknown = null) =>
  stubApi((body) => {
    if (body.query.includes('query QueueModel'))
      return {
        data: { newest: runs.slice(0, 1), published: runs.filter((r) => r.published).slice(0, 1) },
      };
    if (body.query.includes('query QueueDimensions')) return { data: dims };
    return queue;
  });

const page = (params = '') => (
  <WorkQueuePage
    filters={filters}
    asOf=""
    params={new URLSearchParams(params)}
    setParams={() => {}}
  />
);

describe('WorkQueuePage', () => {
  it('says how to get a queue when no model was trained', async () => {
    const sent = stub([]);
    render(page());
    const state = await screen.findByText(/No model is published/);
    expect(state.getAttribute('data-queue-empty')).toBe('none');
    expect(state.textContent).toContain('pnpm etl score');
    // the queue itself is not asked for: the API would refuse it
    expect(sent.some((s) => s.query.includes('query WorkQueue('))).toBe(false);
  });

  it('gives the verdict when the latest model was refused', async () => {
    stub([{ ...run, published: false, verdict: 'not published: does not beat the baseline' }]);
    render(page());
    const state = await screen.findByText(/not published: does not beat the baseline/);
    expect(state.getAttribute('data-queue-empty')).toBe('refused');
    expect(state.textContent).toContain('pnpm etl score');
  });

  it('shows the last published model’s queue when the newest was refused, and says so', async () => {
    const refused = {
      ...run,
      runId: '8f0c3c1e-0000-4000-8000-000000000002',
      trainedAt: '2026-12-01T08:00:00.000Z',
      published: false,
      verdict: 'not published: Brier 0.160 vs baseline 0.158',
    };
    const sent = stub([refused, run], {
      data: { workQueue: { runId: run.runId, scoredAt: null, total: 1, rows: [row] } },
    });
    render(page());
    await screen.findByText('C-9');
    expect(sent.some((s) => s.query.includes('query WorkQueue('))).toBe(true);
    expect(document.querySelector('[data-run-id]')?.getAttribute('data-run-id')).toBe(run.runId);
    const note = document.querySelector('[data-queue-fallback]');
    expect(note?.getAttribute('data-queue-fallback')).toBe(refused.runId);
    expect(note?.textContent).toContain('not published: Brier 0.160 vs baseline 0.158');
  });

  it('asks for the picked filters and shows the ranked rows in the currency', async () => {
    setCurrency('EUR');
    const sent = stub([run], {
      data: {
        workQueue: {
          runId: run.runId,
          scoredAt: '2026-11-01T07:30:00.000Z',
          total: 1,
          rows: [row],
        },
      },
    });
    render(page('team=north&segment=,willing_able&bucket=M2'));
    await screen.findByText('C-9');
    const q = sent.find((s) => s.query.includes('query WorkQueue('))!;
    expect(q.variables).toEqual({
      filter: { teams: ['north'], segments: ['', 'willing_able'], buckets: ['M2'] },
      limit: 50,
      offset: 0,
    });
    const cells = [...screen.getByText('C-9').closest('tr')!.querySelectorAll('td')].map(
      (td) => td.textContent,
    );
    // case, bucket, segment, strategy, holder (name), team, score, balance, recovery, cost, per cost
    expect(cells).toEqual([
      'C-9',
      'M2',
      'willing_able',
      'early_call',
      'Ann',
      'north',
      '42.0%',
      'EUR 12,000',
      'EUR 5,040',
      'EUR 36.00',
      '140.0',
    ]);
    expect(document.querySelector('[data-run-id]')?.getAttribute('data-run-id')).toBe(run.runId);
  });
});
