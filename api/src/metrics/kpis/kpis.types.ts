import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { KPI_NAMES, type KpiName } from './kpis.compute.ts';

/** The KPI names as a GraphQL enum (Kpi.kpi); Kpi.name keeps the docs/metrics/kpis.md string. */
export const KpiNameEnum = Object.fromEntries(KPI_NAMES.map((n) => [n.toUpperCase(), n])) as {
  [K in KpiName as Uppercase<K>]: K;
};

const KPI_DESCRIPTIONS: Readonly<Record<KpiName, string>> = {
  delinquent_balance: 'Balance of the open accounts in M1 or worse at the end of the period.',
  delinquent_accounts: 'Open accounts in M1 or worse at the end of the period.',
  delinquency_rate: 'Delinquent balance / balance of all open accounts at the end of the period.',
  cases_opened: 'Cases opened in the period.',
  cases_closed: 'Cases closed in the period (latest closure).',
  amount_collected: 'Payments in the period.',
  cure_rate_30d: 'Cases opened in the period cured within 30 days / those mature for 30 days.',
  rpc_rate: 'Right-party contacts / contact attempts in the period.',
  kept_rate: 'Kept / matured promises made in the period.',
  charge_offs: 'Accounts whose first charged_off snapshot falls in the period.',
  collection_cost: 'Contact cost of the attempts plus legal cost of the actions in the period.',
  cost_to_collect: 'Collection cost / amount collected in the period.',
};

registerEnumType(KpiNameEnum, {
  name: 'KpiName',
  description: 'The KPIs of kpis (docs/metrics/explore.md lists the measures behind them).',
  valuesConfig: Object.fromEntries(
    KPI_NAMES.map((n) => [n.toUpperCase(), { description: KPI_DESCRIPTIONS[n] }]),
  ),
});

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

  @Field(() => KpiNameEnum, { description: 'The same name as an enum value.' })
  kpi!: KpiName;

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
