/** The ETL's own command line (load, watch, rebuild, score): what its CLI tests run. `pnpm etl` is app/src/etl-cli.ts. */
import { etlProgram } from './program.ts';

await etlProgram().parseAsync(process.argv);
