import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Interval } from '../strategy-comparison/strategy-comparison.types.ts';

@ObjectType({
  description:
    'Attempts of one voice channel in one local time window, with right-party contact and promise rates (docs/metrics/contact-windows.md).',
})
export class ContactWindow {
  @Field(() => String, { description: 'call, field_visit or ivr.' })
  channel!: string;
  @Field(() => Int, {
    description: "ISO weekday of the account's local time, 1 = Monday … 7 = Sunday; 0 = all week.",
  })
  weekday!: number;
  @Field(() => Int, { description: "Hour of the account's local time, 0–23." })
  hour!: number;
  @Field(() => Int, { description: 'Attempts in the window.' })
  attempts!: number;
  @Field(() => Int, { description: 'Right-party contacts among them.' })
  rpcs!: number;
  @Field(() => Float, { description: 'rpcs / attempts (0 without attempts).' })
  rpcRate!: number;
  @Field(() => Interval, { description: 'Wilson score interval of the RPC rate.' })
  rpcRateCI!: Interval;
  @Field(() => Int, { description: 'Attempts that ended in a promise to pay.' })
  promises!: number;
  @Field(() => Float, { description: 'promises / attempts (0 without attempts).' })
  promiseRate!: number;
  @Field(() => Interval, { description: 'Wilson score interval of the promise rate.' })
  promiseRateCI!: Interval;
  @Field(() => Boolean, {
    description:
      'Whether the hour lies inside the allowed contact hours (COMPLIANCE_START_HOUR to COMPLIANCE_END_HOUR).',
  })
  insideContactHours!: boolean;
}

@ObjectType({
  description:
    'When to contact: RPC and promise rates by channel × local weekday × local hour, per-hour totals and the best windows inside the contact hours.',
})
export class ContactWindows {
  @Field(() => [ContactWindow], {
    description: 'Every channel × weekday × hour cell with attempts.',
  })
  cells!: ContactWindow[];
  @Field(() => [ContactWindow], {
    description: 'Per channel × hour over all weekdays (weekday 0).',
  })
  byHour!: ContactWindow[];
  @Field(() => [ContactWindow], {
    description:
      'Per channel, the best weekday × hour cells inside the contact hours with at least minAttempts attempts, ranked by the lower end of the RPC rate interval.',
  })
  bestWindows!: ContactWindow[];
  @Field(() => [ContactWindow], {
    description: 'Per channel, the best hour over all weekdays, ranked the same way.',
  })
  bestHours!: ContactWindow[];
}
