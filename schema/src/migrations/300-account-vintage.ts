import { ACCOUNT_VINTAGE } from '../derived/account-vintage/index.ts';
import type { Migration } from './index.ts';

export const m300AccountVintage: Migration = {
  version: 300,
  name: 'account_vintage: vintage and first 30+/60+/90+ month per account for vintage curves',
  steps: [{ table: ACCOUNT_VINTAGE }],
};
