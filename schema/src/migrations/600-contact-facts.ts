import { PAYMENT_FACTS } from '../derived/payment-facts/index.ts';
import { PROMISE_FACTS } from '../derived/promise-facts/index.ts';
import { VOICE_ATTEMPTS } from '../derived/voice-attempts/index.ts';
import type { Migration } from './index.ts';

export const m600ContactFacts: Migration = {
  version: 600,
  name: 'promise_facts, payment_facts and voice_attempts: per-event facts for the contact-side metrics',
  steps: [{ table: PROMISE_FACTS }, { table: PAYMENT_FACTS }, { table: VOICE_ATTEMPTS }],
};
