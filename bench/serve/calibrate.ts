/**
 * `pnpm bench:cost --chdb-path DIR [--repeats 3] [--out FILE]`
 *
 * Calibrates the admission cost model (api/src/limits/weights.ts) against the
 * database time each root field really takes. Every Query field is asked with
 * every leaf of its answer selected, over periods of 1, 3, 12 and 24 months
 * ending with the last complete month before the data's as-of date (pages of
 * 100 and 1 000 rows where a field pages), in process, without the answer cache.
 * For each request it prints the estimated cost, the median time of
 * --repeats runs and the milliseconds per unit of cost: a well calibrated model
 * has about the same milliseconds per unit for every field and size.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
  type GraphQLField,
  type GraphQLObjectType,
  type OperationDefinitionNode,
} from 'graphql';
import { Command } from 'commander';
import { apiSchema, createApollo, estimateCost, type ApiContext } from '@collections/api';
import { addMonths, lastDayOfMonth } from '@collections/api/queries';
import { loadEnv, openDb } from '@collections/schema';
import { median } from '../src/stats.ts';

const program = new Command()
  .requiredOption('--chdb-path <dir>', 'loaded embedded database')
  .option('--repeats <n>', 'runs per request (the median is reported)', '3')
  .option('--months <list>', 'period lengths in months', '1,3,12,24')
  .option('--out <file>', 'write the results as JSON');
program.parse();
const opts = program.opts<{ chdbPath: string; repeats: string; months: string; out?: string }>();

// Without limits: the point is to time what the limits would refuse too.
const env = { ...loadEnv(), CHDB_PATH: opts.chdbPath };
const db = await openDb(env);
const schema = await apiSchema();
const server = createApollo(schema, {
  maxAliases: 1_000,
  maxDepth: 100,
  maxTokens: 1_000_000,
  maxCost: Number.MAX_SAFE_INTEGER,
  maxResponseBytes: Number.MAX_SAFE_INTEGER,
});
await server.start();

async function run(query: string): Promise<{ ms: number; errors?: string }> {
  const contextValue: ApiContext = { db, env, role: 'admin', requestId: randomUUID() };
  const started = performance.now();
  const response = await server.executeOperation({ query }, { contextValue });
  const ms = performance.now() - started;
  if (response.body.kind !== 'single') return { ms, errors: 'incremental response' };
  const errors = response.body.singleResult.errors;
  return { ms, errors: errors?.length ? errors.map((e) => e.message).join('; ') : undefined };
}

async function value<T>(query: string, pick: (data: Record<string, unknown>) => T): Promise<T> {
  const contextValue: ApiContext = { db, env, role: 'admin', requestId: randomUUID() };
  const response = await server.executeOperation({ query }, { contextValue });
  if (response.body.kind !== 'single' || response.body.singleResult.errors?.length)
    throw new Error(`calibration set-up query failed: ${query}`);
  return pick(response.body.singleResult.data as Record<string, unknown>);
}

/** Every leaf below a type, depth-first, fields with required arguments left out. */
function selection(type: GraphQLObjectType, depth = 0): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && depth < 4)
      parts.push(`${field.name} { ${selection(named, depth + 1)} }`);
  }
  return parts.join(' ');
}

const asOf = await value('{ asOf { date } }', (d) => (d.asOf as { date: string }).date);
const experiment = await value(
  '{ dimensions { experiments } }',
  (d) => (d.dimensions as { experiments: string[] }).experiments[0] ?? 'none',
);
const caseId = await value(
  '{ cases(limit: 1) { rows { caseId } } }',
  (d) => (d.cases as { rows: { caseId: string }[] }).rows[0]?.caseId ?? 'none',
);
// The last complete month before the as-of date.
const lastMonth = addMonths(asOf.slice(0, 7), -1);

interface Variant {
  readonly label: string;
  readonly args: Record<string, string | number>;
}

/** The sizes to time for one field, from the names of its arguments. */
function variants(field: GraphQLField<unknown, unknown>): Variant[] {
  const names = new Set(field.args.map((a) => a.name));
  const out: Variant[] = [];
  const months = opts.months.split(',').map(Number);
  const common: Record<string, string | number> = {};
  if (names.has('experiment')) common.experiment = experiment;
  if (names.has('caseId')) common.caseId = caseId;
  const pages = names.has('limit') ? [100, 1000] : [undefined];
  for (const page of pages) {
    const paged: Record<string, number> = page === undefined ? {} : { limit: page };
    const pageLabel = page === undefined ? '' : ` limit ${page}`;
    if (names.has('from')) {
      for (const n of months) {
        const from = `${addMonths(lastMonth, 1 - n)}-01`;
        const to = lastDayOfMonth(lastMonth);
        out.push({ label: `${n} mo${pageLabel}`, args: { ...common, ...paged, from, to } });
      }
    } else if (names.has('fromMonth')) {
      for (const n of months)
        out.push({
          label: `${n} mo`,
          args: { ...common, fromMonth: addMonths(lastMonth, 1 - n), toMonth: lastMonth },
        });
    } else if (names.has('lookbackMonths')) {
      out.push({ label: '6+6 mo', args: { ...common, lookbackMonths: 6, months: 6 } });
      out.push({ label: '24+12 mo', args: { ...common, lookbackMonths: 24, months: 12 } });
    } else out.push({ label: `once${pageLabel}`, args: { ...common, ...paged } });
  }
  return out;
}

const literal = (v: string | number) => (typeof v === 'number' ? String(v) : JSON.stringify(v));
const repeats = Number(opts.repeats);

interface Row {
  field: string;
  size: string;
  cost: number;
  medianMs: number;
  msPerCost: number;
  error?: string;
}
const rows: Row[] = [];
const query = schema.getQueryType()!;
for (const field of Object.values(query.getFields())) {
  const type = getNamedType(field.type);
  const body = isObjectType(type) ? ` { ${selection(type)} }` : '';
  for (const v of variants(field)) {
    const args = Object.entries(v.args)
      .map(([k, x]) => `${k}: ${literal(x)}`)
      .join(', ');
    const text = `{ ${field.name}${args ? `(${args})` : ''}${body} }`;
    const document = parse(text);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const cost = estimateCost(schema, document, operation, {})?.total ?? NaN;
    const times: number[] = [];
    let error: string | undefined;
    for (let i = 0; i < repeats; i++) {
      const result = await run(text);
      times.push(result.ms);
      error ??= result.errors;
    }
    const ms = median(times);
    const row = {
      field: field.name,
      size: v.label,
      cost,
      medianMs: ms,
      msPerCost: ms / cost,
      error,
    };
    rows.push(row);
    console.log(
      `${field.name.padEnd(22)} ${v.label.padEnd(16)} cost ${cost.toFixed(1).padStart(7)}  ` +
        `${ms.toFixed(0).padStart(6)} ms  ${(ms / cost).toFixed(1).padStart(7)} ms/unit` +
        (error ? `  ERROR ${error.slice(0, 120)}` : ''),
    );
  }
}

const perUnit = rows.filter((r) => !r.error).map((r) => r.msPerCost);
console.log(
  `\nms per cost unit over ${perUnit.length} requests: median ${median(perUnit).toFixed(1)}, ` +
    `min ${Math.min(...perUnit).toFixed(1)}, max ${Math.max(...perUnit).toFixed(1)}`,
);
if (opts.out) writeFileSync(opts.out, JSON.stringify({ asOf, rows }, null, 2));
await server.stop();
await db.close();
