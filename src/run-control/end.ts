/**
 * End: how an execution ended, under the locks of its batch's package (if any) and its own
 * (docs/decision.md).
 */
import type { CatalogEngine, ExecutionRow, RowCount, VariableValue } from '../catalog/catalog.js';
import { decideEnd, holdsFinish, type EndCaller, type FinishPlan, type Outcome } from '../decision.js';
import {
  BATCH_FAILURE,
  OPERATOR_NEXT_LOAD,
  TAKEOVER,
  batchFailure,
  batchFailureDetail,
  previousOwner,
} from './audit-entries.js';
import { ascending, finish, ids } from './rows.js';

export interface EndRequest {
  executionId: string;
  outcome: Outcome;
  message: string | null;
  caller: EndCaller;
  /** High-water marks the load reached: committed only by an end that records S. */
  variables?: VariableValue[];
  /** Row counts the load reported: stored whatever the outcome. */
  rowCounts?: RowCount[];
}

export type EndResult =
  | {
      /** ended now, or reclosed: a batch this run had ended F, closed again as S by a later attempt. */
      kind: 'ended' | 'reclosed';
      execution: ExecutionRow;
      /** For a batch: its children, as the end left them. */
      children: ExecutionRow[];
      /** The high-water marks this end committed (none unless it recorded S). */
      committedVariables: VariableValue[];
    }
  /** Nothing written; `why` says why a success did not re-close a failed batch, when one asked to. */
  | { kind: 'already-ended'; execution: ExecutionRow; why?: string }
  | { kind: 'taken-over'; execution: ExecutionRow }
  /** The execution belongs to another run and was never the caller's: nothing was ended. */
  | { kind: 'not-owned'; execution: ExecutionRow }
  | { kind: 'not-found' };

/**
 * End: how an execution ended, under the lock of its batch's package (if any) and of its own
 * (docs/decision.md). A batch's end sets its children's NextLoadStatus in the same transaction,
 * under their packages' locks; an end that records S commits the load's high-water marks; row
 * counts are kept whatever the outcome.
 */
export function end(catalog: CatalogEngine, request: EndRequest): Promise<EndResult> {
  const { executionId } = request;
  // What an attempt sent with its COMMIT: a transient fault after it (the answer lost) runs the end
  // again, which then reports what the catalog holds rather than "already ended".
  let sent: { kind: 'ended' | 'reclosed'; finish: FinishPlan; committedVariables: VariableValue[] } | undefined;
  return catalog.transaction({ executionId }, `end execution ${executionId}`, async (tx): Promise<EndResult> => {
    const [pkg, { execution, parent, children: unlocked }] = await Promise.all([
      tx.package(),
      tx.executionFamily(executionId),
    ]);
    let children = unlocked;
    if (!execution || !pkg) return { kind: 'not-found' };
    if (sent && holdsFinish(execution, sent.finish)) {
      const { kind, committedVariables } = sent;
      return { kind, execution, children: pkg.isBatch ? children : [], committedVariables };
    }
    // A batch's children: their packages locked, then the children read again and what an operator
    // set on them, so that nothing that locks only a child's package (a skip or resume, a reset, a
    // delete or purge of it, a begin that moves it to no batch) slips in between. Its own lock keeps
    // new children out: their begins hold it shared.
    let operatorChanged: string[] = [];
    if (children.length > 0) {
      [, children, operatorChanged] = await Promise.all([
        tx.lockPackages(ascending(children.map((child) => child.packageId))),
        tx.children(executionId),
        tx.auditedExecutions(ids(children), OPERATOR_NEXT_LOAD),
      ]);
    }
    const state = { execution, isBatch: pkg.isBatch, parent, children, operatorChanged };
    let plan = decideEnd(state, request.outcome, request.message, request.caller);
    if (plan.kind === 'read-owners') {
      const takeovers = await tx.executionAudit(executionId, TAKEOVER);
      // An entry that does not read as a takeover (written by hand) counts as unrecorded.
      const previousOwners = takeovers.flatMap((entry) => previousOwner(entry.detail) ?? []);
      plan = decideEnd({ ...state, previousOwners }, request.outcome, request.message, request.caller);
    } else if (plan.kind === 'read-reclose') {
      const [failures, latest] = await Promise.all([
        tx.executionAudit(executionId, BATCH_FAILURE),
        tx.latestExecution(),
      ]);
      const failedBy = failures.length > 0 ? (batchFailure(failures[failures.length - 1].detail) ?? null) : null;
      const reclose = { failedBy, latestExecutionId: latest!.executionId };
      plan = decideEnd({ ...state, reclose }, request.outcome, request.message, request.caller);
    }
    if (plan.kind === 'read-owners' || plan.kind === 'read-reclose') {
      throw new Error(`decideEnd asked twice for more of execution ${executionId} (${plan.kind}).`);
    }
    if (plan.kind === 'already-ended') return { kind: plan.kind, execution, why: plan.why };
    if (plan.kind === 'taken-over' || plan.kind === 'not-owned') return { kind: plan.kind, execution };

    const changed = plan.children?.executionIds ?? [];
    const committedVariables = plan.commitVariables ? (request.variables ?? []) : [];
    sent = { kind: plan.kind === 'end' ? 'ended' : 'reclosed', finish: plan.finish, committedVariables };
    const [ended, , , , childrenAfter] = await Promise.all([
      plan.kind === 'end' ? finish(tx, plan.finish) : tx.refinishExecution(plan.finish, plan.endedAs),
      changed.length > 0 && tx.setNextLoadStatuses(changed, plan.children!.nextLoadStatus),
      committedVariables.length > 0 && tx.storeVariables(committedVariables, executionId),
      (request.rowCounts?.length ?? 0) > 0 && tx.saveRowCounts(executionId, request.rowCounts!),
      pkg.isBatch ? tx.children(executionId) : [],
      plan.recordFailure &&
        tx.recordAudit({
          executionId,
          action: BATCH_FAILURE,
          detail: batchFailureDetail(plan.recordFailure, plan.finish.errorMessage),
          actor: null,
        }),
      tx.commit(),
    ]);
    return {
      kind: plan.kind === 'end' ? 'ended' : 'reclosed',
      execution: ended,
      children: childrenAfter,
      committedVariables,
    };
  });
}
