/**
 * Explore's rows from the facts' rows (pure; explore.compute.test.ts): rows of
 * every fact are merged by (period, key), sums and ratios are computed from the
 * base measures (a ratio carries its numerator and denominator; a zero
 * denominator gives value null), then ordered and cut to the limit.
 */
import { cents } from '../../stats/ratios.ts';
import { MEASURES, Measure, MeasureUnit, factsOf, type Fact } from './explore.catalog.ts';

export interface FactResult {
  readonly fact: Fact;
  readonly rows: readonly {
    readonly period: string;
    readonly key: readonly string[];
    readonly n: number | string;
    readonly [column: string]: unknown;
  }[];
}

export interface ExploreValueOut {
  measure: Measure;
  unit: MeasureUnit;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface ExploreRowOut {
  period: string | null;
  key: string[];
  values: ExploreValueOut[];
  suppressed: boolean;
}

export interface MergeOptions {
  readonly grain: boolean;
  readonly orderBy?: Measure | null;
  readonly descending?: boolean;
  readonly limit: number;
  /** No grain and no dimension: one total row, zeros when nothing matched. */
  readonly total?: boolean;
  /**
   * Viewers: a case fact's values (a fact whose rows count their cases, `n`) in a row of
   * 1 … min−1 cases are withheld (small cells).
   */
  readonly minCases?: number;
}

/** The base measures a measure is computed from. */
export function baseMeasures(measure: Measure): Measure[] {
  const def = MEASURES[measure];
  switch (def.kind) {
    case 'base':
      return [measure];
    case 'sum':
      return [...new Set(def.parts.flatMap(baseMeasures))];
    case 'ratio':
      return [...new Set([...baseMeasures(def.numerator), ...baseMeasures(def.denominator)])];
  }
}

const round = (unit: MeasureUnit, v: number) => (unit === MeasureUnit.CURRENCY ? cents(v) : v);

function valueOf(measure: Measure, base: ReadonlyMap<Measure, number>): number | null {
  const def = MEASURES[measure];
  switch (def.kind) {
    case 'base':
      return base.get(measure) ?? 0;
    case 'sum':
      return def.parts.reduce((sum, p) => sum + (valueOf(p, base) ?? 0), 0);
    case 'ratio': {
      const d = valueOf(def.denominator, base) ?? 0;
      return d === 0 ? null : (valueOf(def.numerator, base) ?? 0) / d;
    }
  }
}

function measureValue(measure: Measure, base: ReadonlyMap<Measure, number>): ExploreValueOut {
  const def = MEASURES[measure];
  const value = valueOf(measure, base);
  if (def.kind !== 'ratio')
    return {
      measure,
      unit: def.unit,
      value: value === null ? null : round(def.unit, value),
      numerator: null,
      denominator: null,
    };
  const part = (m: Measure) => {
    const v = valueOf(m, base) ?? 0;
    return round(MEASURES[m].unit, v);
  };
  return {
    measure,
    unit: def.unit,
    value,
    numerator: part(def.numerator),
    denominator: part(def.denominator),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const compareKeys = (a: ExploreRowOut, b: ExploreRowOut) =>
  compare(a.period ?? '', b.period ?? '') ||
  a.key.reduce((c, v, i) => c || compare(v, b.key[i] ?? ''), 0);

export function mergeRows(
  results: readonly FactResult[],
  measures: readonly Measure[],
  options: MergeOptions,
): { rows: ExploreRowOut[]; totalRows: number } {
  const groups = new Map<
    string,
    { period: string; key: string[]; base: Map<Measure, number>; small: Set<Fact> }
  >();
  for (const { fact, rows } of results) {
    for (const row of rows) {
      const id = JSON.stringify([row.period, row.key]);
      let group = groups.get(id);
      if (!group) {
        group = { period: row.period, key: [...row.key], base: new Map(), small: new Set() };
        groups.set(id, group);
      }
      for (const [column, value] of Object.entries(row))
        if (column.startsWith('m_')) group.base.set(column.slice(2) as Measure, Number(value));
      const n = Number(row.n);
      // every fact that counts its cases (n; account facts count none) is a case fact: a
      // new fact cannot be left out of the small-cell rule
      if (options.minCases !== undefined && n > 0 && n < options.minCases) group.small.add(fact);
    }
  }
  if (options.total && groups.size === 0)
    groups.set('total', { period: '', key: [], base: new Map(), small: new Set() });
  const out: ExploreRowOut[] = [...groups.values()].map((g) => {
    const values = measures.map((m) => {
      const v = measureValue(m, g.base);
      return factsOf(m).some((f) => g.small.has(f))
        ? { ...v, value: null, numerator: null, denominator: null }
        : v;
    });
    return {
      period: options.grain ? g.period : null,
      key: g.key,
      values,
      suppressed: g.small.size > 0,
    };
  });
  const by = options.orderBy;
  const sign = options.descending === false ? 1 : -1;
  const at = by ? measures.indexOf(by) : -1;
  out.sort((a, b) => {
    if (at >= 0) {
      const x = a.values[at]?.value ?? null;
      const y = b.values[at]?.value ?? null;
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        return sign * (x - y);
      }
    }
    return compareKeys(a, b);
  });
  return { rows: out.slice(0, options.limit), totalRows: out.length };
}
