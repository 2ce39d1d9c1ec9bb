/**
 * Retries a catalog call on transient faults (deadlock victim, throttling, failover, a dropped
 * connection) with exponential backoff and jitter. Safe for begin because a retried begin with
 * the same run key re-enters the execution a lost commit may already have written (docs/decision.md, step 1).
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the second attempt; doubled for each further one, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Six attempts, waiting about 8 to 15 s in all: long enough to ride out an Azure SQL failover or a
 * PostgreSQL restart, which take seconds, short enough that a catalog that stays down fails the
 * step well within a job's patience.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 8000 };

export async function retryTransient<T>(
  work: () => Promise<T>,
  isTransient: (error: unknown) => boolean,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  onRetry: (error: unknown, attempt: number, delayMs: number) => void = () => {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= policy.attempts || !isTransient(error)) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delayMs = ceiling / 2 + Math.random() * (ceiling / 2);
      onRetry(error, attempt, delayMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/**
 * When to try again after a transient fault: the delay before the next attempt, or undefined to
 * give up. `attempt` is the number of the attempt that failed (1 for the first); `elapsedMs` is
 * the time since the first attempt began.
 */
export type RetrySchedule = (failure: { error: unknown; attempt: number; elapsedMs: number }) => number | undefined;

/** retryTransient, with the delays given by a schedule rather than a policy. */
export async function retryOnSchedule<T>(
  work: () => Promise<T>,
  isTransient: (error: unknown) => boolean,
  schedule: RetrySchedule,
  onRetry: (error: unknown, attempt: number, delayMs: number) => void = () => {},
): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransient(error)) throw error;
      const delayMs = schedule({ error, attempt, elapsedMs: Date.now() - started });
      if (delayMs === undefined) throw error;
      onRetry(error, attempt, delayMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/** The delay retryTransient waits after a failed attempt: exponential, capped, with jitter. */
function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** retryTransient's schedule: policy.attempts in all, exponential backoff with jitter. */
export function backoffSchedule(policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetrySchedule {
  return ({ attempt }) => (attempt >= policy.attempts ? undefined : backoffDelay(policy, attempt));
}

/**
 * Exponential backoff with jitter for as long as the next attempt would begin within budgetMs of
 * the first (policy.attempts is not used): a time budget, for faults that last a known while.
 */
export function budgetSchedule(budgetMs: number, policy: Omit<RetryPolicy, 'attempts'>): RetrySchedule {
  return ({ attempt, elapsedMs }) => {
    const delayMs = backoffDelay({ ...policy, attempts: Infinity }, attempt);
    return elapsedMs + delayMs > budgetMs ? undefined : delayMs;
  };
}

/** `retries` more attempts, intervalMs apart, without jitter (ADO.NET's ConnectRetryCount / ConnectRetryInterval). */
export function fixedSchedule(retries: number, intervalMs: number): RetrySchedule {
  return ({ attempt }) => (attempt > retries ? undefined : intervalMs);
}
