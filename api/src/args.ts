/** Options (descriptions) of the arguments many metrics share, so each reads the same everywhere. */
export const FROM_ARG = {
  description: 'First day of the period, YYYY-MM-DD in REPORT_TZ.',
} as const;
export const TO_ARG = {
  description: 'Last day of the period, YYYY-MM-DD in REPORT_TZ, inclusive.',
} as const;
export const FROM_MONTH_ARG = { description: 'First month, YYYY-MM.' } as const;
export const TO_MONTH_ARG = { description: 'Last month, YYYY-MM, inclusive.' } as const;
