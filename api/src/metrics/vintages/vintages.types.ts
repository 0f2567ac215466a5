import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Share of a vintage ever delinquent by months-on-book k (docs/metrics/vintages.md; k = 0 is the opening month).',
})
export class VintagePoint {
  @Field(() => Int, { description: 'Months on book: calendar months since the opening month.' })
  monthsOnBook!: number;

  @Field(() => String, { description: 'The calendar month of this point, YYYY-MM.' })
  month!: string;

  @Field(() => Int, { description: 'Accounts ever at 30+ DPD (M2 or worse, or charged off).' })
  ever30!: number;

  @Field(() => Int, { description: 'Accounts ever at 60+ DPD (M3 or worse, or charged off).' })
  ever60!: number;

  @Field(() => Int, { description: 'Accounts ever at 90+ DPD (M4 or worse, or charged off).' })
  ever90!: number;

  @Field(() => Number, { description: 'ever30 / vintage accounts, in [0, 1].' })
  ever30Rate!: number;

  @Field(() => Number, { description: 'ever60 / vintage accounts, in [0, 1].' })
  ever60Rate!: number;

  @Field(() => Number, { description: 'ever90 / vintage accounts, in [0, 1].' })
  ever90Rate!: number;
}

@ObjectType({
  description: 'Accounts opened in one month and their delinquency by months-on-book.',
})
export class Vintage {
  @Field(() => String, { description: 'Opening month, YYYY-MM.' })
  vintage!: string;

  @Field(() => Int, { description: 'Accounts opened in that month (after the filter).' })
  accounts!: number;

  @Field(() => [VintagePoint], {
    description: 'k = 0 … the as-of month, in order.',
  })
  points!: VintagePoint[];
}
