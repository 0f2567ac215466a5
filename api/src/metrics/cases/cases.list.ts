/**
 * What operations' case lists add to the drill-down (docs/metrics/cases.md):
 * filters on the case's promises (status and amount of its latest promise,
 * broken promises) and on its account's current bucket, an order, and
 * keyset cursors (the last row's sort value and case id) so that a page
 * after the thousandth costs what the first does. Values go in as parameters.
 */
import { BUCKETS } from '@collections/schema';
import { badInput, echo } from '../../errors.ts';
import { closestValues } from '../../filters/closest.ts';
import { PROMISE_CASES_SQL, PROMISE_STATUSES } from '../../sql/promises.ts';
import { CaseOrder, type CaseFilter } from './cases.types.ts';

/** Per case: its latest promise's status and amount (latest made_at, then event order), its broken promises. */
const PROMISES_PER_CASE = `(
  SELECT case_id, argMax(status, made_at) AS last_status, argMax(amount, made_at) AS last_amount,
         countIf(status = 'broken') AS broken
  FROM ${PROMISE_CASES_SQL}
  GROUP BY case_id
)`;

/**
 * The account's current bucket: the bucket of its latest month of state, i.e. its
 * account_run_end row never resumed (one per account; an argMax over account_month
 * took 20 s at scale M).
 */
const CURRENT_BUCKETS = `(
  SELECT account_id, bucket FROM account_run_end WHERE resume_month IS NULL
)`;

function checkValues(
  field: string,
  values: readonly string[] | null | undefined,
  known: readonly string[],
) {
  for (const v of values ?? [])
    if (!known.includes(v))
      throw badInput(
        `${field}: unknown value ${echo(v)}; did you mean ${closestValues(v, known).join(', ')}? Known: ${known.join(', ')}.`,
      );
}

/** Refuses what the list filters cannot mean (unknown statuses or buckets, bounds the wrong way). */
export function checkListFilter(filter: CaseFilter | null | undefined): void {
  if (!filter) return;
  checkValues('promiseStatuses', filter.promiseStatuses, PROMISE_STATUSES);
  checkValues('currentBuckets', filter.currentBuckets, BUCKETS);
  const { minPromiseAmount: min, maxPromiseAmount: max, minBrokenPromises: broken } = filter;
  for (const [name, v] of [
    ['minPromiseAmount', min],
    ['maxPromiseAmount', max],
  ] as const)
    if (v !== null && v !== undefined && (!Number.isFinite(v) || v < 0))
      throw badInput(`${name} must be a number ≥ 0, got ${echo(v)}.`);
  if (min !== null && min !== undefined && max !== null && max !== undefined && min > max)
    throw badInput(`minPromiseAmount (${min}) is above maxPromiseAmount (${max}).`);
  if (broken !== null && broken !== undefined && broken < 1)
    throw badInput(`minBrokenPromises must be at least 1, got ${broken}.`);
}

/** The list filters as conditions on case_facts rows (case_id, account_id), with their parameters. */
export function listConditions(
  filter: CaseFilter | null | undefined,
  graceDays: number,
): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const promise: string[] = [];
  if (filter?.promiseStatuses && filter.promiseStatuses.length > 0) {
    params.l_status = filter.promiseStatuses;
    promise.push('last_status IN {l_status:Array(String)}');
  }
  if (filter?.minPromiseAmount !== null && filter?.minPromiseAmount !== undefined) {
    params.l_min = String(filter.minPromiseAmount);
    promise.push('last_amount >= toDecimal64({l_min:String}, 2)');
  }
  if (filter?.maxPromiseAmount !== null && filter?.maxPromiseAmount !== undefined) {
    params.l_max = String(filter.maxPromiseAmount);
    promise.push('last_amount <= toDecimal64({l_max:String}, 2)');
  }
  if (filter?.minBrokenPromises !== null && filter?.minBrokenPromises !== undefined) {
    params.l_broken = filter.minBrokenPromises;
    promise.push('broken >= {l_broken:UInt32}');
  }
  if (promise.length > 0) {
    // PROMISE_CASES_SQL's window and as-of parameters
    params.grace = graceDays;
    where.push(
      `case_id IN (SELECT case_id FROM ${PROMISES_PER_CASE} WHERE ${promise.join(' AND ')})`,
    );
  }
  if (filter?.currentBuckets && filter.currentBuckets.length > 0) {
    params.l_bucket = filter.currentBuckets;
    where.push(
      `account_id IN (SELECT account_id FROM ${CURRENT_BUCKETS} WHERE bucket IN {l_bucket:Array(String)})`,
    );
  }
  return { where, params };
}

/** Each order's column and how a cursor's value (its text) is read back as that column's type. */
const ORDERS: Readonly<Record<CaseOrder, { column: string; parse: string; pattern: RegExp }>> = {
  [CaseOrder.OPENED_AT]: {
    column: 'opened_at',
    parse: "toDateTime64({c_value:String}, 3, 'UTC')",
    pattern: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,3})?$/,
  },
  [CaseOrder.ENTRY_BALANCE]: {
    column: 'entry_balance',
    parse: 'toDecimal64({c_value:String}, 2)',
    pattern: /^-?\d{1,16}(\.\d{1,2})?$/,
  },
  [CaseOrder.ENTRY_DPD]: {
    column: 'entry_dpd',
    parse: 'toUInt32({c_value:String})',
    pattern: /^\d{1,9}$/,
  },
};

export interface ListOrder {
  readonly orderBy: CaseOrder;
  readonly descending: boolean;
}

export const DEFAULT_ORDER: ListOrder = { orderBy: CaseOrder.OPENED_AT, descending: true };

/** ORDER BY of a list and the sort value of each row (as text, for its cursor). */
export function orderSql(order: ListOrder): { orderBy: string; sortKey: string } {
  const { column } = ORDERS[order.orderBy];
  return {
    orderBy: `${column} ${order.descending ? 'DESC' : 'ASC'}, case_id`,
    sortKey: `toString(${column})`,
  };
}

interface Cursor {
  readonly o: CaseOrder;
  readonly d: boolean;
  readonly v: string;
  readonly id: string;
}

/** The opaque cursor of a row: the order it was made for, its sort value and case id. */
export function encodeCursor(order: ListOrder, sortKey: string, caseId: string): string {
  const cursor: Cursor = { o: order.orderBy, d: order.descending, v: sortKey, id: caseId };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The rows after a cursor, in the list's order: a condition on (sort column, case_id). */
export function afterSql(
  order: ListOrder,
  after: string,
): { condition: string; params: Record<string, unknown> } {
  let cursor: Partial<Cursor> | null = null;
  try {
    cursor = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    cursor = null;
  }
  const spec = ORDERS[order.orderBy];
  if (
    !cursor ||
    typeof cursor.v !== 'string' ||
    typeof cursor.id !== 'string' ||
    !spec.pattern.test(cursor.v)
  )
    throw badInput('after is not a cursor of a case list: pass the endCursor of a page.');
  if (cursor.o !== order.orderBy || cursor.d !== order.descending)
    throw badInput(
      `after was made for another order (${echo(cursor.o)}, descending ${echo(cursor.d)}): pass the same orderBy and descending as the page it came from.`,
    );
  const op = order.descending ? '<' : '>';
  return {
    condition: `(${spec.column} ${op} ${spec.parse} OR (${spec.column} = ${spec.parse} AND case_id > {c_id:String}))`,
    params: { c_value: cursor.v, c_id: cursor.id },
  };
}
