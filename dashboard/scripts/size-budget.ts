/**
 * Build-time size budget: fails `vite build` when the initial JS (entry chunk and
 * its static imports) exceeds the budget, gzip-compressed. The explorer and heavy
 * pages are lazy chunks and do not count. Prints every chunk's size so the closing
 * note of a change can quote them.
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export interface Budget {
  /** Max gzip bytes of the JS loaded before first render. */
  initialJsGzip: number;
}

export function sizeBudget(budget: Budget): Plugin {
  return {
    name: 'collections-size-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const initial = new Set<string>();
      const visit = (file: string): void => {
        if (initial.has(file)) return;
        initial.add(file);
        for (const dep of byName.get(file)?.imports ?? []) visit(dep);
      };
      for (const c of chunks) if (c.isEntry) visit(c.fileName);
      let initialGzip = 0;
      const rows = chunks
        .map((c) => ({ file: c.fileName, gzip: gzipSync(c.code).length, raw: c.code.length }))
        .sort((a, b) => b.gzip - a.gzip);
      for (const r of rows) {
        const isInitial = initial.has(r.file);
        if (isInitial) initialGzip += r.gzip;
        this.info(
          `${isInitial ? 'initial' : 'lazy   '} ${(r.gzip / 1024).toFixed(1).padStart(8)} kB gzip ${(r.raw / 1024).toFixed(1).padStart(9)} kB  ${r.file}`,
        );
      }
      const summary = `initial JS ${(initialGzip / 1024).toFixed(1)} kB gzip (budget ${(budget.initialJsGzip / 1024).toFixed(0)} kB)`;
      if (initialGzip > budget.initialJsGzip) this.error(`size budget exceeded: ${summary}`);
      this.info(summary);
    },
  };
}
