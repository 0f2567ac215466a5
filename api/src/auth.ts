/**
 * Access control (docs/api.md#access): `Authorization: Bearer <key>` maps to a
 * role; viewer < analyst < admin. Without API_KEYS the API runs open, and only
 * on a loopback HOST.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { PlatformError, type ApiRole, type Env } from '@collections/schema';
import type { ApiContext } from './context.ts';
import { forbidden } from './errors.ts';

const RANK: Record<ApiRole, number> = { viewer: 0, analyst: 1, admin: 2 };

const WHAT: Record<ApiRole, string> = {
  viewer: 'aggregates',
  analyst: 'case-level rows',
  admin: 'ingest and administration',
};

/** Throws FORBIDDEN unless the caller's role is at least `role`. Use at the top of a resolver. */
export function requireRole(ctx: Pick<ApiContext, 'role'>, role: ApiRole): void {
  if (RANK[ctx.role] < RANK[role])
    throw forbidden(
      `This needs the ${role} role (${WHAT[role]}); your API key has the ${ctx.role} role.`,
    );
}

export type AuthResult =
  { readonly ok: true; readonly role: ApiRole } | { readonly ok: false; readonly message: string };

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The caller's role from the Authorization header, or why it is refused (→ 401). */
export function authenticate(
  env: Pick<Env, 'API_KEYS'>,
  authorization: string | undefined,
): AuthResult {
  if (!env.API_KEYS) return { ok: true, role: 'admin' };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match)
    return {
      ok: false,
      message: 'Authentication required: send the header "Authorization: Bearer <API key>".',
    };
  const given = digest(match[1]!);
  // Compare digests in constant time, against every key (no early exit on a match).
  let role: ApiRole | undefined;
  for (const [key, keyRole] of env.API_KEYS)
    if (timingSafeEqual(digest(key), given)) role = keyRole;
  return role ? { ok: true, role } : { ok: false, message: 'The API key is not valid.' };
}

/** Refuses to serve without API_KEYS on a non-loopback HOST (docs/api.md). */
export function assertSafeBinding(env: Pick<Env, 'API_KEYS' | 'HOST' | 'hostIsLoopback'>): void {
  if (!env.API_KEYS && !env.hostIsLoopback)
    throw new PlatformError(
      'INSECURE_BINDING',
      `Refusing to start: HOST=${env.HOST} is reachable from other machines and API_KEYS is not set. ` +
        'Set API_KEYS (key:role,key:role with roles viewer, analyst, admin) or listen on a loopback HOST such as 127.0.0.1.',
    );
}
