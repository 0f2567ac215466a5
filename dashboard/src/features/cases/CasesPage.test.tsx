import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Filters } from '../../lib/filters.ts';
import CasesPage from './CasesPage.tsx';
import { stubApi } from '../../lib/stub-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const filters: Filters = {
  from: '2026-08-01',
  to: '2026-10-31',
  portfolios: [],
  products: [],
  regions: [],
  riskGrades: [],
};
const dims = { dimensions: { strategies: ['soft'], segments: ['retail'], teams: ['north'] } };
const row = {
  caseId: 'C-1',
  accountMasked: 'ACC1…',
  openedAt: '2026-09-03T14:05:00.000Z',
  strategy: 'soft',
  segment: 'retail',
  entryDpd: 35,
  entryBucket: 'M2',
  entryBalance: 1200,
  agentId: 'a1',
  agentName: 'Ann',
  team: 'north',
  closed: true,
  closedAt: '2026-09-20T10:00:00.000Z',
  outcome: 'cured',
  paid: 300,
};

const stub = (cases: unknown) =>
  stubApi((body) => (body.query.includes('CaseDimensions') ? { data: dims } : cases));

describe('CasesPage', () => {
  it('tells a viewer key that the drill-down needs the analyst role', async () => {
    stub({
      data: null,
      errors: [
        {
          message:
            'This needs the analyst role (case-level rows); your API key has the viewer role.',
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
    render(
      <CasesPage filters={filters} asOf="" params={new URLSearchParams()} setParams={() => {}} />,
    );
    const note = await screen.findByRole('alert');
    expect(note.textContent).toContain('Case drill-down needs the analyst role.');
    expect(note.textContent).toContain('your API key has the viewer role');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('asks for the page settings, shows the rows and opens a case', async () => {
    const sent = stub({ data: { cases: { total: 51, rows: [row] } } });
    const setParams = vi.fn();
    render(
      <CasesPage
        filters={filters}
        asOf=""
        params={new URLSearchParams('outcome=cured&offset=50')}
        setParams={setParams}
      />,
    );
    await screen.findByRole('button', { name: 'C-1' });
    const q = sent.find((s) => s.query.includes('query Cases'))!;
    expect(q.variables).toEqual({
      filter: { openedFrom: '2026-08-01', openedTo: '2026-10-31', outcomes: ['cured'] },
      limit: 50,
      offset: 50,
    });
    // page 2 of 51 rows holds row 51 only
    expect(screen.getByText('51–51 of 51')).toBeTruthy();
    await screen.findByRole('button', { name: 'Export Cases, rows 51–51 of 51, as CSV' });
    fireEvent.click(screen.getByRole('button', { name: 'C-1' }));
    expect(setParams).toHaveBeenCalledWith({ case: 'C-1' });
  });
});
