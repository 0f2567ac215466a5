import { ACCOUNT_MONTH } from '../derived/account-month/index.ts';
import type { Migration } from './index.ts';

export const m200AccountMonth: Migration = {
  version: 200,
  name: 'account_month: month-end state per account for roll rates and the loss forecast',
  steps: [{ table: ACCOUNT_MONTH }],
};
