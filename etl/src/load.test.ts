/** The loader end to end (testing/load-suite.ts), small files taking the careful path. */
import { loadSuite } from './testing/load-suite.ts';

loadSuite('auto');
