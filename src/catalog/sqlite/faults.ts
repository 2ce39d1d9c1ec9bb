/** SQLite errors the user can act on, each turned into one sentence. */
import { BfxError } from '../../errors.js';

const SQLITE_BUSY = 5;

export function explain(error: unknown, location: string, busyTimeoutMs: number): unknown {
  if (error instanceof BfxError) return error;
  if ((error as { errcode?: number }).errcode === SQLITE_BUSY) {
    return new BfxError(
      `The SQLite catalog ${location} stayed locked by another process for ${busyTimeoutMs / 1000} s, ` +
        'so nothing was changed: wait for the other runs to finish, or raise request-timeout.',
    );
  }
  return error;
}
