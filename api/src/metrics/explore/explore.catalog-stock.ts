/**
 * The semantic layer's month-end measures (docs/metrics/explore.md "Month-end
 * measures"): delinquency as a stock (the state at a month end, as kpis), roll
 * rates over month-to-month transitions (as rollRates' pooled flows, count
 * basis) and charge-offs. Declared apart from explore.catalog.ts, which spreads
 * them into MEASURES; its values come in as arguments, so this module imports
 * types only (no import cycle at load time).
 */
import type {
  Fact,
  Measure as MeasureEnum,
  MeasureDef,
  MeasureUnit as UnitEnum,
  MetricRef,
} from './explore.catalog.ts';

type Ref = (figure: string, part?: MetricRef['part']) => MetricRef;

/**
 * What the measure modules (month-end, contact, cohort) take from
 * explore.catalog.ts as arguments: the enums' values and its `base` constructor.
 */
export type MeasureDeps = {
  Measure: typeof MeasureEnum;
  MeasureUnit: typeof UnitEnum;
  base: (
    fact: Fact,
    unit: UnitEnum,
    description: string,
    formula: string,
    definedBy: readonly MetricRef[],
  ) => MeasureDef;
};

export type MonthEndMeasure =
  | MeasureEnum.DELINQUENT_ACCOUNTS
  | MeasureEnum.DELINQUENT_BALANCE
  | MeasureEnum.OPEN_BALANCE
  | MeasureEnum.DELINQUENCY_RATE
  | MeasureEnum.ROLL_BASE
  | MeasureEnum.ROLLED_FORWARD
  | MeasureEnum.ROLL_FORWARD_RATE
  | MeasureEnum.CURE_BASE
  | MeasureEnum.CURED_TO_M0
  | MeasureEnum.CURE_TO_M0_RATE
  | MeasureEnum.CHARGE_OFFS;

/** A ratio measure: value = numerator / denominator, returned with both. */
export function ratioDef(
  numerator: MeasureEnum,
  denominator: MeasureEnum,
  unit: UnitEnum,
  description: string,
  formula: string,
  definedBy: readonly MetricRef[],
): MeasureDef {
  return { kind: 'ratio', numerator, denominator, unit, description, formula, definedBy };
}

/** The facts that are read at month grain (or coarser; vintages: opening months): DAY and WEEK are refused for them. */
export const MONTHLY_FACTS: readonly Fact[] = ['month_end', 'rolls', 'vintages'];

export function monthEndMeasures(
  deps: MeasureDeps & { kpi: Ref; rolls: Ref },
): Record<MonthEndMeasure, MeasureDef> {
  const { Measure: M, base, kpi, rolls } = deps;
  const { COUNT, CURRENCY, RATE } = deps.MeasureUnit;
  const ratio = (
    numerator: MeasureEnum,
    denominator: MeasureEnum,
    description: string,
    formula: string,
    definedBy: readonly MetricRef[],
  ) => ratioDef(numerator, denominator, RATE, description, formula, definedBy);
  const AT_END =
    "at the end of the time bucket's last month (of the period; the as-of for the current month)";
  return {
    [M.DELINQUENT_ACCOUNTS]: base(
      'month_end',
      COUNT,
      'Open accounts in M1 or worse at the month end.',
      `accounts whose latest state ${AT_END} is open with dpd > 0`,
      [kpi('delinquent_accounts')],
    ),
    [M.DELINQUENT_BALANCE]: base(
      'month_end',
      CURRENCY,
      'Balance of the open accounts in M1 or worse at the month end.',
      `sum of the balance of the accounts whose latest state ${AT_END} is open with dpd > 0`,
      [kpi('delinquent_balance'), kpi('delinquency_rate', 'numerator')],
    ),
    [M.OPEN_BALANCE]: base(
      'month_end',
      CURRENCY,
      'Balance of all open accounts at the month end.',
      `sum of the balance of the accounts whose latest state ${AT_END} is open`,
      [kpi('delinquency_rate', 'denominator')],
    ),
    [M.DELINQUENCY_RATE]: ratio(
      M.DELINQUENT_BALANCE,
      M.OPEN_BALANCE,
      'Delinquency rate by balance at the month end.',
      'delinquent balance / open balance',
      [kpi('delinquency_rate')],
    ),
    [M.ROLL_BASE]: base(
      'rolls',
      COUNT,
      'Open accounts (M0 … M7_PLUS) at the month end with a state the month after (the roll-forward denominator).',
      'accounts whose month-end bucket in the period’s months is M0 … M7_PLUS (not CLOSED, not CHARGED_OFF) and that have a state at the end of the next month',
      [rolls('rollForwardRate', 'denominator')],
    ),
    [M.ROLLED_FORWARD]: base(
      'rolls',
      COUNT,
      'Accounts that moved to a worse bucket by the next month end.',
      'accounts of roll_base whose bucket the month after is worse (M0 < M1 < … < M7_PLUS < CHARGED_OFF)',
      [rolls('rollForwardRate', 'numerator')],
    ),
    [M.ROLL_FORWARD_RATE]: ratio(
      M.ROLLED_FORWARD,
      M.ROLL_BASE,
      'Roll-forward rate by count: share of accounts moving to a worse bucket.',
      'rolled forward / roll base',
      [rolls('rollForwardRate')],
    ),
    [M.CURE_BASE]: base(
      'rolls',
      COUNT,
      'Delinquent open accounts (M1 … M7_PLUS) at the month end with a state the month after (the cure denominator).',
      'accounts whose month-end bucket in the period’s months is M1 … M7_PLUS (not M0, CLOSED, CHARGED_OFF) and that have a state at the end of the next month',
      [rolls('cureRate', 'denominator')],
    ),
    [M.CURED_TO_M0]: base(
      'rolls',
      COUNT,
      'Accounts back in M0 at the next month end.',
      'accounts of cure_base whose bucket the month after is M0',
      [rolls('cureRate', 'numerator')],
    ),
    [M.CURE_TO_M0_RATE]: ratio(
      M.CURED_TO_M0,
      M.CURE_BASE,
      'Cure rate by count: share of accounts back in M0 the month after.',
      'cured to M0 / cure base',
      [rolls('cureRate')],
    ),
    [M.CHARGE_OFFS]: base(
      'charge_offs',
      COUNT,
      'Accounts charged off.',
      'accounts whose first charged_off snapshot is dated in the period',
      [kpi('charge_offs')],
    ),
  };
}
