/**
 * An error meant for the user: one sentence saying what went wrong, why, and what to do.
 * Anything else that escapes is a bug and is reported as one.
 */
export class BfxError extends Error {
  override name = 'BfxError';
}

/** A fault worth retrying (deadlock, throttling, failover, dropped connection). */
export class TransientCatalogError extends Error {
  override name = 'TransientCatalogError';
}
