import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'One KPI over the period, with the same figure for the previous period and for the same period a year earlier.',
})
export class Kpi {
  @Field(() => String, {
    description:
      'delinquent_balance, delinquent_accounts, delinquency_rate, cases_opened, cases_closed, amount_collected, cure_rate_30d, rpc_rate, kept_rate, charge_offs, collection_cost, cost_to_collect (docs/metrics/kpis.md).',
  })
  name!: string;

  @Field(() => Float, {
    description: 'Amounts rounded to cents; rates 0 when their denominator is 0.',
  })
  value!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'The previous period (previousFrom … previousTo); null for a rate whose denominator is 0 there.',
  })
  previous!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'The same period a year earlier (yearAgoFrom … yearAgoTo); null when that period ends before the first day of data, or for a rate whose denominator is 0 there.',
  })
  yearAgo!: number | null;
}

@ObjectType({ description: 'docs/metrics/kpis.md, KPIs over [from, to].' })
export class KpiSummary {
  @Field(() => String, { description: 'First day of the period (YYYY-MM-DD, REPORT_TZ).' })
  from!: string;

  @Field(() => String, { description: 'Last day of the period, inclusive.' })
  to!: string;

  @Field(() => String, {
    description:
      'Previous period, first day: for whole calendar months the same number of months just before, otherwise the same length just before from.',
  })
  previousFrom!: string;

  @Field(() => String, { description: 'Previous period, last day: the day before from.' })
  previousTo!: string;

  @Field(() => String, {
    description:
      'The same period a year earlier, first day (the same calendar months for whole months, else the same dates; 29 February → 28 February).',
  })
  yearAgoFrom!: string;

  @Field(() => String, { description: 'The same period a year earlier, last day.' })
  yearAgoTo!: string;

  @Field(() => String, { description: 'The data as-of date in REPORT_TZ.' })
  asOf!: string;

  @Field(() => Boolean, {
    description:
      'True when to is after asOf: the figures are to date (through asOf), not for the whole period; the comparison periods stay whole.',
  })
  partial!: boolean;

  @Field(() => String, {
    description: 'ISO 4217 code of every amount (CURRENCY, default CNY).',
  })
  currency!: string;

  @Field(() => [Kpi], { description: 'The KPIs, in the order of their names above.' })
  kpis!: Kpi[];
}
