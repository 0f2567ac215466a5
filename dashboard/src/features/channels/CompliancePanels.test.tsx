import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompliancePanels } from './CompliancePanels.tsx';
import { stubApi } from '../../lib/stub-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
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

const filters = {
  from: '2026-08-01',
  to: '2026-10-31',
  portfolios: [],
  products: [],
  regions: [],
  riskGrades: [],
};

describe('CompliancePanels', () => {
  it('shows the counts to a viewer and explains the FORBIDDEN offending-attempts list', async () => {
    stubApi(({ query }) =>
      query.includes('offendingAttempts')
        ? {
            data: null,
            errors: [{ message: 'Analyst role required.', extensions: { code: 'FORBIDDEN' } }],
          }
        : { data: { complianceReport: report } },
    );
    render(
      <CompliancePanels filters={filters} params={new URLSearchParams()} setParams={() => {}} />,
    );
    expect(await screen.findByText(/list of offending attempts is for analysts/)).toBeTruthy();
    // 3 of 40 = 7.5%, in the summary and the team table
    expect(screen.getAllByText('7.5%').length).toBeGreaterThan(0);
    expect(screen.getByRole('table', { name: 'Contact-rule violations by team' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks for one team through filter: { teams } and offers no "(no team)" a filter cannot take', async () => {
    const sent = stubApi(({ query }) =>
      query.includes('offendingAttempts')
        ? { data: { complianceReport: { offendingAttempts: { total: 0, rows: [] } } } }
        : {
            data: {
              complianceReport: { ...report, teams: [...report.teams, { team: '', ...counts }] },
            },
          },
    );
    render(
      <CompliancePanels
        filters={filters}
        params={new URLSearchParams('team=north')}
        setParams={() => {}}
      />,
    );
    await screen.findByRole('table', { name: 'Contact-rule violations by team' });
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    for (const { query, variables } of sent) {
      // complianceReport(team:) is deprecated: the team goes in the filter
      expect(query).not.toMatch(/\bteam: \$team/);
      expect(variables).toMatchObject({ filter: { teams: ['north'] } });
      expect(variables).not.toHaveProperty('team');
    }
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['All teams', 'north']);
  });
});
