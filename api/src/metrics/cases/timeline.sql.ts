/**
 * A case's timeline: every event touching the case in time order (then by
 * event type in docs/etl.md#event-format, order, then event_id). "Touching" = the event carries
 * the case_id, plus the account snapshots of the case's account from its opening
 * to its close (or to now while open), which show how delinquency moved.
 * Columns are uniform so the dashboard can draw one list: agent_id, channel,
 * outcome (the event's result), amount (its money figure) and a detail string.
 */
import { EVENT_TYPES, bucketSql } from '@collections/schema';
import type { SqlQuery } from '../../query.ts';

const NONE = "CAST('' AS String)";
const NO_AMOUNT = 'CAST(NULL AS Nullable(Float64))';
const money = (col: string) => `CAST(toFloat64(${col}) AS Nullable(Float64))`;

function part(
  table: string,
  cols: { agent?: string; channel?: string; outcome?: string; amount?: string; detail?: string },
  where = 'case_id = {case_id:String}',
): string {
  return `SELECT '${table}' AS type, event_id, occurred_at,
                 ${cols.agent ?? NONE} AS agent_id, ${cols.channel ?? NONE} AS channel,
                 ${cols.outcome ?? NONE} AS outcome, ${cols.amount ?? NO_AMOUNT} AS amount,
                 ${cols.detail ?? NONE} AS detail
          FROM ${table} WHERE ${where}`;
}

const typeOrder = `indexOf([${EVENT_TYPES.map((t) => `'${t}'`).join(', ')}], type)`;

export function caseTimelineQuery(caseId: string): SqlQuery {
  const parts = [
    part('case_opened', {
      amount: money('entry_balance'),
      detail: `concat('strategy=', toString(strategy), ' segment=', toString(segment), ' entry_dpd=', toString(entry_dpd), if(experiment = '', '', concat(' experiment=', toString(experiment), ' arm_role=', toString(arm_role))))`,
    }),
    part('case_assigned', { agent: 'agent_id' }),
    part('contact_attempt', {
      agent: 'agent_id',
      channel: 'toString(channel)',
      outcome: 'toString(outcome)',
      amount: money('cost'),
      detail: `concat('duration_s=', toString(duration_s))`,
    }),
    part('promise_to_pay', {
      agent: 'agent_id',
      amount: money('amount'),
      detail: `concat('ptp_id=', ptp_id, ' due_on=', toString(due_on))`,
    }),
    part('payment', {
      outcome: 'toString(method)',
      amount: money('amount'),
      detail: `concat('payment_id=', payment_id)`,
    }),
    part('payment_plan', {
      outcome: 'toString(kind)',
      amount: money('total_amount'),
      detail: `concat('plan_id=', plan_id, ' installments=', toString(installments), ' first_due_on=', toString(first_due_on))`,
    }),
    part('legal_action', { outcome: 'toString(action)', amount: money('cost') }),
    part('case_closed', { outcome: 'toString(outcome)' }),
    part(
      'account_snapshot',
      {
        outcome: bucketSql('status', 'dpd'),
        amount: money('balance'),
        detail: `concat('as_of=', toString(as_of), ' dpd=', toString(dpd), ' amount_due=', toString(amount_due), ' status=', toString(status))`,
      },
      `account_id IN (SELECT account_id FROM case_opened WHERE case_id = {case_id:String})
       AND occurred_at >= (SELECT min(occurred_at) FROM case_opened WHERE case_id = {case_id:String})
       AND occurred_at <= (SELECT if(count() = 0, toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), max(occurred_at)) FROM case_closed WHERE case_id = {case_id:String})`,
    ),
  ];
  return {
    query: `SELECT type, event_id, occurred_at, agent_id, channel, outcome,
                   if(isNull(amount), NULL, round(amount, 2)) AS amount, detail
            FROM (${parts.join('\nUNION ALL\n')})
            ORDER BY occurred_at, ${typeOrder}, event_id`,
    query_params: { case_id: caseId },
  };
}

export interface TimelineRow {
  type: string;
  event_id: string;
  occurred_at: string;
  agent_id: string;
  channel: string;
  outcome: string;
  amount: number | null;
  detail: string;
}
