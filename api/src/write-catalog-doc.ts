/** `pnpm docs:catalog`: write docs/metrics/catalog.md from the catalog (the catalog-doc test fails when it drifts). */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATALOG_DOC_PATH, catalogMarkdown } from './metrics/explore/catalog-doc.ts';

writeFileSync(CATALOG_DOC_PATH, catalogMarkdown());
console.log(`wrote ${fileURLToPath(CATALOG_DOC_PATH)}`);
