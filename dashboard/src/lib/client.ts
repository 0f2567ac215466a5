/**
 * POST /graphql with the generated typed documents. Errors come back as ApiError
 * with a kind the UI can explain (what happened, what to do).
 */
import type { TypedDocumentString } from '../gql/graphql.ts';
import { getKey, requireKey } from './auth.ts';

export type ApiErrorKind = 'unauthorized' | 'forbidden' | 'bad_input' | 'network' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export const GRAPHQL_URL = '/graphql';

export async function gql<R, V>(
  doc: TypedDocumentString<R, V>,
  variables: V,
  signal?: AbortSignal,
): Promise<R> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = getKey();
  if (key) headers.authorization = `Bearer ${key}`;
  let res: Response;
  try {
    res = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: doc.toString(), variables }),
      signal: signal ?? null,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('network', 'The API cannot be reached. Check that it is running.');
  }
  if (res.status === 401) {
    requireKey();
    throw new ApiError('unauthorized', 'The API needs a key. Enter it to continue.');
  }
  let body: { data?: R | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await res.json();
  } catch {
    throw new ApiError('server', `The API answered HTTP ${res.status} without data.`);
  }
  const err = body.errors?.[0];
  if (err) {
    const code = err.extensions?.code;
    if (code === 'UNAUTHENTICATED') {
      requireKey();
      throw new ApiError('unauthorized', err.message);
    }
    if (code === 'FORBIDDEN') throw new ApiError('forbidden', err.message);
    if (code === 'BAD_USER_INPUT') throw new ApiError('bad_input', err.message);
    // A question too wide for the limits (an Explore question, a long range): the message says
    // how to narrow it, and a retry would be refused again.
    if (code === 'QUERY_TOO_COSTLY' || code === 'RESPONSE_TOO_LARGE')
      throw new ApiError('bad_input', err.message);
    throw new ApiError('server', err.message);
  }
  if (!res.ok || !body.data)
    throw new ApiError('server', `The API answered HTTP ${res.status} without data.`);
  return body.data;
}
