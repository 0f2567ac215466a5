/**
 * The query builders (api/src) or derived refreshers (schema/src) of an earlier
 * commit, for before/after benches: that commit's source (tests left out) extracted with `git archive` under
 * bench/out/ (git-ignored; inside the tree so that tsx compiles it with the
 * root tsconfig's decorators), resolving packages through this tree's
 * node_modules of that package. `baselineSql(commit, file)` imports one of its modules, e.g.
 * `metrics/kpis/kpis.sql.ts`; `removeBaselines()` deletes the extracts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const extracted = new Set<string>();

/** The baseline's `<pkg>/src` directory (api by default, or schema), extracted on first use. */
export function extractBaseline(commit: string, pkg: 'api' | 'schema' = 'api'): string {
  const dir = path.join(repo, 'bench/out', `baseline-${commit}-${pkg}`);
  if (!existsSync(path.join(dir, `${pkg}/src`))) {
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync(
      'git',
      ['-C', repo, 'archive', commit, `${pkg}/src`, ':(exclude)*.test.ts'],
      { maxBuffer: 1 << 28 },
    );
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    symlinkSync(path.join(repo, `${pkg}/node_modules`), path.join(dir, 'node_modules'));
  }
  extracted.add(dir);
  return path.join(dir, `${pkg}/src`);
}

/** One module of the baseline's api/src (a path relative to it). */
export function baselineModule<T = Record<string, never>>(
  commit: string,
  file: string,
): Promise<T> {
  return import(path.join(extractBaseline(commit), file)) as Promise<T>;
}

export function removeBaselines(): void {
  for (const dir of extracted) rmSync(dir, { recursive: true, force: true });
  extracted.clear();
}
