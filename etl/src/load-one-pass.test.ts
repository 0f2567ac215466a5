/**
 * The loader end to end (testing/load-suite.ts) with every NDJSON file trying the one
 * pass (fused.ts); files with duplicates fall back to the careful path. Same assertions
 * as load.test.ts.
 */
import { loadSuite } from './testing/load-suite.ts';

loadSuite('always');
