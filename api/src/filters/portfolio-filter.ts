/**
 * The one filter input of the API (docs/metrics/explore.md "Filter"): docs/api.md's
 * `PortfolioFilter`, kept under that name so that every client declaring
 * `$filter: PortfolioFilter` keeps working, extended with the case dimensions.
 * Every metric that takes a filter calls its argument `filter` and declares
 * which dimensions it honours (filter-check.ts refuses the others and unknown
 * values). An empty or absent list does not filter; the lists of one filter
 * must all match. Values go in as `{name:Array(String)}` parameters only.
 */
import { Field, InputType } from 'type-graphql';
import { ACCOUNTS_SQL } from '../sql/accounts.ts';

@InputType({
  description:
    'Restricts a metric to the accounts and cases whose dimensions match: each non-empty list must match (any of its values); an absent or empty list does not filter. Unknown values are BAD_USER_INPUT naming the closest known ones; a dimension a metric cannot honour is BAD_USER_INPUT too.',
})
export class PortfolioFilter {
  @Field(() => [String], {
    nullable: true,
    description: "Portfolios of the account's latest account_opened.",
  })
  portfolios?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Products (credit_card, personal_loan, …) of the account's latest account_opened.",
  })
  products?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Regions of the account's latest account_opened.",
  })
  regions?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Risk grades (A–E) of the account's latest account_opened.",
  })
  riskGrades?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Segments of the case's first case_opened (case-based metrics only).",
  })
  segments?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Strategies (tactics) of the case's first case_opened (case-based metrics only).",
  })
  strategies?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "Champion/challenger experiments of the case's first case_opened (case-based metrics only).",
  })
  experiments?: string[] | null;

  // month-end state (explore's delinquency and roll-rate measures only)
  @Field(() => [String], {
    nullable: true,
    description:
      "Buckets (M0 … M7_PLUS, CHARGED_OFF, CLOSED) of the account's month-end state; for roll-rate measures the origin bucket (explore's month-end measures only).",
  })
  monthEndBuckets?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description:
      "Teams of the agent's latest agent_registered: the attempt's agent, or the case's holder at close (agent metrics, complianceReport, explore's attempts and cases closed).",
  })
  teams?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "Registered agent ids: the attempt's agent, or the case's holder at close (agent metrics, complianceReport, explore's attempts and cases closed).",
  })
  agents?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Channels (call, sms, …) of the contact attempts (complianceReport, explore’s attempts).',
  })
  channels?: string[] | null;
}

/** Filter field → column, for the dimensions of an account (latest account_opened). */
export const ACCOUNT_FILTER_COLUMNS = {
  portfolios: 'portfolio',
  products: 'product',
  regions: 'region',
  riskGrades: 'risk_grade',
} as const;

/** Filter field → column, for the dimensions of a case (first case_opened). */
export const CASE_FILTER_COLUMNS = {
  segments: 'segment',
  strategies: 'strategy',
  experiments: 'experiment',
} as const;

/** Filter field → column, for the month-end state (account_month, account_run_end): fixed values. */
export const STATE_FILTER_COLUMNS = {
  monthEndBuckets: 'bucket',
} as const;

/** The agent side of a filter: who made an attempt or held a case, and the attempt's channel. */
export const AGENT_DIMENSIONS = ['teams', 'agents', 'channels'] as const;

export type AccountDimension = keyof typeof ACCOUNT_FILTER_COLUMNS;
export type CaseDimension = keyof typeof CASE_FILTER_COLUMNS;
export type StateDimension = keyof typeof STATE_FILTER_COLUMNS;
export type AgentDimension = (typeof AGENT_DIMENSIONS)[number];
export type FilterDimension = AccountDimension | CaseDimension | StateDimension | AgentDimension;

export const ACCOUNT_DIMENSIONS = Object.keys(ACCOUNT_FILTER_COLUMNS) as AccountDimension[];
export const CASE_DIMENSIONS = Object.keys(CASE_FILTER_COLUMNS) as CaseDimension[];
/** The account and case dimensions (what the portfolio and case metrics honour). */
export const FILTER_DIMENSIONS: readonly FilterDimension[] = [
  ...ACCOUNT_DIMENSIONS,
  ...CASE_DIMENSIONS,
];
export const STATE_DIMENSIONS = Object.keys(STATE_FILTER_COLUMNS) as StateDimension[];
/** Every field of the filter: a metric refuses those it does not honour (filter-check.ts). */
export const ALL_FILTER_FIELDS: readonly FilterDimension[] = [
  ...FILTER_DIMENSIONS,
  ...STATE_DIMENSIONS,
  ...AGENT_DIMENSIONS,
];

export interface FilterSql {
  /** A boolean SQL condition; `1` when nothing filters. */
  readonly condition: string;
  readonly params: Record<string, string[]>;
}

const NONE: FilterSql = { condition: '1', params: {} };

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

/** The filter's lists for `columns` as `column IN {param}` conditions on a table that carries them. */
function columnsSql(
  filter: PortfolioFilter | null | undefined,
  columns: Readonly<Record<string, string>>,
  tableAlias: string,
  paramPrefix: string,
): FilterSql {
  const parts: string[] = [];
  const params: Record<string, string[]> = {};
  for (const [field, column] of Object.entries(columns)) {
    const values = filter?.[field as FilterDimension];
    if (!values || values.length === 0) continue;
    const name = `${paramPrefix}_${column}`;
    params[name] = values;
    parts.push(`${tableAlias ? `${tableAlias}.` : ''}${column} IN {${name}:Array(String)}`);
  }
  return parts.length === 0 ? NONE : { condition: parts.join(' AND '), params };
}

/**
 * The account dimensions of the filter on a table that carries the columns
 * itself (portfolio, product, region, risk_grade), e.g. a derived table: no
 * lookup of account_opened. Column names may be prefixed with a table alias.
 */
export function portfolioColumnsSql(
  filter: PortfolioFilter | null | undefined,
  tableAlias = '',
  paramPrefix = 'pf',
): FilterSql {
  return columnsSql(filter, ACCOUNT_FILTER_COLUMNS, tableAlias, paramPrefix);
}

/** The case dimensions of the filter on a table that carries segment, strategy and experiment. */
export function caseColumnsSql(
  filter: PortfolioFilter | null | undefined,
  tableAlias = '',
  paramPrefix = 'cf',
): FilterSql {
  return columnsSql(filter, CASE_FILTER_COLUMNS, tableAlias, paramPrefix);
}

/** The month-end state dimensions of the filter on account_month or account_run_end. */
export function stateColumnsSql(
  filter: PortfolioFilter | null | undefined,
  tableAlias = '',
  paramPrefix = 'sf',
): FilterSql {
  return columnsSql(filter, STATE_FILTER_COLUMNS, tableAlias, paramPrefix);
}

/**
 * The agent side of the filter on columns holding an agent id, its team and a
 * channel (`null`: the source has no such column, and the metric does not honour
 * that field). Values as parameters `{prefix_agents:Array(String)}`, ….
 */
export function agentColumnsSql(
  filter: PortfolioFilter | null | undefined,
  columns: { readonly agent?: string; readonly team?: string; readonly channel?: string },
  paramPrefix = 'gf',
): FilterSql {
  const parts: string[] = [];
  const params: Record<string, string[]> = {};
  const add = (field: AgentDimension, column: string | undefined) => {
    const values = filter?.[field];
    if (!column || !values || values.length === 0) return;
    params[`${paramPrefix}_${field}`] = values;
    parts.push(`${column} IN {${paramPrefix}_${field}:Array(String)}`);
  };
  add('agents', columns.agent);
  add('teams', columns.team);
  add('channels', columns.channel);
  return parts.length === 0 ? NONE : { condition: parts.join(' AND '), params };
}

/** Both conditions joined (either may be `1`). */
export function andSql(...parts: readonly FilterSql[]): FilterSql {
  const real = parts.filter((p) => p.condition !== '1');
  if (real.length === 0) return NONE;
  return {
    condition: real.map((p) => `(${p.condition})`).join(' AND '),
    params: Object.assign({}, ...real.map((p) => p.params)) as Record<string, string[]>,
  };
}

/**
 * The whole filter on `case_outcome_facts` (or a table with its columns), which
 * carries each case's account and case dimensions; like ACCOUNTS_SQL, account
 * dimensions match only accounts with an opening (`has_account`). `accounts:
 * false` applies the case dimensions only (the caller filters accounts its way).
 */
export function caseFactsFilterSql(
  filter: PortfolioFilter | null | undefined,
  options: { tableAlias?: string; paramPrefix?: string; accounts?: boolean } = {},
): FilterSql {
  const prefix = options.paramPrefix ?? 'kf';
  const alias = options.tableAlias ?? '';
  const accounts =
    options.accounts === false ? NONE : portfolioColumnsSql(filter, alias, `${prefix}a`);
  return andSql(
    accounts.condition === '1'
      ? accounts
      : {
          ...accounts,
          condition: `${alias ? `${alias}.` : ''}has_account AND ${accounts.condition}`,
        },
    caseColumnsSql(filter, alias, `${prefix}c`),
  );
}

/** Condition "case matches the filter" for a column holding case ids (through case_outcome_facts). */
export function caseFilterSql(
  filter: PortfolioFilter | null | undefined,
  caseIdColumn: string,
  options: { paramPrefix?: string; accounts?: boolean } = {},
): FilterSql {
  const facts = caseFactsFilterSql(filter, options);
  if (facts.condition === '1') return facts;
  return {
    condition: `${caseIdColumn} IN (SELECT case_id FROM case_outcome_facts WHERE ${facts.condition})`,
    params: facts.params,
  };
}
