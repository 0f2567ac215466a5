/** Typed errors at the database and configuration boundary: a code, a sentence for people, the cause. */
export type SchemaErrorCode =
  'CONFIG_INVALID' | 'DB_UNREACHABLE' | 'DB_LOCKED' | 'DB_OPEN_FAILED' | 'MIGRATION_FAILED';

export class PlatformError extends Error {
  constructor(
    readonly code: SchemaErrorCode | (string & {}),
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PlatformError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
