/** Standalone entry for manual runs until etl/src/cli.ts registers the command: `pnpm tsx etl/src/generate/main.ts generate --out DIR`. */
import { Command } from 'commander';
import { registerGenerate } from './command.ts';

const program = new Command('etl');
registerGenerate(program);
await program.parseAsync(process.argv);
