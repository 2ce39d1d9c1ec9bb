/**
 * The PostgreSQL statements table: the SQL text of every statement the SQL core sends, by the
 * names of src/catalog/sql/driver.ts (the same in every engine). Values are bound by name
 * (@Column, the names of the column maps); driver.ts turns them into pg's $1..$n. The statements
 * name the catalog's schema, so the table is built once per open catalog (statements(schema)).
 *
 * The reads and writes of a locked package find it through the transaction's lock key, by a
 * package-ID subquery (an InitPlan: one index probe), so they need no answer from an earlier
 * statement and are pipelined behind the lock: by name (begin, operator commands) or through one
 * of its executions (end). Each read is its own statement, so it starts after the locks before it
 * are granted and sees every transaction that held them (READ COMMITTED: a snapshot per
 * statement). Statuses, names and values are never written here: they come in as values.
 */
import { AUDIT_COLUMNS, CONTEXT_COLUMNS, ROW_COUNT_COLUMNS, VARIABLE_COLUMNS } from '../catalog.js';
import { executionSelectList, packageSelectList, selectList } from '../rows.js';
import { UNCHECKED_EXECUTIONS } from '../shape.js';
import type { LockKey, StatementName, StatementText } from '../sql/driver.js';
import { INSPECT, quotedSchema, UTC_NOW } from './schema.js';

/** PostgreSQL folds unquoted aliases to lower case: the camelCase field names are quoted. */
const quote = (field: string) => `"${field}"`;
const PACKAGE_LIST = packageSelectList('p', quote);
const EXECUTION_LIST = executionSelectList(quote);
const CONTEXT = Object.values(CONTEXT_COLUMNS);

const VARIABLE_LIST = selectList('v', VARIABLE_COLUMNS, quote);
const ROW_COUNT_LIST = selectList('r', ROW_COUNT_COLUMNS, quote);
const AUDIT_LIST = `${selectList('a', AUDIT_COLUMNS, quote)}, p.PackageName AS ${quote('packageName')}`;

const REPORT_SINCE = `(${UTC_NOW} - make_interval(mins => @Minutes::integer))`;

/**
 * The guard of an update that must change exactly @GuardedRows rows (the core's number, Step.guarded):
 * 1 / (count(*) = @GuardedRows) over its RETURNING fails with division_by_zero (22012) when it
 * changed another number, on the server, so the transaction is aborted and the COMMIT pipelined
 * behind it rolls everything back (faults.ts reads 22012 as the guard). A guarded statement reads
 * its answer FROM the guard LEFT JOIN the changed rows ON guard.one = 1, so the guard's row is
 * always made (the planner can neither skip it nor drop it as unused).
 */
const GUARD = `(SELECT 1 / (count(*) = @GuardedRows::bigint)::integer AS one FROM changed) guard`;

/** pg_advisory_xact_lock key serializing migrations: 'bfx_migr' in ASCII. */
const MIGRATE_LOCK_KEY = '7090165577455085426';

/** Every statement of a catalog in this schema. */
export function statements(schema: string): Record<StatementName, StatementText> {
  const s = quotedSchema(schema);
  const PACKAGE = `${s}.Package`;
  const EXECUTION_TABLE = `${s}.Execution`;
  const EXECUTION = `SELECT ${EXECUTION_LIST} FROM ${EXECUTION_TABLE} e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID`;

  // ---- the lock ----------------------------------------------------------------------------------

  const LOCKED_PACKAGE_ID: Record<LockKey, string> = {
    name: `(SELECT PackageID FROM ${PACKAGE} WHERE PackageName = @PackageName)`,
    execution: `(SELECT PackageID FROM ${EXECUTION_TABLE} WHERE ExecutionID = @LockExecutionID)`,
  };
  /** The package of the parent execution: named by a begin (@LockParentExecutionID), or the locked execution's. */
  const PARENT_PACKAGE_ID: Record<LockKey, string> = {
    name: `(SELECT PackageID FROM ${EXECUTION_TABLE} WHERE ExecutionID = @LockParentExecutionID)`,
    execution: `(SELECT x.PackageID FROM ${EXECUTION_TABLE} x
     WHERE x.ExecutionID = (SELECT ParentExecutionID FROM ${EXECUTION_TABLE} WHERE ExecutionID = @LockExecutionID))`,
  };

  /** One statement per lock key, the locked package's ID written in where `id` is used. */
  const byKey = (statement: (id: string, key: LockKey) => string): Record<LockKey, string> => ({
    name: statement(LOCKED_PACKAGE_ID.name, 'name'),
    execution: statement(LOCKED_PACKAGE_ID.execution, 'execution'),
  });

  /**
   * Executions of any package the transaction holds exclusively: its own, and those of
   * lockPackages (@LockedPackageIDs, the IDs locked so far). Not the parent's: a child holds its
   * batch's package shared, beside the batch's other children, and changes none of its executions.
   */
  const inLockedPackage = (alias: string, id: string) =>
    `(${alias}.PackageID = ${id} OR ${alias}.PackageID = ANY (@LockedPackageIDs::integer[]))`;

  /**
   * A package's lock, held to COMMIT: the row, FOR UPDATE (the package's own) or FOR SHARE (the
   * batch's package, for one of its children: the children of one batch begin and end side by
   * side, while the batch's own begin, end, reset and re-close, which lock it FOR UPDATE, wait for
   * them all and they for it).
   */
  const lockPackage = (id: string, mode: 'UPDATE' | 'SHARE', also = '') =>
    `SELECT ${PACKAGE_LIST} FROM ${PACKAGE} p WHERE p.PackageID = ${id}${also} FOR ${mode}`;

  /** The catalog's clock @Minutes (or another parameter) minutes ago. */
  const minutesAgo = (parameter: string) => `(${UTC_NOW} - make_interval(mins => ${parameter}::integer))`;
  const FILTERED = `(@Since::integer IS NULL OR e.StartTime >= ${minutesAgo('@Since')})
   AND (@Statuses::text[] IS NULL OR e.ExecutionStatus = ANY (@Statuses::text[]))`;
  /** What retention reads of an execution (operations.ts), @Minutes being the purge's age. */
  const STANDING = `
SELECT e.ExecutionID AS "executionId", e.ParentExecutionID AS "parentExecutionId", e.ExecutionStatus AS "executionStatus",
  e.EndTime IS NOT NULL AS "ended",
  e.StartTime < ${minutesAgo('@Minutes')} AS "old",
  e.ExecutionID = (SELECT x.ExecutionID FROM ${EXECUTION_TABLE} x WHERE x.PackageID = e.PackageID
                    ORDER BY x.ExecutionID DESC LIMIT 1) AS "latest",
  e.ExecutionID = (SELECT x.ExecutionID FROM ${EXECUTION_TABLE} x WHERE x.PackageID = e.PackageID AND x.EndTime IS NOT NULL
                    ORDER BY x.EndTime DESC, x.ExecutionID DESC LIMIT 1) AS "lastEnded",
  e.ExecutionID = (SELECT x.ExecutionID FROM ${EXECUTION_TABLE} x WHERE x.PackageID = e.PackageID
                      AND x.ExecutionStatus = e.ExecutionStatus ORDER BY x.ExecutionID DESC LIMIT 1) AS "latestOfItsStatus",
  EXISTS (SELECT 1 FROM ${s}.ConfigVariable v WHERE v.PackageID = e.PackageID AND v.ExecutionID = e.ExecutionID) AS "marksVariables"
FROM ${EXECUTION_TABLE} e`;

  const NAMED = (alias: string) => `(@PackageName::varchar IS NULL OR ${alias}.PackageName = @PackageName::varchar)`;

  return {
    /**
     * Registers a new package (a begin's lock). The NOT EXISTS probe keeps an existing package
     * from drawing (and wasting) an identity value; ON CONFLICT covers two runs registering it at
     * once: the second waits for the first to commit, then does nothing. An existing package is
     * left as it is.
     */
    REGISTER_PACKAGE: `
INSERT INTO ${PACKAGE} (PackageName, RetryLimit, IsBatch)
SELECT @PackageName::varchar, @RetryLimit::integer, @IsBatch::boolean
 WHERE NOT EXISTS (SELECT 1 FROM ${PACKAGE} WHERE PackageName = @PackageName::varchar)
ON CONFLICT (PackageName) DO NOTHING`,

    /**
     * The package's lock, held to COMMIT: every change to a package's executions (begin, end,
     * enable, disable, skip, resume, reset) queues here, on the same row. Returns the row as locked.
     */
    LOCK_PACKAGE_EXCLUSIVE: byKey((id) => lockPackage(id, 'UPDATE')),
    /**
     * The parent execution's package, shared, taken first (nothing when there is no parent). Not
     * when it is the package's own (a package named as its own batch): two such transactions would
     * each hold it shared and wait to hold it exclusively; the package's own lock covers it.
     */
    LOCK_PARENT_PACKAGE_SHARED: byKey((id, key) =>
      lockPackage(PARENT_PACKAGE_ID[key], 'SHARE', ` AND p.PackageID IS DISTINCT FROM ${id}`),
    ),
    /** More packages' locks, after the transaction's own, in ascending PackageID order. */
    LOCK_PACKAGES_EXCLUSIVE: `
SELECT p.PackageID AS "packageId" FROM ${PACKAGE} p WHERE p.PackageID = ANY (@PackageIDs::integer[]) ORDER BY p.PackageID FOR UPDATE`,

    // ---- reads of the locked package --------------------------------------------------------------

    EXECUTION_WITH_RUN_KEY: byKey(
      (id) => `${EXECUTION} WHERE e.PackageID = ${id} AND e.RunKey = @RunKey ORDER BY e.ExecutionID DESC LIMIT 1`,
    ),
    ACTIVE_EXECUTION: byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} AND e.EndTime IS NULL LIMIT 1`),
    LATEST_EXECUTION: byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} ORDER BY e.ExecutionID DESC LIMIT 1`),
    LAST_ENDED_EXECUTION: byKey(
      (id) =>
        `${EXECUTION} WHERE e.PackageID = ${id} AND e.EndTime IS NOT NULL ORDER BY e.EndTime DESC, e.ExecutionID DESC LIMIT 1`,
    ),
    EXECUTION_BY_ID: byKey((id) => `${EXECUTION} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = ${id}`),
    /**
     * An end's reads in one statement: the execution, its parent and its children, by two
     * primary-key probes and the ParentExecutionID index (one statement to plan, not three).
     */
    EXECUTION_FAMILY: byKey((id) => {
      const parent = `(SELECT x.ParentExecutionID FROM ${EXECUTION_TABLE} x WHERE x.ExecutionID = @ExecutionID::bigint)`;
      return `
SELECT ${EXECUTION_LIST}, e.ExecutionID = @ExecutionID::bigint AND e.PackageID = ${id} AS "isExecution",
       e.ExecutionID = ${parent} AS "isParent", e.ParentExecutionID = @ExecutionID::bigint AS "isChild"
  FROM ${EXECUTION_TABLE} e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID
 WHERE e.ExecutionID = ANY (ARRAY[@ExecutionID::bigint, ${parent}]) OR e.ParentExecutionID = @ExecutionID::bigint
 ORDER BY e.ExecutionID`;
    }),
    /**
     * What a begin returns after its writes, in one statement: the latest execution with
     * @ExecutionStatus (below @BeforeExecutionID, when given) on every row, beside the variables.
     */
    LAST_EXECUTION_AND_VARIABLES: byKey(
      (id) => `
SELECT l.ExecutionID AS "lastExecutionId", ${VARIABLE_LIST}
  FROM (SELECT (SELECT e.ExecutionID FROM ${EXECUTION_TABLE} e
                 WHERE e.PackageID = ${id} AND e.ExecutionStatus = @ExecutionStatus
                   AND (@BeforeExecutionID::bigint IS NULL OR e.ExecutionID < @BeforeExecutionID::bigint)
                 ORDER BY e.ExecutionID DESC LIMIT 1) AS ExecutionID) l
  LEFT JOIN ${s}.ConfigVariable v ON v.PackageID = ${id}
 ORDER BY v.VariableName`,
    ),
    VARIABLES: byKey(
      (id) => `SELECT ${VARIABLE_LIST} FROM ${s}.ConfigVariable v WHERE v.PackageID = ${id} ORDER BY v.VariableName`,
    ),
    /** The package's audit entries of one execution with one action, oldest first. */
    EXECUTION_AUDIT: byKey(
      (id) => `
SELECT ${AUDIT_LIST} FROM ${s}.AuditLog a JOIN ${PACKAGE} p ON p.PackageID = a.PackageID
 WHERE a.PackageID = ${id} AND a.ExecutionID = @ExecutionID::bigint AND a.Action = @Action::varchar
 ORDER BY a.AuditID`,
    ),

    /** The package's audit entries with one action, above an AuditID, newest first. */
    PACKAGE_AUDIT: byKey(
      (id) => `
SELECT ${AUDIT_LIST} FROM ${s}.AuditLog a JOIN ${PACKAGE} p ON p.PackageID = a.PackageID
 WHERE a.PackageID = ${id} AND a.Action = @Action::varchar
   AND a.AuditID > COALESCE(@AfterAuditID::bigint, 0)
 ORDER BY a.AuditID DESC LIMIT @Limit::bigint`,
    ),

    // ---- reads of any package (under the lock, or not) ---------------------------------------------

    ANY_EXECUTION: `${EXECUTION} WHERE e.ExecutionID = @ExecutionID`,
    /** Oldest first. */
    CHILDREN: `${EXECUTION} WHERE e.ParentExecutionID = @ParentExecutionID ORDER BY e.ExecutionID`,
    AUDITED_EXECUTIONS: `
SELECT DISTINCT a.ExecutionID AS "executionId" FROM ${s}.AuditLog a
 WHERE a.ExecutionID = ANY (@ExecutionIDs::bigint[]) AND a.Action = ANY (@Actions::varchar[])`,

    // ---- writes of the locked package ---------------------------------------------------------------

    INSERT_EXECUTION: `
INSERT INTO ${EXECUTION_TABLE} (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime,
  ErrorMessage, RunKey, ${CONTEXT.join(', ')})
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended::boolean THEN ${UTC_NOW} END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')})
RETURNING ExecutionID AS "executionId", StartTime AS "startTime"`,

    /** Guarded (@GuardedRows: 1): only an active execution of the locked package is taken over. */
    TAKE_OVER_EXECUTION: byKey(
      (id) => `
WITH changed AS (
  UPDATE ${EXECUTION_TABLE}
     SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, RetryCount = @RetryCount,
         ParentExecutionID = @ParentExecutionID, RunKey = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
   WHERE ExecutionID = @ExecutionID AND PackageID = ${id} AND EndTime IS NULL
  RETURNING 1)
SELECT guard.one FROM ${GUARD}`,
    ),

    /**
     * Guarded like the take-over: only an active execution of a locked package. Returns the ended
     * row. The LEFT JOIN keeps the guard's row, and its ON clause uses the guard's value, so the
     * planner can neither skip it nor drop it as unused.
     */
    FINISH_EXECUTION: byKey(
      (id) => `
WITH changed AS (
  UPDATE ${EXECUTION_TABLE} x
     SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
         ErrorMessage = @ErrorMessage
   WHERE x.ExecutionID = @ExecutionID AND ${inLockedPackage('x', id)} AND x.EndTime IS NULL
  RETURNING x.*)
SELECT ${EXECUTION_LIST}
  FROM ${GUARD} LEFT JOIN (changed e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID) ON guard.one = 1`,
    ),

    /** Guarded: only an ended execution of a locked package whose status is still @EndedAs. */
    REFINISH_EXECUTION: byKey(
      (id) => `
WITH changed AS (
  UPDATE ${EXECUTION_TABLE} x
     SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
         ErrorMessage = @ErrorMessage
   WHERE x.ExecutionID = @ExecutionID AND ${inLockedPackage('x', id)} AND x.EndTime IS NOT NULL
     AND x.ExecutionStatus = @EndedAs
  RETURNING x.*)
SELECT ${EXECUTION_LIST}
  FROM ${GUARD} LEFT JOIN (changed e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID) ON guard.one = 1`,
    ),

    /** Guarded: only an execution of a locked package. Returns the changed row. */
    SET_NEXT_LOAD_STATUS: byKey(
      (id) => `
WITH changed AS (
  UPDATE ${EXECUTION_TABLE} x SET NextLoadStatus = @NextLoadStatus
   WHERE x.ExecutionID = @ExecutionID AND ${inLockedPackage('x', id)}
  RETURNING x.*)
SELECT ${EXECUTION_LIST}
  FROM ${GUARD} LEFT JOIN (changed e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID) ON guard.one = 1`,
    ),

    /** Guarded: every one of @ExecutionIDs, each of a locked package; answers a row per changed execution. */
    SET_NEXT_LOAD_STATUSES: byKey(
      (id) => `
WITH changed AS (
  UPDATE ${EXECUTION_TABLE} x SET NextLoadStatus = @NextLoadStatus
   WHERE x.ExecutionID = ANY (@ExecutionIDs::bigint[]) AND ${inLockedPackage('x', id)}
  RETURNING x.ExecutionID)
SELECT e.ExecutionID AS "executionId" FROM ${GUARD} LEFT JOIN changed e ON guard.one = 1`,
    ),

    SET_ENABLED: byKey(
      (id) => `UPDATE ${PACKAGE} p SET IsEnabled = @IsEnabled WHERE p.PackageID = ${id} RETURNING ${PACKAGE_LIST}`,
    ),

    MARK_BATCH: byKey((id) => `UPDATE ${PACKAGE} SET IsBatch = true WHERE PackageID = ${id}`),

    /** Adds the names the package does not have yet (@Names with @Values); the others are left as they are. */
    REGISTER_VARIABLES: byKey(
      (id) => `
INSERT INTO ${s}.ConfigVariable (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT p.PackageID, v.name, v.value, NULL, NULL, ${UTC_NOW}
  FROM ${PACKAGE} p CROSS JOIN unnest(@Names::text[], @Values::text[]) AS v (name, value)
 WHERE p.PackageID = ${id}
ON CONFLICT (PackageID, VariableName) DO NOTHING`,
    ),

    /** Each value replaces the one before, which is kept as PreviousValue (null for a new name). */
    STORE_VARIABLES: byKey(
      (id) => `
INSERT INTO ${s}.ConfigVariable AS c (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT p.PackageID, v.name, v.value, NULL, @ExecutionID::bigint, ${UTC_NOW}
  FROM ${PACKAGE} p CROSS JOIN unnest(@Names::text[], @Values::text[]) AS v (name, value)
 WHERE p.PackageID = ${id}
ON CONFLICT (PackageID, VariableName) DO UPDATE
   SET PreviousValue = c.VariableValue, VariableValue = excluded.VariableValue,
       ExecutionID = excluded.ExecutionID, UpdatedTime = excluded.UpdatedTime`,
    ),

    /** A count for the same execution, object and type replaces the earlier one. */
    SAVE_ROW_COUNTS: `
INSERT INTO ${s}.RowCount AS r (ExecutionID, ObjectName, CountType, RowCount)
SELECT @ExecutionID::bigint, c.objectName, c.countType, c.rowCount
  FROM unnest(@ObjectNames::text[], @CountTypes::text[], @RowCounts::bigint[]) AS c (objectName, countType, rowCount)
ON CONFLICT (ExecutionID, ObjectName, CountType) DO UPDATE SET RowCount = excluded.RowCount`,

    RECORD_AUDIT: byKey(
      (id) => `
INSERT INTO ${s}.AuditLog (PackageID, ExecutionID, Action, Detail, Actor)
SELECT p.PackageID, @ExecutionID::bigint, @Action, @Detail, @Actor FROM ${PACKAGE} p WHERE p.PackageID = ${id}`,
    ),

    /** A deleted package's record: of no package, no execution. */
    RECORD_DELETION: `
INSERT INTO ${s}.AuditLog (PackageID, ExecutionID, Action, Detail, Actor) VALUES (NULL, NULL, @Action, @Detail, @Actor)`,

    // ---- outside any package's lock ----------------------------------------------------------------

    INSPECT: INSPECT(schema),

    /** The highest recorded version; fails (42P01) when there is no CatalogVersion table. */
    RECORDED_VERSION: `SELECT max(Version) AS "version" FROM ${s}.CatalogVersion`,

    /**
     * Held to COMMIT by a migration: CREATE ... IF NOT EXISTS can still race in PostgreSQL (two
     * sessions both see nothing and both create), so concurrent migrations take turns.
     */
    MIGRATE_LOCK: `SELECT pg_advisory_xact_lock(${MIGRATE_LOCK_KEY})`,

    /** The catalog's highest ExecutionID (how many executions it has recorded), and the executions version 3's checks refuse. */
    UPGRADE_SIZE: `
SELECT (SELECT max(ExecutionID) FROM ${EXECUTION_TABLE}) AS "executions",
       (SELECT count(*) FROM ${EXECUTION_TABLE} WHERE ${UNCHECKED_EXECUTIONS}) AS "unchecked",
       (SELECT min(ExecutionID) FROM ${EXECUTION_TABLE} WHERE ${UNCHECKED_EXECUTIONS}) AS "firstUnchecked"`,

    /** The CatalogVersion rows of the versions a migration applied (@Versions). */
    RECORD_VERSIONS: `
INSERT INTO ${s}.CatalogVersion (Version) SELECT unnest(@Versions::integer[]) ON CONFLICT (Version) DO NOTHING`,

    /** Status of one package (@PackageName) or of all (@PackageName null): three reads sent at once. */
    STATUS_PACKAGES: `SELECT ${PACKAGE_LIST} FROM ${PACKAGE} p WHERE ${NAMED('p')} ORDER BY p.PackageName`,
    /** Each package's latest execution, with the package of the batch execution it ran under. */
    STATUS_LATEST: `
SELECT x.* FROM ${PACKAGE} k CROSS JOIN LATERAL (
  SELECT ${EXECUTION_LIST}, bp.PackageName AS "batchPackageName"
    FROM ${EXECUTION_TABLE} e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID
    LEFT JOIN ${EXECUTION_TABLE} pe ON pe.ExecutionID = e.ParentExecutionID
    LEFT JOIN ${PACKAGE} bp ON bp.PackageID = pe.PackageID
   WHERE e.PackageID = k.PackageID ORDER BY e.ExecutionID DESC LIMIT 1) x
 WHERE ${NAMED('k')}`,
    STATUS_ACTIVE: `${EXECUTION} WHERE e.EndTime IS NULL AND ${NAMED('p')}`,

    HISTORY: `${EXECUTION} WHERE e.PackageID = ${LOCKED_PACKAGE_ID.name} ORDER BY e.ExecutionID DESC LIMIT @Limit`,

    /** The package's variables; no row at all when there is no such package, one row of nulls when it has none. */
    PACKAGE_VARIABLES: `
SELECT p.PackageID AS "packageId", ${VARIABLE_LIST}
  FROM ${PACKAGE} p LEFT JOIN ${s}.ConfigVariable v ON v.PackageID = p.PackageID
 WHERE p.PackageName = @PackageName
 ORDER BY v.VariableName`,

    ROW_COUNTS: `
SELECT ${ROW_COUNT_LIST} FROM ${s}.RowCount r
 WHERE r.ExecutionID = ANY (@ExecutionIDs::bigint[])
 ORDER BY r.ExecutionID, r.ObjectName, r.CountType`,

    // ---- the report: a fixed number of reads over every package, whatever their number ----------
    // Sent together in one REPEATABLE READ transaction (BEGIN_REPORT), so that every statement
    // sees one snapshot and one now(): the window starts @Minutes before it.

    REPORT_CLOCK: `SELECT ${UTC_NOW} AS now, ${REPORT_SINCE} AS since`,
    REPORT_PACKAGES: `SELECT ${PACKAGE_LIST} FROM ${PACKAGE} p ORDER BY p.PackageName`,
    /**
     * The window's executions and those that tell where each package stands: its latest, its
     * active one, its latest with @Succeeded, and the batch executions the window's children ran under.
     */
    REPORT_EXECUTIONS: `
${EXECUTION}
 WHERE e.StartTime >= ${REPORT_SINCE} OR e.EndTime IS NULL
    OR e.ExecutionID IN (SELECT max(x.ExecutionID) FROM ${EXECUTION_TABLE} x GROUP BY x.PackageID)
    OR e.ExecutionID IN (SELECT max(x.ExecutionID) FROM ${EXECUTION_TABLE} x WHERE x.ExecutionStatus = @Succeeded GROUP BY x.PackageID)
    OR e.ExecutionID IN (SELECT x.ParentExecutionID FROM ${EXECUTION_TABLE} x WHERE x.StartTime >= ${REPORT_SINCE})
 ORDER BY e.ExecutionID`,
    REPORT_ROW_COUNTS: `
SELECT ${ROW_COUNT_LIST} FROM ${s}.RowCount r JOIN ${EXECUTION_TABLE} e ON e.ExecutionID = r.ExecutionID
 WHERE e.StartTime >= ${REPORT_SINCE}
 ORDER BY r.ExecutionID, r.ObjectName, r.CountType`,
    /** With the records of deleted packages (no PackageID, so no name). */
    REPORT_AUDIT: `
SELECT ${AUDIT_LIST} FROM ${s}.AuditLog a LEFT JOIN ${PACKAGE} p ON p.PackageID = a.PackageID
 WHERE a.CreatedTime >= ${REPORT_SINCE}
 ORDER BY a.AuditID`,
    // ---- listings, retention, rename and delete ---------------------------------------------------

    NOW: `SELECT ${UTC_NOW} AS "now"`,
    /** @Since (minutes) and @Statuses are null for no filter. */
    FILTERED_HISTORY: `${EXECUTION} WHERE e.PackageID = ${LOCKED_PACKAGE_ID.name} AND ${FILTERED}
 ORDER BY e.ExecutionID DESC LIMIT @Limit`,
    RUNS: `${EXECUTION} WHERE ${FILTERED} ORDER BY e.ExecutionID DESC LIMIT @Limit`,

    /** Any package by name (@OtherName: the lock's own name is @PackageName). */
    PACKAGE_NAMED: `SELECT ${PACKAGE_LIST} FROM ${PACKAGE} p WHERE p.PackageName = @OtherName::varchar`,
    RENAME_PACKAGE: byKey(
      (id) =>
        `UPDATE ${PACKAGE} p SET PackageName = @NewName::varchar WHERE p.PackageID = ${id} RETURNING ${PACKAGE_LIST}`,
    ),
    // A whole package, children before parents; the executions' count is DELETE_PACKAGE_EXECUTIONS's.
    DELETE_PACKAGE_ROW_COUNTS: byKey(
      (id) =>
        `DELETE FROM ${s}.RowCount WHERE ExecutionID IN (SELECT ExecutionID FROM ${EXECUTION_TABLE} WHERE PackageID = ${id})`,
    ),
    DELETE_PACKAGE_AUDIT: byKey((id) => `DELETE FROM ${s}.AuditLog WHERE PackageID = ${id}`),
    DELETE_PACKAGE_VARIABLES: byKey((id) => `DELETE FROM ${s}.ConfigVariable WHERE PackageID = ${id}`),
    DELETE_PACKAGE_EXECUTIONS: byKey((id) => `DELETE FROM ${EXECUTION_TABLE} WHERE PackageID = ${id}`),
    DELETE_PACKAGE: byKey((id) => `DELETE FROM ${PACKAGE} WHERE PackageID = ${id}`),

    /** @AfterExecutionID is null for the first page. */
    PURGE_CANDIDATES: byKey(
      (id) => `${STANDING}
 WHERE e.PackageID = ${id} AND e.StartTime < ${minutesAgo('@Minutes')}
   AND (@AfterExecutionID::bigint IS NULL OR e.ExecutionID > @AfterExecutionID::bigint)
 ORDER BY e.ExecutionID LIMIT @Limit`,
    ),
    STANDINGS: `${STANDING} WHERE e.ExecutionID = ANY (@ExecutionIDs::bigint[])`,
    CHILD_STANDINGS: `${STANDING} WHERE e.ParentExecutionID = ANY (@ExecutionIDs::bigint[])`,
    // Of the locked package only: the row counts, audit entries and rows of these executions.
    DELETE_EXECUTION_ROW_COUNTS: byKey(
      (id) => `DELETE FROM ${s}.RowCount WHERE ExecutionID IN (
  SELECT ExecutionID FROM ${EXECUTION_TABLE} WHERE PackageID = ${id} AND ExecutionID = ANY (@ExecutionIDs::bigint[]))`,
    ),
    DELETE_EXECUTION_AUDIT: byKey(
      (id) => `DELETE FROM ${s}.AuditLog WHERE PackageID = ${id} AND ExecutionID = ANY (@ExecutionIDs::bigint[])`,
    ),
    DELETE_EXECUTIONS: byKey(
      (id) => `DELETE FROM ${EXECUTION_TABLE} WHERE PackageID = ${id} AND ExecutionID = ANY (@ExecutionIDs::bigint[])`,
    ),
    DELETE_OLD_AUDIT: byKey(
      (id) => `
DELETE FROM ${s}.AuditLog WHERE AuditID IN (
  SELECT a.AuditID FROM ${s}.AuditLog a
   WHERE a.PackageID = ${id} AND a.CreatedTime < ${minutesAgo('@Minutes')}
     AND (a.ExecutionID IS NULL OR NOT EXISTS (SELECT 1 FROM ${EXECUTION_TABLE} x WHERE x.ExecutionID = a.ExecutionID))
   ORDER BY a.AuditID LIMIT @Limit)`,
    ),

    /** Newest first. */
    AUDIT: `
SELECT ${AUDIT_LIST} FROM ${s}.AuditLog a JOIN ${PACKAGE} p ON p.PackageID = a.PackageID
 WHERE p.PackageName = @PackageName
 ORDER BY a.AuditID DESC LIMIT @Limit`,
  };
}
