/**
 * The catalog's entries as plain data: the `catalog` query serves them and
 * `pnpm docs:catalog` writes them to docs/metrics/catalog.md, so the reference
 * analysts read cannot drift from what the API answers (catalog-doc.test.ts).
 */
import {
  ARM_ROLES,
  BUCKETS,
  CASE_OUTCOMES,
  CHANNELS,
  LEGAL_STAGES,
  PLAN_KINDS,
} from '@collections/schema';
import {
  DIMENSIONS,
  Dimension,
  MEASURES,
  Measure,
  dimensionsOf,
  filtersOf,
  refText,
} from './explore.catalog.ts';
import { WEEKDAYS } from './explore.sql.ts';
import type { DimensionInfo, MeasureInfo } from './explore.types.ts';

/** Dimensions whose values are a fixed list (SPEC's enumerations); the others' come from dimension_values. */
export const FIXED_VALUES: Partial<Record<Dimension, readonly string[]>> = {
  [Dimension.ARM_ROLE]: ARM_ROLES,
  [Dimension.ENTRY_BUCKET]: BUCKETS.filter((b) => b !== 'CHARGED_OFF' && b !== 'CLOSED'),
  [Dimension.OUTCOME]: CASE_OUTCOMES,
  [Dimension.CHANNEL]: CHANNELS,
  [Dimension.CONTACT_HOUR]: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
  [Dimension.CONTACT_WEEKDAY]: WEEKDAYS,
  [Dimension.FIRST_CONTACT_CHANNEL]: CHANNELS,
  [Dimension.MONTH_END_BUCKET]: BUCKETS,
  [Dimension.PLAN_KIND]: PLAN_KINDS,
  // legalPipeline's stages, then withdrawn
  [Dimension.LEGAL_STAGE]: [...LEGAL_STAGES, 'withdrawn'],
};

export function measureInfos(): MeasureInfo[] {
  return Object.values(Measure).map((name) => {
    const def = MEASURES[name];
    return {
      name,
      key: name,
      description: def.description,
      unit: def.unit,
      formula: def.formula,
      numerator: def.kind === 'ratio' ? def.numerator : null,
      denominator: def.kind === 'ratio' ? def.denominator : null,
      parts: def.kind === 'sum' ? [...def.parts] : [],
      definedBy: def.definedBy.map(refText),
      dimensions: dimensionsOf(name),
      filters: filtersOf(name),
    };
  });
}

/** `loaded(field)`: the loaded values of a filter field (dimension_values), for dimensions without a fixed list. */
export function dimensionInfos(loaded: (field: string | null) => string[]): DimensionInfo[] {
  return Object.values(Dimension).map((name) => {
    const def = DIMENSIONS[name];
    return {
      name,
      key: name,
      description: def.description,
      filterField: def.filterField,
      values: [...(FIXED_VALUES[name] ?? loaded(def.filterField))],
    };
  });
}
