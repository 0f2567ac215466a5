/** Options (descriptions) of the arguments many metrics share, so each reads the same everywhere. */
export const FROM_ARG = {
  description: 'First day of the period, YYYY-MM-DD in REPORT_TZ.',
} as const;
export const TO_ARG = {
  description: 'Last day of the period, YYYY-MM-DD in REPORT_TZ, inclusive.',
} as const;
export const FROM_MONTH_ARG = { description: 'First month, YYYY-MM.' } as const;
export const TO_MONTH_ARG = { description: 'Last month, YYYY-MM, inclusive.' } as const;

/** Why a single-value team or agent argument is deprecated (docs/api.md "Naming": one filter, lists). */
export const TEAM_ARG_DEPRECATION = 'Use filter: { teams: [...] } (the same agents).';
export const AGENT_ARG_DEPRECATION = 'Use filter: { agents: [...] } (the same agents).';
