/**
 * The ETL's commands (docs/etl.md) on one commander program. `etl/src/cli.ts` runs it
 * alone; `pnpm etl` (app/src/etl-cli.ts) adds the generator's `generate` to it, so that
 * loading never needs the generator (docs/decisions/006-generator-package.md).
 */
import { Command } from 'commander';
import { registerLoad, registerRebuild, registerWatch } from './commands.ts';
import { registerMaintain } from './maintain.ts';
import { registerScore } from './score/command.ts';

export function etlProgram(): Command {
  const program = new Command('etl').description(
    'collections ETL: load and watch event files, rebuild and maintain derived tables, score cases',
  );
  registerLoad(program);
  registerWatch(program);
  registerRebuild(program);
  registerMaintain(program);
  registerScore(program);
  return program;
}
