/**
 * The calls a transaction's work makes in one tick go out together: each queues its step, and the
 * queue is sent as one round trip (Driver.send) on the next turn of the event loop, or after the
 * round trip in flight. One round trip at a time, in the order the calls were made, so a read
 * queued after a write sees it.
 *
 * The first step that fails is the transaction's failure: every step that fails (those after it
 * answer "transaction aborted", or are never sent) rejects with it, so whichever call a caller
 * awaits, it sees the cause. Nothing is sent after a failure.
 */
import { CommitOutcomeUnknown, type Answer, type Driver, type Outcome, type Step } from './driver.js';

interface Queued {
  step: Step;
  /** The error a failure of this step stands for (a guard failure's LockViolation, say). */
  meaning: (error: unknown) => unknown;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

/** Looks at a round trip's outcomes before they settle: an error returned fails every step of it. */
export type OutcomeCheck = (steps: readonly Step[], outcomes: readonly Outcome[]) => unknown;

const asIs = (error: unknown) => error;
/** Drivers reject with Error objects; anything else is wrapped, so that callers always get one. */
const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

export class RoundTrips {
  private queued: Queued[] = [];
  private scheduled = false;
  private last: Promise<void> = Promise.resolve();
  private firstFailure: { error: Error } | undefined;
  /** Whether a COMMIT was answered as done. */
  committed = false;

  constructor(
    private readonly driver: Driver,
    private readonly check?: OutcomeCheck,
  ) {}

  /** The transaction's first failure, once known. */
  get failure(): { error: Error } | undefined {
    return this.firstFailure;
  }

  /** Records a failure found outside the driver (an answer that breaks a rule), if none came first. */
  fail(error: unknown): void {
    this.firstFailure ??= { error: asError(error) };
  }

  /** Queues a step; resolves with its answer, or rejects with the transaction's first failure. */
  send(step: Step, meaning: (error: unknown) => unknown = asIs): Promise<Answer> {
    const answer = new Promise<Answer>((resolve, reject) => {
      if (this.firstFailure) {
        reject(this.firstFailure.error);
        return;
      }
      this.queued.push({ step, meaning, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
    // Every answer is awaited by its caller or not at all: an unawaited failure is still the
    // transaction's, reported by it, never an unhandled rejection.
    answer.catch(() => undefined);
    return answer;
  }

  /** Resolves once every round trip sent or queued so far is answered. Never rejects. */
  settled(): Promise<void> {
    if (this.queued.length > 0) this.flush();
    return this.last;
  }

  private flush(): void {
    this.scheduled = false;
    const entries = this.queued.splice(0);
    if (entries.length > 0) this.last = this.last.then(() => this.roundTrip(entries));
  }

  private async roundTrip(entries: Queued[]): Promise<void> {
    if (this.firstFailure) {
      for (const entry of entries) entry.reject(this.firstFailure.error);
      return;
    }
    const steps = entries.map((entry) => entry.step);
    let outcomes: Outcome[];
    try {
      outcomes = await this.driver.send(steps);
      if (outcomes.length !== steps.length) {
        throw new Error(`The ${this.driver.engine} driver answered ${outcomes.length} of ${steps.length} steps.`);
      }
    } catch (error) {
      // No answer: whether a COMMIT among the steps took effect is unknown (docs/design.md).
      const unknown =
        steps.some((step) => step.kind === 'commit') &&
        !(error instanceof CommitOutcomeUnknown) &&
        this.driver.faults.isConnectionLoss(error)
          ? new CommitOutcomeUnknown(error)
          : error;
      outcomes = steps.map(() => ({ ok: false, error: unknown }));
    }
    const checked = this.check?.(steps, outcomes);
    if (checked !== undefined) outcomes = steps.map(() => ({ ok: false, error: checked }));
    entries.forEach((entry, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) {
        if (entry.step.kind === 'commit') this.committed = true;
        entry.resolve(outcome.answer);
      } else {
        this.firstFailure ??= { error: asError(entry.meaning(outcome.error)) };
        entry.reject(this.firstFailure.error);
      }
    });
  }
}
