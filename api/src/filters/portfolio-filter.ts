/**
 * docs/metrics/README.md#portfoliofilter: restricts account-based metrics to accounts whose
 * (latest) account_opened matches every given list. An empty or absent list
 * does not filter. Values go in as `{name:Array(String)}` parameters only.
 */
import { Field, InputType } from 'type-graphql';
import { ACCOUNTS_SQL } from '../sql/accounts.ts';

@InputType({ description: 'Restricts account-based metrics; each non-empty list must match.' })
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

const COLUMNS = [
  ['portfolios', 'portfolio'],
  ['products', 'product'],
  ['regions', 'region'],
  ['riskGrades', 'risk_grade'],
] as const;

export interface FilterSql {
  /** A boolean SQL condition on `accountIdColumn`; `1` when nothing filters. */
  readonly condition: string;
  readonly params: Record<string, string[]>;
}

/** Condition "account matches the filter" for the column holding the account id. */
export function portfolioFilterSql(
  filter: PortfolioFilter | null | undefined,
  accountIdColumn: string,
  paramPrefix = 'pf',
): FilterSql {
  const columns = portfolioColumnsSql(filter, '', paramPrefix);
  if (columns.condition === '1') return columns;
  return {
    condition: `${accountIdColumn} IN (SELECT account_id FROM ${ACCOUNTS_SQL} WHERE ${columns.condition})`,
    params: columns.params,
  };
}

/**
 * The same filter on a table that carries the dimension columns itself
 * (portfolio, product, region, risk_grade), e.g. a derived table: no lookup of
 * account_opened. Column names may be prefixed with a table alias.
 */
export function portfolioColumnsSql(
  filter: PortfolioFilter | null | undefined,
  tableAlias = '',
  paramPrefix = 'pf',
): FilterSql {
  const parts: string[] = [];
  const params: Record<string, string[]> = {};
  for (const [field, column] of COLUMNS) {
    const values = filter?.[field];
    if (!values || values.length === 0) continue;
    const name = `${paramPrefix}_${column}`;
    params[name] = values;
    parts.push(`${tableAlias ? `${tableAlias}.` : ''}${column} IN {${name}:Array(String)}`);
  }
  return { condition: parts.length === 0 ? '1' : parts.join(' AND '), params };
}
