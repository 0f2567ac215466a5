import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG_DOC_PATH, catalogMarkdown } from './catalog-doc.ts';
import { Dimension, Measure } from './explore.catalog.ts';

describe('docs/metrics/catalog.md', () => {
  it('matches the catalog the API serves (run `pnpm docs:catalog` after changing it)', () => {
    expect(readFileSync(CATALOG_DOC_PATH, 'utf8')).toBe(catalogMarkdown());
  });

  it('documents every measure and dimension, a rate with its parts', () => {
    const doc = catalogMarkdown();
    for (const m of Object.values(Measure)) expect(doc).toContain(`### \`${m}\` (`);
    for (const d of Object.values(Dimension)) expect(doc).toContain(`| \`${d}\` |`);
    expect(doc).toContain('- Numerator `cured_30d`, denominator `cure_mature_30d`.');
    expect(doc).toContain('| `arm_role` |');
    expect(doc).toMatch(/\| `region` \|[^\n]*\| `regions` \| as loaded/);
  });
});
