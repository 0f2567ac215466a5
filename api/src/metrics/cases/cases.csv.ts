/**
 * GET /cases.csv (docs/api.md#case-lists-as-csv): every case matching a case
 * list's filters and order, as CSV, streamed page by page (keyset cursors of
 * cases.list.ts, CSV_PAGE_ROWS at a time) so that memory stays bounded whatever
 * the count. Arguments are the `cases` query's, as URL parameters: `filter` and
 * `portfolio` as JSON (checked by GraphQL's own coercion against CaseFilter and
 * PortfolioFilter, then by the same checks as `cases`), `orderBy`, `descending`.
 * Same access as `cases` (API key, analyst role and above); the account is its
 * keyed tag, never the id.
 *
 * Admission (docs/metrics/cases.md): the CSV's estimated cost is the `cases`
 * field's for the same filter with a page of all its rows (limits/weights.ts
 * csvCost); one page of it over CSV_MAX_COST is refused before any query, the
 * whole list after counting it, as is a list over CSV_MAX_ROWS (413). A busy
 * engine refuses like GraphQL: 503, or 429 for a caller with too many queries
 * waiting, with Retry-After.
 */
import type { ServerResponse } from 'node:http';
import { coerceInputValue, GraphQLError, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import type { ApiContext } from '../../context.ts';
import { requireRole } from '../../auth.ts';
import { csvCost } from '../../limits/weights.ts';
import type { PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { casePageQuery, caseCountQuery, type CaseRow } from './cases.sql.ts';
import { caseListArgs, withHolderAndPaid } from './cases.resolver.ts';
import { encodeCursor, type ListOrder } from './cases.list.ts';
import { CaseOrder, type CaseFilter, type CaseSummary } from './cases.types.ts';

/** Rows per query of the stream. */
export const CSV_PAGE_ROWS = 5_000;

const COLUMNS: readonly (keyof CaseSummary)[] = [
  'caseId',
  'accountMasked',
  'openedAt',
  'strategy',
  'experiment',
  'armRole',
  'segment',
  'entryDpd',
  'entryBucket',
  'entryBalance',
  'agentId',
  'agentName',
  'team',
  'closed',
  'closedAt',
  'outcome',
  'paid',
];

/** One CSV cell (RFC 4180); text starting like a formula gets a leading ' so spreadsheets show it as text. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

class CsvInputError extends Error {}

function jsonParam(url: URL, name: string, schema: GraphQLSchema, type: string): unknown {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new CsvInputError(`${name} is not JSON: pass the ${type} input as a JSON object.`);
  }
  const problems: string[] = [];
  const coerced = coerceInputValue(
    value,
    schema.getType(type) as GraphQLInputType,
    (path, _invalid, error) => problems.push(`${[name, ...path].join('.')}: ${error.message}`),
  );
  if (problems.length > 0) throw new CsvInputError(problems.join(' '));
  return coerced;
}

function orderParam(url: URL): ListOrder {
  const orderBy = url.searchParams.get('orderBy') ?? CaseOrder.OPENED_AT;
  if (!Object.values<string>(CaseOrder).includes(orderBy))
    throw new CsvInputError(
      `orderBy must be one of ${Object.values(CaseOrder).join(', ')}; got ${JSON.stringify(orderBy.slice(0, 100))}.`,
    );
  const descending = url.searchParams.get('descending') ?? 'true';
  if (descending !== 'true' && descending !== 'false')
    throw new CsvInputError('descending must be true or false.');
  return { orderBy: orderBy as CaseOrder, descending: descending === 'true' };
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Iterable<[string, string]> = [],
): void {
  res.statusCode = status;
  for (const [name, value] of headers) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ error: message }));
}

/** Waits until the response can take more (backpressure), or the client is gone. */
/**
 * The HTTP status of a refusal before the first row: a busy or timed-out engine is
 * 503 (try again later), a forbidden role 403, anything else the caller's input (400).
 */
function csvStatus(err: GraphQLError): number {
  const code = err.extensions.code;
  if (code === 'FORBIDDEN') return 403;
  if (code === 'TOO_MANY_REQUESTS') return 429;
  if (code === 'SERVICE_UNAVAILABLE' || code === 'QUERY_TIMEOUT' || code === 'CANCELLED')
    return 503;
  return 400;
}

/** The headers a refusal carries for GraphQL (Retry-After of a busy engine). */
function csvHeaders(err: GraphQLError): Iterable<[string, string]> {
  const http = err.extensions.http as { headers?: Iterable<[string, string]> } | undefined;
  return http?.headers ?? [];
}

/** QUERY_TOO_COSTLY, said as admission says it for GraphQL. */
function tooCostly(cost: number, max: number, rows: number): GraphQLError {
  return new GraphQLError(
    `The CSV's estimated cost is ${Math.round(cost * 10) / 10} for ${rows} rows, over the limit of ${max} (CSV_MAX_COST): narrow the filter (e.g. openedFrom, openedTo).`,
    { extensions: { code: 'QUERY_TOO_COSTLY' } },
  );
}

async function write(res: ServerResponse, text: string): Promise<void> {
  if (res.write(text)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export async function casesCsv(
  res: ServerResponse,
  url: URL,
  ctx: ApiContext,
  schema: GraphQLSchema,
  pageRows = CSV_PAGE_ROWS,
): Promise<void> {
  let args;
  let total: number;
  try {
    requireRole(ctx, 'analyst');
    const filter = jsonParam(url, 'filter', schema, 'CaseFilter') as CaseFilter | null;
    const portfolio = jsonParam(
      url,
      'portfolio',
      schema,
      'PortfolioFilter',
    ) as PortfolioFilter | null;
    const order = orderParam(url);
    // one page of this filter must be admissible before anything runs (even the count)
    const pageCost = csvCost(filter, pageRows);
    if (pageCost > ctx.env.CSV_MAX_COST) throw tooCostly(pageCost, ctx.env.CSV_MAX_COST, pageRows);
    args = await caseListArgs(ctx, filter, portfolio, order);
    const [count] = await runQuery<{ total: number }>(ctx, caseCountQuery(args));
    total = Number(count?.total ?? 0);
    if (total <= ctx.env.CSV_MAX_ROWS) {
      ctx.cost = csvCost(filter, total);
      if (ctx.cost > ctx.env.CSV_MAX_COST) throw tooCostly(ctx.cost, ctx.env.CSV_MAX_COST, total);
    }
  } catch (err) {
    if (err instanceof CsvInputError) return sendError(res, 400, err.message);
    if (err instanceof GraphQLError)
      return sendError(res, csvStatus(err), err.message, csvHeaders(err));
    throw err;
  }
  if (total > ctx.env.CSV_MAX_ROWS)
    return sendError(
      res,
      413,
      `The list has ${total} cases, over the ${ctx.env.CSV_MAX_ROWS} one CSV may hold (CSV_MAX_ROWS): narrow the filter (e.g. openedFrom, openedTo).`,
    );
  res.statusCode = 200;
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', 'attachment; filename="cases.csv"');
  try {
    await write(res, `${COLUMNS.join(',')}\r\n`);
    let after: string | null = null;
    for (;;) {
      const read = await runQuery<CaseRow>(
        ctx,
        casePageQuery({ ...args, after }, pageRows + 1, 0, false),
      );
      const rows = read.slice(0, pageRows);
      const cases = await withHolderAndPaid(ctx, rows);
      if (cases.length > 0)
        await write(
          res,
          cases.map((c) => `${COLUMNS.map((k) => csvCell(c[k])).join(',')}\r\n`).join(''),
        );
      const last = rows.at(-1);
      if (read.length <= pageRows || !last || res.destroyed) break;
      after = encodeCursor(args.order!, last.sort_key, last.case_id);
    }
    res.end();
  } catch (err) {
    // headers are sent: a cut connection, never a CSV that looks complete
    res.destroy();
    throw err;
  }
}
