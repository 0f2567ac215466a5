/** Validation of event lines, in ClickHouse SQL: the stage's layout, the parse, the rules. */
export * from './stage-layout.sql.ts';
export * from './parse.sql.ts';
export * from './rules.sql.ts';
