/**
 * For component tests: `fetch` stubbed as the GraphQL API. Each request's body
 * is recorded and answered with what `answer` returns for it (a JSON body, 200).
 * Undo with `vi.unstubAllGlobals()`.
 */
import { vi } from 'vitest';

export interface SentRequest {
  query: string;
  variables: Record<string, unknown>;
}

export function stubApi(answer: (request: SentRequest) => unknown): SentRequest[] {
  const sent: SentRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const request = JSON.parse(String(init.body)) as SentRequest;
      sent.push(request);
      return new Response(JSON.stringify(answer(request)), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return sent;
}
