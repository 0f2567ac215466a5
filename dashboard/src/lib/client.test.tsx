import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeyPrompt } from '../components/KeyPrompt.tsx';
import { AsOfQuery } from './queries.ts';
import { ApiError, gql } from './client.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
beforeEach(() => sessionStorage.clear());

function stubFetch(...responses: Response[]) {
  const calls: RequestInit[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      calls.push(init);
      return responses.shift()!;
    }),
  );
  return calls;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('gql client', () => {
  it('asks for a key on 401, stores it for the tab and sends it as a bearer token', async () => {
    const calls = stubFetch(
      new Response('', { status: 401 }),
      json(200, { data: { asOf: { date: '2026-01-31', instant: null } } }),
    );
    render(<KeyPrompt />);
    await expect(gql(AsOfQuery, {})).rejects.toMatchObject({ kind: 'unauthorized' });
    const input = await screen.findByLabelText('API key');
    fireEvent.change(input, { target: { value: 'secret-1' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Continue' })));
    expect(sessionStorage.getItem('collections.apiKey')).toBe('secret-1');
    expect(screen.queryByLabelText('API key')).toBeNull();
    const data = await gql(AsOfQuery, {});
    expect(data.asOf.date).toBe('2026-01-31');
    expect((calls[1]!.headers as Record<string, string>).authorization).toBe('Bearer secret-1');
    expect(JSON.parse(String(calls[1]!.body)).query).toContain('asOf');
  });

  it('turns GraphQL error codes into kinds the UI can explain', async () => {
    stubFetch(
      json(200, {
        errors: [{ message: 'from is after to', extensions: { code: 'BAD_USER_INPUT' } }],
      }),
    );
    const err = await gql(AsOfQuery, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: 'bad_input', message: 'from is after to' });
  });

  it('takes a question over the cost limit as one to narrow, not one to retry', async () => {
    const message = "The query's estimated cost is 299.9, over the limit of 250 (MAX_QUERY_COST)";
    stubFetch(json(200, { errors: [{ message, extensions: { code: 'QUERY_TOO_COSTLY' } }] }));
    await expect(gql(AsOfQuery, {})).rejects.toMatchObject({ kind: 'bad_input', message });
  });

  it('reports an unreachable API as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(gql(AsOfQuery, {})).rejects.toMatchObject({ kind: 'network' });
  });
});
