import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Dimension, Measure, MeasureUnit, TimeGrain } from './explore.catalog.ts';

@ObjectType({ description: 'A measure of the semantic layer: what it counts and how.' })
export class MeasureInfo {
  @Field(() => Measure, { description: 'The measure, as explore takes it.' })
  name!: Measure;

  @Field(() => String, { description: 'Its snake_case name (the KPI name where kpis has it).' })
  key!: string;

  @Field(() => String, { description: 'What it is, in one sentence.' })
  description!: string;

  @Field(() => MeasureUnit, { description: 'Currency, count, rate or days.' })
  unit!: MeasureUnit;

  @Field(() => String, { description: 'The formula in words.' })
  formula!: string;

  @Field(() => Measure, { nullable: true, description: 'For a rate: the measure divided.' })
  numerator!: Measure | null;

  @Field(() => Measure, {
    nullable: true,
    description: 'For a rate: the measure it is divided by.',
  })
  denominator!: Measure | null;

  @Field(() => [Measure], { description: 'For a sum of measures: its parts; empty otherwise.' })
  parts!: Measure[];

  @Field(() => [String], {
    description:
      "The named metrics' figures that give the same number, as metric.figure, or its (numerator) or (denominator); a test checks each. Empty when no named metric shows it.",
  })
  definedBy!: string[];

  @Field(() => [Dimension], { description: 'The dimensions explore can slice it by.' })
  dimensions!: Dimension[];

  @Field(() => [String], { description: 'The PortfolioFilter fields that can restrict it.' })
  filters!: string[];
}

@ObjectType({ description: 'A dimension of the semantic layer and its values.' })
export class DimensionInfo {
  @Field(() => Dimension, { description: 'The dimension, as explore takes it.' })
  name!: Dimension;

  @Field(() => String, { description: 'Its snake_case name.' })
  key!: string;

  @Field(() => String, { description: 'Where its value comes from.' })
  description!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The PortfolioFilter field that restricts it; null when there is none.',
  })
  filterField!: string | null;

  @Field(() => [String], {
    description: 'Its known values, sorted (loaded data, or the fixed list of docs/etl.md).',
  })
  values!: string[];
}

@ObjectType({
  description: 'Everything explore can compute: measures, dimensions and time grains.',
})
export class Catalog {
  @Field(() => String, { description: 'ISO 4217 code of every currency measure (CURRENCY).' })
  currency!: string;

  @Field(() => String, { description: 'The time zone of periods and grains (REPORT_TZ).' })
  timeZone!: string;

  @Field(() => [MeasureInfo], { description: 'Every measure.' })
  measures!: MeasureInfo[];

  @Field(() => [DimensionInfo], { description: 'Every dimension.' })
  dimensions!: DimensionInfo[];

  @Field(() => [TimeGrain], { description: 'The time grains of explore.' })
  grains!: TimeGrain[];
}

@ObjectType({
  description:
    'One measure in one explore row. A rate carries its numerator and denominator; other measures have them null.',
})
export class ExploreValue {
  @Field(() => Measure, { description: 'The measure.' })
  measure!: Measure;

  @Field(() => MeasureUnit, { description: 'Its unit.' })
  unit!: MeasureUnit;

  @Field(() => Float, {
    nullable: true,
    description:
      'Amounts rounded to cents; null for a rate whose denominator is 0, or a value withheld as a small cell.',
  })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'A rate’s numerator; null otherwise.' })
  numerator!: number | null;

  @Field(() => Float, { nullable: true, description: 'A rate’s denominator; null otherwise.' })
  denominator!: number | null;
}

@ObjectType({ description: 'One explore row: a period and dimension values, with the measures.' })
export class ExploreRow {
  @Field(() => String, {
    nullable: true,
    description: 'The period of the grain (REPORT_TZ); null without a grain.',
  })
  period!: string | null;

  @Field(() => [String], {
    description: "The values of the dimensions asked, in their order ('' when absent).",
  })
  key!: string[];

  @Field(() => [ExploreValue], { description: 'The measures asked, in their order.' })
  values!: ExploreValue[];

  @Field(() => Boolean, {
    description:
      'Some values are withheld (null): the row has fewer cases than SMALL_CELL_MIN_CASES (viewer role).',
  })
  suppressed!: boolean;
}

@ObjectType({ description: 'The answer of explore.' })
export class ExploreResult {
  @Field(() => String, { description: 'First day of the period.' })
  from!: string;

  @Field(() => String, { description: 'Last day of the period, inclusive.' })
  to!: string;

  @Field(() => TimeGrain, { nullable: true, description: 'The grain asked, if any.' })
  grain!: TimeGrain | null;

  @Field(() => String, { description: 'ISO 4217 code of the currency measures.' })
  currency!: string;

  @Field(() => [Measure], { description: 'The measures, in the order of each row’s values.' })
  measures!: Measure[];

  @Field(() => [Dimension], { description: 'The dimensions, in the order of each row’s key.' })
  dimensions!: Dimension[];

  @Field(() => [ExploreRow], {
    description:
      'Ordered by orderBy (nulls last), then period and key ascending; only groups with data appear.',
  })
  rows!: ExploreRow[];

  @Field(() => Int, { description: 'Rows before the limit.' })
  totalRows!: number;

  @Field(() => Boolean, { description: 'True when the limit cut rows.' })
  truncated!: boolean;
}
