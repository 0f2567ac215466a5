/** Channels & compliance (docs/metrics/compliance.md): effectiveness and cost per channel, contact-rule violations. */
import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFigure } from '../../components/Chart.tsx';
import { DataTable, type TableColumn } from '../../components/DataTable.tsx';
import { Panel } from '../../components/Panel.tsx';
import { QueryView } from '../../components/States.tsx';
import { gql } from '../../lib/client.ts';
import { portfolioFilter } from '../../lib/filters.ts';
import { fmtInt, fmtNum, fmtPct } from '../../lib/format.ts';
import { fmtMoney } from '../../lib/money.ts';
import { useQuery } from '../../lib/useQuery.ts';
import type { PageProps } from '../../pages.ts';
import { channelRows, type ChannelRow } from './channels.ts';
import { CompliancePanels } from './CompliancePanels.tsx';
import { ChannelsQuery } from './queries.ts';
import { COLOUR, rateDomain } from '../../lib/palette.ts';

const channelColumns: TableColumn<ChannelRow>[] = [
  { id: 'channel', label: 'Channel', value: (c) => c.channel },
  {
    id: 'attempts',
    label: 'Attempts',
    value: (c) => c.attempts,
    numeric: true,
    render: (c) => fmtInt(c.attempts),
  },
  {
    id: 'contactRate',
    label: 'Contact rate',
    value: (c) => c.contactRate,
    numeric: true,
    render: (c) => fmtPct(c.contactRate),
  },
  {
    id: 'rpcRate',
    label: 'RPC rate',
    value: (c) => c.rpcRate,
    numeric: true,
    render: (c) => fmtPct(c.rpcRate),
  },
  {
    id: 'promises',
    label: 'Promises',
    value: (c) => c.promises,
    numeric: true,
    render: (c) => fmtInt(c.promises),
  },
  {
    id: 'payments',
    label: 'Payments ≤ 7 days',
    value: (c) => c.payments,
    numeric: true,
    render: (c) => fmtInt(c.payments),
  },
  {
    id: 'amountCollected',
    label: 'Collected',
    value: (c) => c.amountCollected,
    numeric: true,
    render: (c) => fmtMoney(c.amountCollected),
  },
  {
    id: 'cost',
    label: 'Cost',
    value: (c) => c.cost,
    numeric: true,
    render: (c) => fmtMoney(c.cost),
  },
  {
    id: 'costPerPayment',
    label: 'Cost per payment',
    value: (c) => c.costPerPayment,
    numeric: true,
    render: (c) => fmtNum(c.costPerPayment, 2),
  },
  {
    id: 'costToCollect',
    label: 'Cost to collect',
    value: (c) => c.costToCollect,
    numeric: true,
    render: (c) => fmtNum(c.costToCollect, 3),
  },
];

export default function ChannelsPage({ filters, params, setParams }: PageProps) {
  const vars = { from: filters.from, to: filters.to, filter: portfolioFilter(filters) };
  const q = useQuery(`channels:${JSON.stringify(vars)}`, (signal) =>
    gql(ChannelsQuery, vars, signal),
  );
  const [basis, setBasis] = useState<'rates' | 'cost'>('rates');
  const range = `${filters.from}_${filters.to}`;
  return (
    <div className="grid">
      <QueryView
        state={q}
        what="channel effectiveness"
        isEmpty={(d) => d.channelEffectiveness.every((c) => c.attempts === 0)}
        empty="No contact attempt in this date range. Widen the range."
      >
        {({ channelEffectiveness }) => {
          const rows = channelRows(channelEffectiveness).filter((c) => c.attempts > 0);
          return (
            <>
              <Panel
                title="Channel effectiveness"
                wide
                actions={
                  <label>
                    Show{' '}
                    <select
                      value={basis}
                      onChange={(e) => setBasis(e.target.value as 'rates' | 'cost')}
                    >
                      <option value="rates">Contact, RPC and promise rates</option>
                      <option value="cost">Cost and collected</option>
                    </select>
                  </label>
                }
                csv={{ filename: `channels_${range}.csv`, columns: channelColumns, rows }}
              >
                <ChartFigure
                  label={
                    basis === 'rates'
                      ? 'Contact, right-party contact and promise rates by channel'
                      : 'Cost and amount collected within 7 days by channel'
                  }
                >
                  <ResponsiveContainer>
                    <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="channel" />
                      {basis === 'rates' ? (
                        <>
                          <YAxis
                            domain={rateDomain(
                              rows.flatMap((r) => [r.contactRate, r.rpcRate, r.promiseRate]),
                            )}
                            tickFormatter={(v: number) => fmtPct(v, 0)}
                            width={56}
                          />
                          <Tooltip formatter={(v) => fmtPct(Number(v))} />
                          <Legend />
                          <Bar
                            dataKey="contactRate"
                            name="Contact rate"
                            fill={COLOUR.neutral}
                            isAnimationActive={false}
                          />
                          <Bar
                            dataKey="rpcRate"
                            name="RPC rate"
                            fill={COLOUR.good}
                            isAnimationActive={false}
                          />
                          <Bar
                            dataKey="promiseRate"
                            name="Promise rate"
                            fill={COLOUR.accent}
                            isAnimationActive={false}
                          />
                        </>
                      ) : (
                        <>
                          <YAxis
                            tickFormatter={(v: number) => fmtMoney(v, { compact: true })}
                            width={90}
                          />
                          <Tooltip formatter={(v) => fmtMoney(Number(v))} />
                          <Legend />
                          <Bar
                            dataKey="cost"
                            name="Cost"
                            fill={COLOUR.bad}
                            isAnimationActive={false}
                          />
                          <Bar
                            dataKey="amountCollected"
                            name="Collected"
                            fill={COLOUR.good}
                            isAnimationActive={false}
                          />
                        </>
                      )}
                    </BarChart>
                  </ResponsiveContainer>
                </ChartFigure>
              </Panel>
              <Panel title="Channels" wide>
                <DataTable
                  csvFilename={`channels_table_${range}.csv`}
                  caption="Effectiveness and cost by channel"
                  columns={channelColumns}
                  rows={rows}
                  rowKey={(c) => c.channel}
                />
              </Panel>
            </>
          );
        }}
      </QueryView>
      <CompliancePanels filters={filters} params={params} setParams={setParams} />
    </div>
  );
}
