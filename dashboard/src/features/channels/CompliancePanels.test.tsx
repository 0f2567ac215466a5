import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompliancePanels } from './CompliancePanels.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

const counts = {
  voiceAttempts: 40,
  violations: 3,
  violationRate: 0.075,
  outsideHours: 2,
  overDailyLimit: 1,
  overWeeklyLimit: 0,
};
const report = {
  ...counts,
  thresholds: { startHour: 8, endHour: 21, maxPerDay: 3, maxPer7Days: 7 },
  teams: [{ team: 'north', ...counts }],
  agents: [{ agentId: 'a1', agentName: 'Ann', team: 'north', ...counts }],
};

describe('CompliancePanels', () => {
  it('shows the counts to a viewer and explains the FORBIDDEN offending-attempts list', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const { query } = JSON.parse(String(init.body)) as { query: string };
        return query.includes('offendingAttempts')
          ? json({
              data: null,
              errors: [{ message: 'Analyst role required.', extensions: { code: 'FORBIDDEN' } }],
            })
          : json({ data: { complianceReport: report } });
      }),
    );
    const filters = {
      from: '2026-08-01',
      to: '2026-10-31',
      portfolios: [],
      products: [],
      regions: [],
      riskGrades: [],
    };
    render(
      <CompliancePanels filters={filters} params={new URLSearchParams()} setParams={() => {}} />,
    );
    expect(await screen.findByText(/list of offending attempts is for analysts/)).toBeTruthy();
    // 3 of 40 = 7.5%, in the summary and the team table
    expect(screen.getAllByText('7.5%').length).toBeGreaterThan(0);
    expect(screen.getByRole('table', { name: 'Contact-rule violations by team' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
