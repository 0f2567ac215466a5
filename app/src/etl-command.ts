/**
 * `pnpm etl …` (docs/etl.md, docs/generator.md): the ETL's commands plus the
 * generator's `generate`, composed here so that neither package depends on the
 * other (docs/decisions/006-generator-package.md).
 */
import type { Command } from 'commander';
import { etlProgram } from '@collections/etl/program';
import { registerGenerate } from '@collections/generator/command';

export function etlCommandLine(): Command {
  const program = etlProgram().description(
    'collections ETL: generate, load and watch event files, rebuild derived tables, score cases',
  );
  registerGenerate(program);
  return program;
}
