/**
 * Case-level rows are for the analyst role and above (SPEC §5 API_KEYS); viewers
 * see aggregates only. Local stand-in until api/src/auth.ts (`requireRole(ctx,
 * 'analyst')`, branch api-core) is merged: switch callers to it then.
 */
import type { ApiContext } from '../../context.ts';
import { forbidden } from '../../errors.ts';

export function requireAnalyst(ctx: Pick<ApiContext, 'role'>, what: string): void {
  if (ctx.role !== 'analyst' && ctx.role !== 'admin')
    throw forbidden(
      `${what} needs the analyst role or above; the ${ctx.role} role sees aggregates only.`,
    );
}
