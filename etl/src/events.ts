/**
 * docs/etl.md as data: the fields of every event type, their kinds and rules, and
 * the column each one lands in. The SQL validators (validate/) and the
 * typed inserts (insert.sql.ts) are generated from this one table.
 */
import {
  ARM_ROLES,
  CASE_OUTCOMES,
  CHANNELS,
  CONTACT_OUTCOMES,
  LEGAL_ACTIONS,
  PLAN_KINDS,
  ACCOUNT_STATUSES,
  type EventType,
} from '@collections/schema/domain';

export type FieldKind =
  /** identifier or free text: a JSON string or number, 1–128 characters */
  | { readonly kind: 'text'; readonly maxLength?: number }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'date' }
  /** decimal with at most 2 places; `positive` means > 0, otherwise ≥ 0 */
  | { readonly kind: 'amount'; readonly positive?: boolean }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  /** customer PII: stored only as HMAC-SHA-256 hex in `column` */
  | { readonly kind: 'pii' };

export type FieldSpec = FieldKind & {
  readonly name: string;
  readonly required: boolean;
  /** target column (defaults to the field name) */
  readonly column?: string;
  /** value stored when an optional field is absent, as SQL text of the right kind */
  readonly default?: string;
};

export interface EventSpec {
  readonly type: EventType;
  readonly fields: readonly FieldSpec[];
  /** extra row rules: SQL condition over `v('field')` text values that must hold, with the field it blames */
  readonly rules?: readonly {
    readonly field: string;
    readonly detail: string;
    readonly ok: string;
  }[];
}

const UINT32_MAX = 4_294_967_295;

const req = (name: string, kind: FieldKind): FieldSpec => ({ name, required: true, ...kind });
const opt = (
  name: string,
  kind: FieldKind,
  extra: { column?: string; default?: string } = {},
): FieldSpec => ({ name, required: false, ...kind, ...extra });
const text: FieldKind = { kind: 'text' };
const date: FieldKind = { kind: 'date' };
const amount: FieldKind = { kind: 'amount' };
const positive: FieldKind = { kind: 'amount', positive: true };
const count: FieldKind = { kind: 'int', min: 0, max: UINT32_MAX };
const pii: FieldKind = { kind: 'pii' };
const oneOf = (values: readonly string[]): FieldKind => ({ kind: 'enum', values });

export const EVENT_SPECS: readonly EventSpec[] = [
  {
    type: 'account_opened',
    fields: [
      req('account_id', text),
      { ...req('customer_id', pii), column: 'customer_hash' },
      req('product', text),
      req('portfolio', text),
      req('region', text),
      req('opened_on', date),
      req('principal', amount),
      opt('risk_grade', text),
      opt('utc_offset_minutes', { kind: 'int', min: -840, max: 840 }, { default: '480' }),
      opt('customer_name', pii, { column: 'customer_name_hash' }),
      opt('phone', pii, { column: 'phone_hash' }),
      opt('national_id', pii, { column: 'national_id_hash' }),
    ],
  },
  {
    type: 'agent_registered',
    fields: [
      req('agent_id', text),
      req('name', text),
      req('team', text),
      opt('site', text),
      opt('hired_on', date),
    ],
  },
  {
    type: 'account_snapshot',
    fields: [
      req('account_id', text),
      req('as_of', date),
      req('dpd', count),
      req('balance', amount),
      req('amount_due', amount),
      req('status', oneOf(ACCOUNT_STATUSES)),
    ],
  },
  {
    type: 'case_opened',
    fields: [
      req('case_id', text),
      req('account_id', text),
      req('strategy', text),
      opt('experiment', text),
      opt('arm_role', oneOf(ARM_ROLES)),
      opt('segment', text),
      req('entry_dpd', count),
      req('entry_balance', amount),
    ],
  },
  { type: 'case_assigned', fields: [req('case_id', text), req('agent_id', text)] },
  {
    type: 'contact_attempt',
    fields: [
      req('case_id', text),
      opt('agent_id', text),
      req('channel', oneOf(CHANNELS)),
      req('outcome', oneOf(CONTACT_OUTCOMES)),
      opt('duration_s', count, { default: '0' }),
      opt('cost', amount, { default: '0' }),
    ],
  },
  {
    type: 'promise_to_pay',
    fields: [
      req('ptp_id', text),
      req('case_id', text),
      opt('agent_id', text),
      req('amount', positive),
      req('due_on', date),
    ],
    rules: [
      {
        field: 'due_on',
        detail: 'due_on is before the date of occurred_at',
        ok: "ifNull(toDate32OrNull(v('due_on')) >= toDate32(occurred_at), 0)",
      },
    ],
  },
  {
    type: 'payment',
    fields: [
      req('payment_id', text),
      req('account_id', text),
      opt('case_id', text),
      req('amount', positive),
      opt('method', text),
    ],
  },
  {
    type: 'payment_plan',
    fields: [
      req('plan_id', text),
      req('case_id', text),
      req('kind', oneOf(PLAN_KINDS)),
      req('installments', { kind: 'int', min: 1, max: UINT32_MAX }),
      req('total_amount', positive),
      req('first_due_on', date),
    ],
  },
  {
    type: 'legal_action',
    fields: [
      req('case_id', text),
      req('action', oneOf(LEGAL_ACTIONS)),
      opt('cost', amount, { default: '0' }),
    ],
  },
  { type: 'case_closed', fields: [req('case_id', text), req('outcome', oneOf(CASE_OUTCOMES))] },
];

export const PII_FIELD_NAMES: readonly string[] = [
  ...new Set(
    EVENT_SPECS.flatMap((s) => s.fields.filter((f) => f.kind === 'pii').map((f) => f.name)),
  ),
];
