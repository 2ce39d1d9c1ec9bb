/** SQLite errors the user can act on, each turned into one sentence. */
import { BfxError } from '../../errors.js';

// Primary result codes: node:sqlite reports extended ones (SQLITE_BUSY_SNAPSHOT is 517), whose
// low byte is the primary code.
const SQLITE_BUSY = 5;
const SQLITE_READONLY = 8;
const SQLITE_NOTADB = 26;

export function explain(error: unknown, location: string, busyTimeoutMs: number): unknown {
  if (error instanceof BfxError) return error;
  const code = (error as { errcode?: unknown }).errcode;
  switch (typeof code === 'number' ? code & 0xff : undefined) {
    case SQLITE_BUSY:
      return new BfxError(
        `The SQLite catalog ${location} stayed locked by another process for ${busyTimeoutMs / 1000} s, ` +
          'so nothing was changed: wait for the other runs to finish, or raise request-timeout.',
      );
    case SQLITE_READONLY:
      return new BfxError(
        `The SQLite catalog ${location} cannot be written by this process, so nothing was changed: ` +
          'give it write access to the file and its folder, or point bfx-begin at another SQLite file.',
      );
    case SQLITE_NOTADB:
      return new BfxError(
        `The file ${location} is not a SQLite database, so nothing was read or changed: ` +
          'point bfx-begin at another SQLite file.',
      );
    default:
      return error;
  }
}
