import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CureCohortBy {
  MONTH = 'MONTH',
  STRATEGY = 'STRATEGY',
  SEGMENT = 'SEGMENT',
  ALL = 'ALL',
}

registerEnumType(CureCohortBy, {
  name: 'CureCohortBy',
  description: 'How cases are grouped into cure-curve cohorts.',
  valuesConfig: {
    MONTH: { description: 'Month of the case opening (YYYY-MM in REPORT_TZ).' },
    STRATEGY: { description: 'The case strategy.' },
    SEGMENT: { description: "The case segment ('' when absent)." },
    ALL: { description: "One cohort named 'all'." },
  },
});

@ObjectType({
  description: 'One point of a cure curve: cure within N days (docs/metrics/cure-curve.md).',
})
export class CurePoint {
  @Field(() => Int, { description: 'N, days since the case opened.' })
  days!: number;

  @Field(() => Int, { description: 'Cases with t0 + N × 24 h at or before the as-of instant.' })
  matureCases!: number;

  @Field(() => Int, { description: 'Cases too recent to tell for this N; never in the rate.' })
  immatureCases!: number;

  @Field(() => Int, {
    description: 'Mature cases closed cured or paid_in_full within N × 24 h of opening.',
  })
  cured!: number;

  @Field(() => Number, {
    nullable: true,
    description: 'cured / matureCases in [0, 1]; null when no case is mature.',
  })
  cureRate!: number | null;
}

@ObjectType({ description: 'The cure curve of one cohort of cases.' })
export class CureCohort {
  @Field(() => String, { description: 'Cohort key: YYYY-MM, strategy, segment or "all".' })
  cohort!: string;

  @Field(() => Int, { description: 'Cases of the cohort opened in [from, to].' })
  cases!: number;

  @Field(() => [CurePoint], { description: 'One point per N = 0…maxDays.' })
  points!: CurePoint[];
}

@ObjectType({ description: 'Case cure curves by cohort (docs/metrics/cure-curve.md).' })
export class CureCurve {
  @Field(() => CureCohortBy, { description: 'How cases were grouped into cohorts.' })
  cohortBy!: CureCohortBy;

  @Field(() => Int, { description: 'The last N of every curve.' })
  maxDays!: number;

  @Field(() => [CureCohort], { description: 'Cohorts in key order.' })
  cohorts!: CureCohort[];
}
