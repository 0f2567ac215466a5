/**
 * `etl generate` (docs/generator.md): flags, validation and a progress bar on a terminal.
 * `pnpm etl` (app/src/etl-cli.ts) registers it beside the ETL's commands.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { generate, type GenerateSummary, type Scale } from './index.ts';
import { parseMonth } from './time.ts';

function integer(min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
      throw new InvalidArgumentError(`expected an integer ≥ ${min}, got "${value}"`);
    }
    return Number(value);
  };
}

function month(value: string): string {
  try {
    parseMonth(value);
  } catch {
    throw new InvalidArgumentError(`expected YYYY-MM, got "${value}"`);
  }
  return value;
}

export function describeSummary(s: GenerateSummary): string {
  const total = Object.values(s.events).reduce((a, b) => a + b, 0);
  const mb = (s.bytes / 1e6).toFixed(1);
  const lines = [
    `generated ${s.accounts} accounts × ${s.months} months (${s.startMonth} … ${s.endMonth}), seed ${s.seed}`,
    `${total} events in ${s.files.length} files, ${mb} MB, ${s.seconds.toFixed(1)} s → ${s.out}`,
    ...Object.entries(s.events).map(([type, n]) => `  ${type.padEnd(18)} ${n}`),
    `planted compliance breaches: ${s.breaches}; dirty rows: ${s.dirtyRows}`,
  ];
  return lines.join('\n');
}

export function registerGenerate(program: Command): Command {
  return program
    .command('generate')
    .description('write a synthetic, deterministic collections portfolio as event files')
    .requiredOption('--out <dir>', 'output folder (new or empty)')
    .option('--accounts <n>', 'number of accounts (default: from --scale)', integer(1))
    .option('--months <m>', 'months of history (default: from --scale)', integer(1))
    .option('--seed <s>', 'random seed', integer(0), 42)
    .addOption(
      new Option('--scale <scale>', 'S = 10 000 accounts × 24 months, M = 1 000 000 × 24')
        .choices(['S', 'M'])
        .default('S'),
    )
    .option('--end-month <YYYY-MM>', 'last month of data', month, '2026-10')
    .option('--dirty', 'add bad rows and duplicates of every kind under zz-dirty/', false)
    .option('--gzip', 'gzip the event files', false)
    .action(
      async (opts: {
        out: string;
        accounts?: number;
        months?: number;
        seed: number;
        scale: Scale;
        endMonth: string;
        dirty: boolean;
        gzip: boolean;
      }) => {
        const bar = process.stdout.isTTY
          ? new cliProgress.SingleBar(
              { format: 'generate [{bar}] {percentage}% {value}/{total} accounts' },
              cliProgress.Presets.shades_classic,
            )
          : null;
        let started = false;
        try {
          const summary = await generate({
            ...opts,
            onProgress: (done, total) => {
              if (!bar) return;
              if (!started) bar.start(total, 0);
              started = true;
              bar.update(done);
            },
          });
          bar?.stop();
          console.log(describeSummary(summary));
        } catch (error) {
          bar?.stop();
          program.error(`generate: ${(error as Error).message}`, { exitCode: 1 });
        }
      },
    );
}
