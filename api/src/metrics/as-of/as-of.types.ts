import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'When the data was last updated: the latest occurred_at loaded (docs/metrics/README.md#as-of).',
})
export class AsOf {
  @Field(() => String, {
    nullable: true,
    description: 'ISO 8601 instant in UTC; null when no event is loaded.',
  })
  instant!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD in REPORT_TZ; null when no event is loaded.',
  })
  date!: string | null;

  @Field(() => String, {
    description:
      'ISO 4217 code of every amount the API returns (CURRENCY, default CNY): one currency per deployment, never converted.',
  })
  currency!: string;
}
