/**
 * Error messages repeat at most ECHO_MAX (100) characters of what the caller
 * sent: a 100 KB value comes back cut, wherever the message was written
 * (our argument checks, graphql-js's validation and coercion, result text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutEchoes, echo, ECHO_MAX } from './errors.ts';
import { createTestApi, type TestApi } from './testing.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.dispose());

const BIG = 'x'.repeat(100_000);
/** The longest run of x in a text: how much of BIG came back. */
const echoed = (text: string) => Math.max(0, ...(text.match(/x+/g) ?? []).map((m) => m.length));

describe('echoes of the caller’s input', () => {
  it('cuts a value in our own argument checks', async () => {
    const result = await api.run(
      `query ($to: String!) { kpis(from: "2026-01-01", to: $to) { from } }`,
      {
        to: BIG,
      },
    );
    const [error] = result.errors ?? [];

    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toBe(
      `to must be a calendar date as YYYY-MM-DD, got "${'x'.repeat(ECHO_MAX)}…" (100000 characters).`,
    );
  });

  it('cuts a value that graphql-js repeats (variable coercion, unknown field)', async () => {
    const coercion = await api.run(
      `query ($to: String!) { kpis(from: "2026-01-01", to: $to) { from } }`,
      {
        to: { [BIG]: 1 },
      },
    );
    const field = await api.run(`{ ${BIG} }`);
    for (const result of [coercion, field]) {
      const text = JSON.stringify(result.errors);
      expect(result.errors?.length).toBeGreaterThan(0);
      expect(echoed(text)).toBeLessThanOrEqual(ECHO_MAX);
      expect(text.length).toBeLessThan(1000);
    }
  });

  it('cuts a long alias in the error path', async () => {
    const result = await api.run(`{ ${BIG}: kpis(from: "2026-02-01", to: "2026-01-01") { from } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(echoed(JSON.stringify(result.errors))).toBe(ECHO_MAX);
  });

  it('cuts a value repeated in result text (strategyComparison verdict)', async () => {
    const data = await api.data<{ strategyComparison: { verdict: string } }>(
      `query ($e: String!) { strategyComparison(experiment: $e, from: "2026-01-01", to: "2026-01-31") { verdict } }`,
      { e: BIG },
    );
    expect(echoed(data.strategyComparison.verdict)).toBe(ECHO_MAX);
  });

  it('echo and cutEchoes leave short text alone', () => {
    expect(echo('abc')).toBe('"abc"');
    const short = 'from must be a calendar date as YYYY-MM-DD, got "2026-13-01".';
    expect(cutEchoes(short)).toBe(short);
    expect(cutEchoes(`a "${BIG}" b "${BIG}`)).toBe(
      `a "${'x'.repeat(ECHO_MAX)}…" b "${'x'.repeat(ECHO_MAX)}…`,
    );
  });
});
