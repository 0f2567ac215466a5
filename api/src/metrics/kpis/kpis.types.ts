import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'One KPI with the same figure for the previous period of equal length.',
})
export class Kpi {
  @Field(() => String)
  name!: string;

  @Field(() => Float, {
    description: 'Amounts rounded to cents; rates 0 when their denominator is 0.',
  })
  value!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'The previous period; null for a rate whose denominator is 0 there.',
  })
  previous!: number | null;
}

@ObjectType({ description: 'SPEC §4 KPIs over [from, to].' })
export class KpiSummary {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => String, {
    description: 'Previous period, first day (same length, just before from).',
  })
  previousFrom!: string;

  @Field(() => String)
  previousTo!: string;

  @Field(() => String, {
    description: 'The data as-of date in REPORT_TZ ("" when nothing is loaded).',
  })
  asOf!: string;

  @Field(() => [Kpi])
  kpis!: Kpi[];
}
