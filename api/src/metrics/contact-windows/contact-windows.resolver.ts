import { VOICE_CHANNELS } from '@collections/schema';
import { Arg, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context.ts';
import { badInput, echo } from '../../errors.ts';
import { runQuery } from '../../query.ts';
import { parseDateRange, parseIntIn } from '../../validate.ts';
import { contactWindows } from './contact-windows.compute.ts';
import { contactWindowsQuery, type WindowRow } from './contact-windows.sql.ts';
import { ContactWindows } from './contact-windows.types.ts';

@Resolver()
export class ContactWindowsResolver {
  @Query(() => ContactWindows, {
    description:
      'RPC and promise rates of voice attempts in [from, to] by channel × local weekday × local hour, with counts, Wilson intervals and the best windows inside the contact hours.',
  })
  async contactWindows(
    @Ctx() ctx: ApiContext,
    @Arg('from', () => String, { description: 'First day, YYYY-MM-DD (REPORT_TZ).' }) from: string,
    @Arg('to', () => String, { description: 'Last day, YYYY-MM-DD (REPORT_TZ), inclusive.' })
    to: string,
    @Arg('channels', () => [String], {
      nullable: true,
      description: 'Voice channels to include (call, field_visit, ivr); all when absent.',
    })
    channels: string[] | null,
    @Arg('confidence', () => Float, {
      nullable: true,
      defaultValue: 0.95,
      description: 'Confidence of the intervals, strictly between 0 and 1.',
    })
    confidenceArg: number | null,
    @Arg('minAttempts', () => Int, {
      nullable: true,
      defaultValue: 30,
      description: 'Fewest attempts a window needs to be ranked among the best (1–100000).',
    })
    minAttemptsArg: number | null,
  ): Promise<ContactWindows> {
    const period = parseDateRange(from, to);
    const confidence = confidenceArg ?? 0.95;
    if (!(confidence > 0 && confidence < 1))
      throw badInput(`confidence must be strictly between 0 and 1, got ${confidence}.`);
    const minAttempts = parseIntIn('minAttempts', minAttemptsArg ?? 30, 1, 100_000);
    const known = new Set<string>(VOICE_CHANNELS);
    const unknown = (channels ?? []).filter((c) => !known.has(c));
    if (unknown.length > 0)
      throw badInput(
        `channels must be voice channels (${VOICE_CHANNELS.join(', ')}); unknown: ${unknown.map(echo).join(', ')}.`,
      );
    const rows = await runQuery<WindowRow>(
      ctx,
      contactWindowsQuery({ ...period, tz: ctx.env.REPORT_TZ, channels: channels ?? [] }),
    );
    return contactWindows(rows, {
      confidence,
      contactHours: { start: ctx.env.COMPLIANCE_START_HOUR, end: ctx.env.COMPLIANCE_END_HOUR },
      minAttempts,
      perChannel: 5,
    });
  }
}
