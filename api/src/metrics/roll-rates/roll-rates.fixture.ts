import { refreshDerived, type Db } from '@collections/schema';
/**
 * A small portfolio for the roll-rate and loss-forecast golden tests. Expected
 * numbers are worked out by hand in the tests from this table:
 *
 * | acct | dims (portfolio/product/region/grade) | Jan (as_of, dpd, bal)        | Feb                              | Mar              |
 * |------|----------------------------------------|------------------------------|----------------------------------|------------------|
 * | a1   | retail/credit_card/north/A             | 31st dpd 0, 100 → M0         | dpd 1, 100 → M1                  | dpd 31 → M2      |
 * | a2   | retail/credit_card/north/A             | dpd 0, 300 → M0              | dpd 0, 280 → M0                  | closed, 0        |
 * | a3   | retail/personal_loan/north/A           | dpd 30, 200 → M1             | dpd 0, 150 → M0                  | dpd 0, 140 → M0  |
 * | a4   | retail/credit_card/north/A             | 15th dpd 45 (loses), 31st dpd 30, 400 → M1 | dpd 58, 400 → M2   | —                |
 * | a5   | retail/credit_card/south/E             | dpd 180, 500 → M6            | dpd 181+28=209, 500 → M7_PLUS    | charged_off, 500 |
 * | a6   | retail/credit_card/north/A             | dpd 0, 50 → M0               | —                                | dpd 0, 50 → M0   |
 * | a7   | sme/sme_loan/south/C                   | dpd 10, 1000 → M1            | same as_of twice: dpd 0 at 02:00Z (10:00+08:00) loses to dpd 40 at 03:00Z → M2 | dpd 70 → M3 |
 * | a8   | retail/credit_card/north/B             | —                            | —                                | dpd 200, 300 → M7_PLUS |
 */
export interface FixtureEvent {
  table: 'account_snapshot' | 'account_opened';
  row: Record<string, unknown>;
}

const dims: Record<string, [string, string, string, string]> = {
  a1: ['retail', 'credit_card', 'north', 'A'],
  a2: ['retail', 'credit_card', 'north', 'A'],
  a3: ['retail', 'personal_loan', 'north', 'A'],
  a4: ['retail', 'credit_card', 'north', 'A'],
  a5: ['retail', 'credit_card', 'south', 'E'],
  a6: ['retail', 'credit_card', 'north', 'A'],
  a7: ['sme', 'sme_loan', 'south', 'C'],
  a8: ['retail', 'credit_card', 'north', 'B'],
};

type Snap = [
  account: string,
  asOf: string,
  dpd: number,
  balance: string,
  status?: string,
  occurredAt?: string,
];

const snaps: Snap[] = [
  ['a1', '2026-01-31', 0, '100.00'],
  ['a1', '2026-02-28', 1, '100.00'],
  ['a1', '2026-03-31', 31, '100.00'],
  ['a2', '2026-01-31', 0, '300.00'],
  ['a2', '2026-02-28', 0, '280.00'],
  ['a2', '2026-03-31', 0, '0.00', 'closed'],
  ['a3', '2026-01-31', 30, '200.00'],
  ['a3', '2026-02-28', 0, '150.00'],
  ['a3', '2026-03-31', 0, '140.00'],
  ['a4', '2026-01-15', 45, '410.00'],
  ['a4', '2026-01-31', 30, '400.00'],
  ['a4', '2026-02-28', 58, '400.00'],
  ['a5', '2026-01-31', 180, '500.00'],
  ['a5', '2026-02-28', 209, '500.00'],
  ['a5', '2026-03-31', 239, '500.00', 'charged_off'],
  ['a6', '2026-01-31', 0, '50.00'],
  ['a6', '2026-03-31', 0, '50.00'],
  ['a7', '2026-01-31', 10, '1000.00'],
  ['a7', '2026-02-28', 0, '1000.00', 'open', '2026-02-28T10:00:00+08:00'],
  ['a7', '2026-02-28', 40, '1000.00', 'open', '2026-02-28T03:00:00Z'],
  ['a7', '2026-03-31', 70, '1000.00'],
  ['a8', '2026-03-31', 200, '300.00'],
];

/** Every fixture event (without load_id), in a fixed order. */
export function fixtureEvents(): FixtureEvent[] {
  const opened: FixtureEvent[] = Object.entries(dims).map(
    ([account, [portfolio, product, region, grade]]) => ({
      table: 'account_opened',
      row: {
        event_id: `open-${account}`,
        occurred_at: '2025-01-01T00:00:00Z',
        account_id: account,
        customer_hash: `h-${account}`,
        product,
        portfolio,
        region,
        opened_on: '2025-01-01',
        principal: '1000.00',
        risk_grade: grade,
      },
    }),
  );
  const snapshots: FixtureEvent[] = snaps.map(
    ([account, asOf, dpd, balance, status, occurredAt], i) => ({
      table: 'account_snapshot',
      row: {
        event_id: `snap-${i}`,
        occurred_at: occurredAt ?? `${asOf}T20:00:00Z`,
        account_id: account,
        as_of: asOf,
        dpd,
        balance,
        amount_due: '0.00',
        status: status ?? 'open',
      },
    }),
  );
  return [...opened, ...snapshots];
}

/** Insert events as one load (offsets in occurred_at parsed to UTC, as the loader stores them) and refresh derived tables. */
export async function loadEvents(
  db: Pick<Db, 'client'>,
  events: readonly FixtureEvent[],
  loadId: string,
): Promise<void> {
  for (const table of ['account_opened', 'account_snapshot'] as const) {
    const rows = events
      .filter((e) => e.table === table)
      .map((e) => ({ ...e.row, load_id: loadId }));
    if (rows.length === 0) continue;
    await db.client.insert({
      table,
      values: rows,
      format: 'JSONEachRow',
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
  }
  await refreshDerived(db, { loadIds: [loadId] });
}
