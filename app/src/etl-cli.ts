/** `pnpm etl …`: runs the command line of app/src/etl-command.ts. */
import { etlCommandLine } from './etl-command.ts';

await etlCommandLine().parseAsync(process.argv);
