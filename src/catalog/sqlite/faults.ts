/**
 * SQLite faults: none is transient (a busy file is waited on for the busy timeout, in process), a
 * guard is checked by the driver (GuardFailure), and the errors the user can act on are each one
 * sentence.
 */
import { BfxError } from '../../errors.js';
import { backoffSchedule } from '../retry.js';
import { GuardFailure, type Faults } from '../sql/driver.js';

/** The faults of the SQLite catalog at `location`, whose busy timeout is busyTimeoutMs. */
export function faults(location: string, busyTimeoutMs: number): Faults {
  return {
    isTransient: () => false,
    isConnectionLoss: () => false,
    isGuardFailure: (error) => error instanceof GuardFailure,
    isUniqueViolation,
    schedule: backoffSchedule(),
    explain: (error) => explain(error, location, busyTimeoutMs),
  };
}

// Primary result codes: node:sqlite reports extended ones (SQLITE_BUSY_SNAPSHOT is 517), whose
// low byte is the primary code.
const SQLITE_BUSY = 5;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;
// Extended result codes of SQLITE_CONSTRAINT (19).
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

/** A write met another row's unique key (SQLITE_CONSTRAINT_UNIQUE, or _PRIMARYKEY). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return code === SQLITE_CONSTRAINT_UNIQUE || code === SQLITE_CONSTRAINT_PRIMARYKEY;
}

/**
 * A fault of the file or of the machine, told in one sentence saying what to do; anything else
 * (a bug) is returned as it is. The sentences use no action input's or bfx option's name, since
 * both shells show them.
 */
export function explain(error: unknown, location: string, busyTimeoutMs: number): unknown {
  if (error instanceof BfxError) return error;
  const code = (error as { errcode?: unknown }).errcode;
  const primary = typeof code === 'number' ? code & 0xff : undefined;
  switch (primary) {
    case SQLITE_BUSY:
      return new BfxError(
        `The SQLite catalog ${location} stayed locked by another process for ${busyTimeoutMs / 1000} s, so nothing was changed: ` +
          'wait for the other runs to finish, close any program holding the file open (one in exclusive locking mode keeps it locked until it closes), ' +
          'or raise the request timeout.',
      );
    case SQLITE_READONLY:
      return new BfxError(
        `The SQLite catalog ${location} cannot be written by this process, so nothing was changed: ` +
          'give it write access to the file, its folder and their file system, or point bfx-begin at another SQLite file.',
      );
    case SQLITE_FULL:
      return new BfxError(
        `The disk holding the SQLite catalog ${location} is full, so nothing was changed: ` +
          'free space on it, or move the catalog to a disk with room.',
      );
    case SQLITE_CANTOPEN:
      return new BfxError(
        `The SQLite catalog ${location} cannot be opened for writing (the file, its folder or their file system is read-only, or out of reach), ` +
          'so nothing was read or changed: give this process write access to the file and its folder, or point bfx-begin at another SQLite file.',
      );
    case SQLITE_IOERR:
      return new BfxError(
        `The SQLite catalog ${location} could not be read or written (${(error as Error).message}), so nothing was changed: ` +
          'check the disk and the file system it is on, then run again.',
      );
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return new BfxError(
        `The file ${location} is not a SQLite database${primary === SQLITE_NOTADB ? '' : ' any more (it is damaged)'}, so nothing was read or changed: ` +
          `point bfx-begin at another SQLite file${primary === SQLITE_NOTADB ? '' : ', or restore this one from a backup'}.`,
      );
    default:
      return error;
  }
}
