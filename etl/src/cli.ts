/** `pnpm etl …`: the ETL command line (docs/etl.md). Each command registers itself here. */
import { Command } from 'commander';
import { registerLoad, registerRebuild, registerWatch } from './commands.ts';
import { registerGenerate } from './generate/command.ts';
import { registerScore } from './score/command.ts';

const program = new Command('etl').description(
  'collections ETL: generate, load and watch event files, rebuild derived tables, score cases',
);
registerLoad(program);
registerWatch(program);
registerRebuild(program);
registerGenerate(program);
registerScore(program);

await program.parseAsync(process.argv);
