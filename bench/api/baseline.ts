/**
 * The query builders of an earlier commit, for before/after benches: that
 * commit's api/src (tests left out) extracted with `git archive` under
 * bench/out/ (git-ignored; inside the tree so that tsx compiles it with the
 * root tsconfig's decorators), resolving packages through this tree's
 * api/node_modules. `baselineSql(commit, file)` imports one of its modules, e.g.
 * `metrics/kpis/kpis.sql.ts`; `removeBaselines()` deletes the extracts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const extracted = new Set<string>();

/** The baseline's api/src directory, extracted on first use. */
export function extractBaseline(commit: string): string {
  const dir = path.join(repo, 'bench/out', `baseline-${commit}`);
  if (!existsSync(path.join(dir, 'api/src'))) {
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync(
      'git',
      ['-C', repo, 'archive', commit, 'api/src', ':(exclude)*.test.ts'],
      { maxBuffer: 1 << 28 },
    );
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    symlinkSync(path.join(repo, 'api/node_modules'), path.join(dir, 'node_modules'));
  }
  extracted.add(dir);
  return path.join(dir, 'api/src');
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
