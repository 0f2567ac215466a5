/**
 * The layout of a load's stage (docs/etl.md, "The careful path"): which columns a stage
 * of some event types has, how field values are named in it (v_<field> as text,
 * n_<field> typed), and the engines of the scratch tables. Pure SQL text.
 */
import { EVENT_SPECS, type EventSpec } from '../events.ts';

/**
 * JSON values arrive as text: strings unquoted, numbers as written by the shortest
 * double representation (exact for amounts up to 13 integer digits), null and ""
 * as '' (absent), objects and arrays as their JSON text (rejected for every field).
 */
export const NOT_SCALAR = (x: string) => `(startsWith(${x}, '{') OR startsWith(${x}, '['))`;

/** A SQL string literal of a loader-made text (event types, details, a generated id). */
export const lit = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** Stage column holding the text of field `name` ('' when absent). */
export const v = (name: string) => `v_${name}`;
export const has = (name: string) => `(${v(name)} != '')`;
/** Column holding the typed value of an amount, int or date field (typedValuesSql). */
export const n = (name: string) => `n_${name}`;

/** Every field name of every event type (the envelope's are columns of their own). */
export const FIELD_NAMES: readonly string[] = fieldNames(EVENT_SPECS);

/** Field names of `specs`, in FIELD_NAMES order. */
export function fieldNames(specs: readonly EventSpec[]): string[] {
  return [...new Set(specs.flatMap((s) => s.fields.map((f) => f.name)))];
}

/**
 * Internal stage reason of a row whose type's fields were not extracted (the
 * load sampled the file's types and guessed too few); never quarantined: the
 * loader stages the file again with every type.
 */
export const NOT_EXTRACTED = 'not_extracted';

/** The specs of `types` (all when undefined). */
export function specsOf(types?: readonly string[]): readonly EventSpec[] {
  return types ? EVENT_SPECS.filter((s) => types.includes(s.type)) : EVENT_SPECS;
}

/** Field names of the stage of a load that extracts `types` (all when undefined). */
export function stageFieldNames(types?: readonly string[]): string[] {
  return fieldNames(specsOf(types));
}

/**
 * Columns of a stage extracting `types`: only their fields get a column (writing the
 * 30-odd empty columns of the other types cost about a fifth of the stage's CPU).
 */
export function stageColumns(types?: readonly string[]): string {
  return `
  line UInt64,
  type LowCardinality(String),
  event_id String,
  occurred_at_text String,
  occurred_at Nullable(DateTime64(3, 'UTC')),
  ${stageFieldNames(types)
    .map((n) => `${v(n)} String`)
    .join(',\n  ')},
  raw String,
  pre_reason LowCardinality(String),
  pre_detail String,
  utf8_ok Bool,
  json_ok Bool,
  content_hash UInt64`;
}

/** Rows of the stage that fail a check, with the one reason each (the checks' second step). */
export const BAD_COLUMNS = `line UInt64, reason LowCardinality(String), field LowCardinality(String), detail String`;

/**
 * Engine of the load's scratch tables: compact parts (one file per part, not one
 * per column) make writing the wide, mostly empty stage about 30 % cheaper.
 */
function scratchEngine(orderBy: string): string {
  return `ENGINE = MergeTree ORDER BY ${orderBy} SETTINGS min_bytes_for_wide_part = 1000000000000, min_rows_for_wide_part = 1000000000000`;
}
export const SCRATCH_ENGINE = scratchEngine('line');

/**
 * Engine of the table of failing lines: in memory, so creating, writing and dropping it
 * touches no disk (creating a MergeTree table cost ~40 ms per file on the shared
 * machine). It holds a row per failing line only: about 60 bytes each.
 */
export const SMALL_SCRATCH_ENGINE = 'ENGINE = Memory';

/**
 * The stage of a small file lives in memory (SMALL_STAGE_BYTES): creating, filling and
 * dropping a MergeTree stage cost a small file ~0.1 s. A large file's stage is on disk,
 * so that the memory of a load stays flat in the file size.
 */
export const SMALL_STAGE_BYTES = 16 << 20;

export function createStageSql(stage: string, types?: readonly string[], inMemory = false): string {
  return `CREATE TABLE ${stage} (${stageColumns(types)}) ${inMemory ? SMALL_SCRATCH_ENGINE : SCRATCH_ENGINE}`;
}

export function createBadSql(bad: string): string {
  return `CREATE TABLE ${bad} (${BAD_COLUMNS}) ${SMALL_SCRATCH_ENGINE}`;
}
