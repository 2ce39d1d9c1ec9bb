/** Small steps begin, end and the operator's commands share. */
import type { ExecutionRow, PackageTransaction } from '../catalog/catalog.js';
import type { FinishPlan } from '../decision.js';

export const ids = (rows: ExecutionRow[]) => rows.map((row) => row.executionId);

/** Packages locked in ascending PackageID order, each once: the lock order. */
export const ascending = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

export const finish = (tx: PackageTransaction, plan: FinishPlan) => tx.finishExecution(plan);
