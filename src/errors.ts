/**
 * An error meant for the user: one sentence saying what went wrong, why, and what to do.
 * Anything else that escapes is a bug and is reported as one.
 */
export class BfxError extends Error {
  override name = 'BfxError';
}
