/** Explore's merge of fact rows into answer rows (pure). */
import { describe, expect, it } from 'vitest';
import { KPI_NAMES } from '../kpis/kpis.compute.ts';
import {
  MEASURES,
  Measure,
  MeasureUnit,
  dimensionsOf,
  factsOf,
  type MetricRef,
} from './explore.catalog.ts';
import { baseMeasures, mergeRows, type FactResult } from './explore.compute.ts';
import { CONTACT_METRICS } from './explore.equality-contact.ts';
import { COHORT_METRICS } from './explore.equality-cohort.ts';

const contacts = (period: string, key: string[], attempts: number, rpcs: number, cost: number) => ({
  period,
  key,
  n: 0,
  m_attempts: attempts,
  m_rpcs: rpcs,
  m_contact_cost: cost,
});

describe('baseMeasures', () => {
  it('resolves sums and ratios down to the aggregates the facts compute', () => {
    expect(baseMeasures(Measure.RPC_RATE)).toEqual([Measure.RPCS, Measure.ATTEMPTS]);
    // (contact cost + legal cost) / collected
    expect(baseMeasures(Measure.COST_TO_COLLECT)).toEqual([
      Measure.CONTACT_COST,
      Measure.LEGAL_COST,
      Measure.AMOUNT_COLLECTED,
    ]);
  });
});

describe('mergeRows', () => {
  const results: FactResult[] = [
    {
      fact: 'contacts',
      rows: [contacts('2026-02', ['north'], 4, 1, 2.5), contacts('2026-01', ['north'], 0, 0, 0)],
    },
    {
      fact: 'payments',
      rows: [{ period: '2026-02', key: ['north'], n: 0, m_amount_collected: 100.004 }],
    },
    { fact: 'legal', rows: [{ period: '2026-02', key: ['north'], n: 1, m_legal_cost: 7.5 }] },
  ];

  it('merges the facts by period and key; a rate carries its numerator and denominator', () => {
    const { rows, totalRows } = mergeRows(
      results,
      [Measure.RPC_RATE, Measure.COST_TO_COLLECT, Measure.AMOUNT_COLLECTED],
      {
        grain: true,
        limit: 10,
      },
    );
    expect(totalRows).toBe(2);
    expect(rows[1]).toEqual({
      period: '2026-02',
      key: ['north'],
      suppressed: false,
      values: [
        // 1 RPC of 4 attempts
        {
          measure: Measure.RPC_RATE,
          unit: MeasureUnit.RATE,
          value: 0.25,
          numerator: 1,
          denominator: 4,
        },
        // (2.5 contact + 7.5 legal) / 100.004 collected; parts rounded to cents
        {
          measure: Measure.COST_TO_COLLECT,
          unit: MeasureUnit.RATE,
          value: 10 / 100.004,
          numerator: 10,
          denominator: 100,
        },
        {
          measure: Measure.AMOUNT_COLLECTED,
          unit: MeasureUnit.CURRENCY,
          value: 100,
          numerator: null,
          denominator: null,
        },
      ],
    });
    // January: 0 attempts → the rate is null, its parts 0; no payment row → collected 0
    expect(rows[0]?.values.map((v) => v.value)).toEqual([null, null, 0]);
  });

  it('orders by a measure (nulls last) and cuts to the limit, counting every row', () => {
    const { rows, totalRows } = mergeRows(results, [Measure.ATTEMPTS], {
      grain: true,
      orderBy: Measure.ATTEMPTS,
      limit: 1,
    });
    expect([rows.map((r) => r.period), totalRows]).toEqual([['2026-02'], 2]);
    const ascending = mergeRows(results, [Measure.ATTEMPTS], {
      grain: true,
      orderBy: Measure.ATTEMPTS,
      descending: false,
      limit: 5,
    });
    expect(ascending.rows.map((r) => r.period)).toEqual(['2026-01', '2026-02']);
  });

  it('gives one row of zeros for a total with no data, and no period without a grain', () => {
    const { rows } = mergeRows([{ fact: 'contacts', rows: [] }], [Measure.ATTEMPTS], {
      grain: false,
      total: true,
      limit: 5,
    });
    expect(rows).toEqual([
      {
        period: null,
        key: [],
        suppressed: false,
        values: [
          {
            measure: Measure.ATTEMPTS,
            unit: MeasureUnit.COUNT,
            value: 0,
            numerator: null,
            denominator: null,
          },
        ],
      },
    ]);
  });

  it('withholds a case fact of 1 … min−1 cases (viewers), not the account facts', () => {
    const { rows } = mergeRows(results, [Measure.LEGAL_COST, Measure.ATTEMPTS], {
      grain: true,
      limit: 5,
      minCases: 2,
    });
    // February's legal cost covers 1 case < 2: withheld; its attempts are not
    expect(rows[1]?.suppressed).toBe(true);
    expect(rows[1]?.values.map((v) => v.value)).toEqual([null, 4]);
    expect(rows[0]?.suppressed).toBe(false);
  });

  it('withholds every fact that counts its cases, the cohort and credited ones too', () => {
    // one case each: a legal stage's recovered amount, a relapse, a credited payment
    const cohort: FactResult[] = [
      { fact: 'legal_cases', rows: [{ period: '', key: ['court'], n: 1, m_legal_recovered: 300 }] },
      { fact: 'cures', rows: [{ period: '', key: ['court'], n: 1, m_relapses: 1 }] },
      {
        fact: 'credited_payments',
        rows: [{ period: '', key: ['court'], n: 1, m_credited_amount: 50 }],
      },
    ];
    const { rows } = mergeRows(
      cohort,
      [Measure.LEGAL_RECOVERED, Measure.RELAPSES, Measure.CREDITED_AMOUNT],
      { grain: false, limit: 5, minCases: 2 },
    );
    expect(rows.map((r) => [r.suppressed, r.values.map((v) => v.value)])).toEqual([
      [true, [null, null, null]],
    ]);
  });
});

describe('the catalog', () => {
  it('claims only figures the named metrics have, and rates only of its own measures', () => {
    const figures: Partial<Record<MetricRef['metric'], readonly string[]>> = {
      kpis: KPI_NAMES,
      caseOutcomes: ['cases', 'recovered', 'recoveryRate', 'meanDaysToClose'],
      // the pooled BucketFlow fields the equality test reads (explore.equality.ts)
      rollRates: ['rollForwardRate', 'cureRate'],
      // the equality test queries these fields of repaymentPlans grouped by kind
      repaymentPlans: ['plans', 'totalAmount'],
      // the figures the registry's entries read (explore.equality-contact.ts)
      ...Object.fromEntries(Object.entries(CONTACT_METRICS).map(([m, e]) => [m, e.figures])),
      // the figures the cohort metrics' views carry (explore.equality-cohort.ts)
      ...Object.fromEntries(Object.entries(COHORT_METRICS).map(([m, def]) => [m, def.figures])),
    };
    for (const measure of Object.values(Measure)) {
      const def = MEASURES[measure];
      for (const ref of def.definedBy)
        expect(
          figures[ref.metric]?.includes(ref.figure),
          `${measure}: ${ref.metric}.${ref.figure}`,
        ).toBe(true);
      if (def.kind === 'ratio')
        // an amount per case (cost per mature case) is a currency
        expect([MeasureUnit.RATE, MeasureUnit.DAYS, MeasureUnit.CURRENCY]).toContain(def.unit);
      expect(factsOf(measure).length).toBeGreaterThan(0);
      // every measure can at least be sliced by the account dimensions
      expect(dimensionsOf(measure).length).toBeGreaterThanOrEqual(4);
    }
  });

  it('claims or gives a reason for every figure of the contact-side metrics', () => {
    for (const [metric, entry] of Object.entries(CONTACT_METRICS))
      for (const figure of entry.figures) {
        const claimed = Object.values(MEASURES).some((def) =>
          def.definedBy.some((r) => r.metric === metric && r.figure === figure),
        );
        // exactly one: a measure is the figure, or the entry says why none is
        expect(claimed, `${metric}.${figure}`).toBe(!(figure in entry.notMeasures));
      }
  });
});
