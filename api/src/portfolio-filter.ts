/**
 * SPEC §5 shared GraphQL vocabulary: the `Bucket` enum and the `PortfolioFilter`
 * input, with the one SQL builder that applies a filter. Every metric that takes
 * a PortfolioFilter uses `portfolioFilterSql`, so each field filters the same way.
 *
 * A field left out (or null) does not restrict; a list restricts to its values,
 * so an empty list matches nothing (set semantics, docs/API.md).
 */
import { BUCKETS, type Bucket } from '@collections/schema';
import { Field, InputType, registerEnumType } from 'type-graphql';
import { badInput } from './errors.ts';

export const BucketEnum = Object.fromEntries(BUCKETS.map((b) => [b, b])) as {
  [K in Bucket]: K;
};
registerEnumType(BucketEnum, {
  name: 'Bucket',
  description: 'SPEC §3 delinquency buckets; CHARGED_OFF and CLOSED are absorbing.',
});

@InputType({
  description: 'Restricts a metric to accounts with these dimensions (latest account_opened).',
})
export class PortfolioFilter {
  @Field(() => [String], { nullable: true })
  portfolios?: string[] | null;

  @Field(() => [String], { nullable: true })
  products?: string[] | null;

  @Field(() => [String], { nullable: true })
  regions?: string[] | null;

  @Field(() => [String], { nullable: true })
  riskGrades?: string[] | null;
}

/** SQL column (or expression) holding each dimension, in the table being filtered. */
export interface FilterColumns {
  readonly portfolio: string;
  readonly product: string;
  readonly region: string;
  readonly riskGrade: string;
}

const DEFAULT_COLUMNS: FilterColumns = {
  portfolio: 'portfolio',
  product: 'product',
  region: 'region',
  riskGrade: 'risk_grade',
};

const FIELDS = [
  ['portfolios', 'portfolio'],
  ['products', 'product'],
  ['regions', 'region'],
  ['riskGrades', 'riskGrade'],
] as const;

const MAX_VALUES = 1000;

/**
 * `{ sql, params }` where sql is a boolean expression (`1` when nothing is
 * filtered) to AND into a WHERE clause; values travel only as query parameters.
 */
export function portfolioFilterSql(
  filter: PortfolioFilter | null | undefined,
  columns: FilterColumns = DEFAULT_COLUMNS,
  paramPrefix = 'pf',
): { sql: string; params: Record<string, string[]> } {
  const terms: string[] = [];
  const params: Record<string, string[]> = {};
  for (const [field, column] of FIELDS) {
    const values = filter?.[field];
    if (values === null || values === undefined) continue;
    if (values.length > MAX_VALUES)
      throw badInput(
        `filter.${field} may list at most ${MAX_VALUES} values, got ${values.length}.`,
      );
    const name = `${paramPrefix}_${field}`;
    params[name] = [...values];
    terms.push(`${columns[column]} IN {${name}:Array(String)}`);
  }
  return { sql: terms.length > 0 ? terms.join(' AND ') : '1', params };
}
