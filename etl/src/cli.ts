/** `pnpm etl …`: the ETL command line (SPEC §5). Each command registers itself here. */
import { Command } from 'commander';
import { registerLoad, registerWatch } from './commands.ts';

const program = new Command('etl').description('collections ETL: load and watch event files');
registerLoad(program);
registerWatch(program);
// The generator (etl/src/generate/command.ts) adds itself here: registerGenerate(program);

await program.parseAsync(process.argv);
