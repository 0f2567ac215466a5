import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Filters } from '../../lib/filters.ts';
import StrategiesPage from './StrategiesPage.tsx';
import { stubApi } from '../../lib/stub-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const filters: Filters = {
  from: '2025-11-01',
  to: '2026-10-31',
  portfolios: [],
  products: [],
  regions: [],
  riskGrades: [],
};

const experiment = (name: string, firstDay: string, lastDay: string) => ({
  name,
  firstDay,
  lastDay,
  cases: 300,
  champion: 'soft',
  verdict: 'no significant difference',
  cureWithinDays: 30,
  arms: [
    { strategy: 'soft', cases: 200, champion: true },
    { strategy: 'firm', cases: 100, champion: false },
  ],
});

const stub = () =>
  stubApi((body) =>
    body.query.includes('query Experiments')
      ? // The API lists the latest first: "b-late" before "a-early" although it sorts after.
        {
          data: {
            experiments: [
              experiment('b-late', '2026-06-01', '2026-09-30'),
              experiment('a-early', '2025-01-01', '2025-03-31'),
            ],
          },
        }
      : {
          data: {
            strategyComparison: {
              experiment: body.variables.experiment,
              champion: 'soft',
              cureWithinDays: 30,
              verdict: 'no significant difference',
              arms: [],
            },
          },
        },
  );

describe('StrategiesPage', () => {
  it('opens on the latest experiment of the experiments query and writes it into the URL', async () => {
    const sent = stub();
    const setParams = vi.fn();
    render(
      <StrategiesPage
        filters={filters}
        asOf="2026-11-01"
        params={new URLSearchParams()}
        setParams={setParams}
      />,
    );
    const summary = await screen.findByRole('region', { name: 'The experiment' });
    expect(summary.textContent).toContain(
      'b-late: cases opened 2026-06-01 to 2026-09-30, 300 cases in 2 arms (soft 200, firm 100); champion soft.',
    );
    const select = screen.getByRole('combobox', { name: 'Experiment' }) as HTMLSelectElement;
    expect(select.value).toBe('b-late');
    expect([...select.options].map((o) => o.text)).toEqual([
      'b-late (2026-06-01 to 2026-09-30)',
      'a-early (2025-01-01 to 2025-03-31)',
    ]);
    // written by an effect after the commit that shows the summary
    await vi.waitFor(() => expect(setParams).toHaveBeenCalledWith({ experiment: 'b-late' }, true));
    await vi.waitFor(() =>
      expect(sent.some((s) => s.variables.experiment === 'b-late')).toBe(true),
    );
  });

  it('offers the experiment’s own dates when its cases opened outside the range', async () => {
    stub();
    const setParams = vi.fn();
    render(
      <StrategiesPage
        filters={filters}
        asOf="2026-11-01"
        params={new URLSearchParams('experiment=a-early')}
        setParams={setParams}
      />,
    );
    await screen.findByText('Its cases opened outside the date range above.');
    screen
      .getByRole('button', { name: 'Compare over its dates (2025-01-01 to 2025-03-31)' })
      .click();
    expect(setParams).toHaveBeenCalledWith({ from: '2025-01-01', to: '2025-03-31' });
  });

  it('shows a spinner while the experiments load, then says when the data have none', async () => {
    stubApi(() => ({ data: { experiments: [] } }));
    render(
      <StrategiesPage
        filters={filters}
        asOf="2026-11-01"
        params={new URLSearchParams()}
        setParams={vi.fn()}
      />,
    );
    const loading = screen.getByRole('status');
    expect(loading.textContent).toContain('Loading the experiments…');
    expect(loading.querySelector('.spinner')).not.toBeNull();
    const empty = await screen.findByText(
      'No experiment in the data: no case carries an experiment name.',
    );
    expect(empty.className).toBe('state empty');
    expect(document.querySelector('.spinner')).toBeNull();
  });
});
