export const id = 486;
export const ids = [486];
export const modules = {

/***/ 1737:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ resume),
/* harmony export */   _r: () => (/* binding */ migrate),
/* harmony export */   b8: () => (/* binding */ disable),
/* harmony export */   cL: () => (/* binding */ reset),
/* harmony export */   iv: () => (/* binding */ skip),
/* harmony export */   sS: () => (/* binding */ enable)
/* harmony export */ });
/* harmony import */ var _catalog_connect_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(63299);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(83916);
/* harmony import */ var _run_control_package_commands_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(35740);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(60397);
/* harmony import */ var _sentences_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73861);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3567);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(96719);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(60776);
/**
 * bfx enable, disable, skip, resume, reset and migrate: what an operator changes by hand. Each
 * change is recorded in the audit log by run control, with --actor and --reason.
 */








function packageArgument(command, args, extra = {}) {
    const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_6__/* .parse */ .qg)(command, args, { ..._options_js__WEBPACK_IMPORTED_MODULE_6__/* .OPERATOR_OPTIONS */ .kD, ...extra });
    const packageName = _validate_js__WEBPACK_IMPORTED_MODULE_2__/* .packageName */ .oZ((0,_options_js__WEBPACK_IMPORTED_MODULE_6__/* .single */ .J0)(command, positionals, 'package name'), 'package name');
    const operator = (0,_options_js__WEBPACK_IMPORTED_MODULE_6__/* .operator */ .Hr)(command, values);
    return { values, packageName, operator, settings: (0,_options_js__WEBPACK_IMPORTED_MODULE_6__/* .catalogSettings */ .LF)(values, false, command) };
}
const notRegistered = (packageName, command) => new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .BfxError */ .J(`Package "${packageName}" is not in the catalog, so bfx ${command} changed nothing: check the name with bfx status.`);
function enabling(enabled) {
    const command = enabled ? 'enable' : 'disable';
    return {
        summary: enabled ? 'let a package run again' : 'skip every run of a package until it is enabled',
        help: `Usage: bfx ${command} PACKAGE [options]

${enabled ? 'Enables PACKAGE: its next begin decides as usual.' : 'Disables PACKAGE: every begin logs a skipped execution (C / P) until bfx enable.'}

${_options_js__WEBPACK_IMPORTED_MODULE_6__/* .OPERATOR_HELP */ .zt}

${_options_js__WEBPACK_IMPORTED_MODULE_6__/* .CATALOG_HELP */ .OH}`,
        async run(args) {
            const { packageName, operator, settings } = packageArgument(command, args);
            const pkg = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .withCatalog */ .w5)(settings.connectionString, settings, (catalog) => (0,_run_control_package_commands_js__WEBPACK_IMPORTED_MODULE_1__/* .setEnabled */ .kv)(catalog, packageName, enabled, operator));
            if (!pkg)
                throw notRegistered(packageName, command);
            const state = enabled ? 'enabled' : 'disabled';
            return {
                text: pkg.changed
                    ? `${(0,_format_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(packageName)} is ${state}.\n${(0,_format_js__WEBPACK_IMPORTED_MODULE_5__/* .recordedLine */ .t3)(operator)}`
                    : `${(0,_format_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(packageName)} is already ${state}, so nothing was changed or recorded in the audit log.`,
                json: {
                    PackageID: pkg.packageId,
                    PackageName: pkg.packageName,
                    IsEnabled: pkg.isEnabled,
                    IsBatch: pkg.isBatch,
                    Changed: pkg.changed,
                    ...(pkg.changed ? (0,_format_js__WEBPACK_IMPORTED_MODULE_5__/* .operatorJson */ .fQ)(operator) : {}),
                },
            };
        },
    };
}
function nextLoad(status) {
    const command = status === 'C' ? 'skip' : 'resume';
    return {
        summary: status === 'C'
            ? 'skip the next runs of a package (NextLoadStatus C) until resume'
            : 'let a skipped or failed package proceed normally (NextLoadStatus P)',
        help: `Usage: bfx ${command} PACKAGE [options]

${status === 'C'
            ? "Sets the NextLoadStatus of the package's latest execution to C: each next begin is skipped\n(C / C), until bfx resume."
            : "Sets the NextLoadStatus of the package's latest execution to P: the next begin starts a new\nload (E), even after a failure that would have been retried."}
Refused while an execution of the package is active: end or reset it first.

${_options_js__WEBPACK_IMPORTED_MODULE_6__/* .OPERATOR_HELP */ .zt}

${_options_js__WEBPACK_IMPORTED_MODULE_6__/* .CATALOG_HELP */ .OH}`,
        async run(args) {
            const { packageName, operator, settings } = packageArgument(command, args);
            const change = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .withCatalog */ .w5)(settings.connectionString, settings, (catalog) => (0,_run_control_package_commands_js__WEBPACK_IMPORTED_MODULE_1__/* .setNextLoadStatus */ .YB)(catalog, packageName, status, operator));
            switch (change.kind) {
                case 'no-package':
                    throw notRegistered(packageName, command);
                case 'no-execution':
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .BfxError */ .J(`Package "${packageName}" has no execution yet, so there is no NextLoadStatus to change: ${status === 'C' ? 'disable it instead with bfx disable' : 'its first begin already starts a load'}.`);
                case 'active':
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .BfxError */ .J(`Execution ${change.execution.executionId} of "${packageName}" is still active, and its end would overwrite the change, so bfx ${command} changed nothing: end it or run bfx reset first.`);
                case 'changed':
                    return {
                        text: `${(0,_format_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(packageName)}: execution ${change.execution.executionId} now has NextLoadStatus ${status}; the next begin ${status === 'C' ? 'is skipped' : 'starts a new load'}.\n${(0,_format_js__WEBPACK_IMPORTED_MODULE_5__/* .recordedLine */ .t3)(operator)}`,
                        json: { ...(0,_command_js__WEBPACK_IMPORTED_MODULE_4__/* .executionJson */ .F)(change.execution), ...(0,_format_js__WEBPACK_IMPORTED_MODULE_5__/* .operatorJson */ .fQ)(operator) },
                    };
            }
        },
    };
}
const enable = enabling(true);
const disable = enabling(false);
const skip = nextLoad('C');
const resume = nextLoad('P');
const reset = {
    summary: 'end a stuck active execution as failed (a batch: as a failed batch end would)',
    help: `Usage: bfx reset PACKAGE [options]

Ends the package's active execution (one that started and never ended) as F / R, so the next
begin retries it as R instead of resuming it. For a batch, as a failed batch end would, in the
same transaction: its children still active end F / R with it, and those that succeeded get
NextLoadStatus C, so the batch's rerun skips them.

Options:
      --message TEXT  the ErrorMessage of the reset execution (default: "Reset by bfx reset.")

${_options_js__WEBPACK_IMPORTED_MODULE_6__/* .OPERATOR_HELP */ .zt}

${_options_js__WEBPACK_IMPORTED_MODULE_6__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, packageName, operator, settings } = packageArgument('reset', args, {
            message: { type: 'string' },
        });
        const message = values.message ?? 'Reset by bfx reset.';
        const result = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .withCatalog */ .w5)(settings.connectionString, settings, (catalog) => (0,_run_control_package_commands_js__WEBPACK_IMPORTED_MODULE_1__/* .reset */ .cL)(catalog, packageName, message, operator));
        switch (result.kind) {
            case 'no-package':
                throw notRegistered(packageName, 'reset');
            case 'none-active':
                return {
                    text: `${(0,_format_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(packageName)} has no active execution; nothing to reset.`,
                    json: { Result: 'none-active' },
                };
            case 'reset':
                return {
                    text: [
                        (0,_sentences_js__WEBPACK_IMPORTED_MODULE_3__/* .endLine */ .Sk)(result.execution),
                        ...(result.children.length
                            ? [`Children reset with it (${result.children.length}):`, ...(0,_format_js__WEBPACK_IMPORTED_MODULE_5__/* .childrenLines */ .FA)(result.children)]
                            : []),
                        ...(result.skippedChildren.length
                            ? [
                                `Children that succeeded, skipped by the batch's rerun (NextLoadStatus C): ${result.skippedChildren.join(', ')}.`,
                            ]
                            : []),
                        (0,_format_js__WEBPACK_IMPORTED_MODULE_5__/* .recordedLine */ .t3)(operator),
                    ].join('\n'),
                    json: {
                        Result: 'reset',
                        ...(0,_command_js__WEBPACK_IMPORTED_MODULE_4__/* .executionJson */ .F)(result.execution),
                        Children: result.children.map((child) => (0,_format_js__WEBPACK_IMPORTED_MODULE_5__/* .childJson */ .RX)(child)),
                        ...(0,_format_js__WEBPACK_IMPORTED_MODULE_5__/* .operatorJson */ .fQ)(operator),
                    },
                };
        }
    },
};
const migrate = {
    summary: 'create the catalog tables, or upgrade them in place',
    help: `Usage: bfx migrate [options]

Creates the catalog's tables and indexes where they are missing, or upgrades a catalog of an
earlier release in place (its rows are kept), and says what it created or upgraded. Safe to run
again, and at the same time as other runs. Refuses, changing nothing, tables of bfx-begin's names
in another shape (choose another --schema) and a catalog newer than this release. For DBAs who
deploy the catalog themselves and run the action with create-catalog: false.

${_options_js__WEBPACK_IMPORTED_MODULE_6__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_6__/* .parse */ .qg)('migrate', args, {});
        if (positionals.length > 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .BfxError */ .J('bfx migrate takes no arguments, so it did nothing: run bfx migrate --help.');
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_6__/* .catalogSettings */ .LF)(values, true, 'migrate');
        const catalog = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .openEngine */ .F5)(settings.connectionString, settings);
        try {
            const result = await catalog.migrate();
            return {
                text: (0,_format_js__WEBPACK_IMPORTED_MODULE_5__/* .migrateSentence */ .PC)(catalog.engine, catalog.location, result),
                json: {
                    Engine: catalog.engine,
                    Location: catalog.location,
                    FromVersion: result.from,
                    ToVersion: result.to,
                    Created: result.created,
                },
            };
        }
        finally {
            await catalog.close();
        }
    },
};


/***/ }),

/***/ 3567:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ executionJson),
/* harmony export */   d: () => (/* binding */ executionLine)
/* harmony export */ });
/* harmony import */ var _log_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73529);
/* harmony import */ var _sentences_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73861);


function executionJson(execution) {
    return {
        ExecutionID: execution.executionId,
        PackageName: execution.packageName,
        ExecutionStatus: execution.executionStatus,
        NextLoadStatus: execution.nextLoadStatus,
        RetryCount: execution.retryCount,
        ParentExecutionID: execution.parentExecutionId,
        StartTime: execution.startTime,
        EndTime: execution.endTime,
        RunKey: execution.runKey,
        ErrorMessage: execution.errorMessage,
    };
}
function executionLine(execution) {
    const ended = execution.endTime ? `ended ${execution.endTime}` : 'active';
    const error = execution.errorMessage ? `  ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(execution.errorMessage)}` : '';
    return (`${execution.executionId.padStart(8)}  ${(0,_sentences_js__WEBPACK_IMPORTED_MODULE_0__/* .statusName */ .Er)(execution.executionStatus).padEnd(15)} ` +
        `next ${(0,_sentences_js__WEBPACK_IMPORTED_MODULE_0__/* .nextName */ .HW)(execution.nextLoadStatus).padEnd(13)} retries ${execution.retryCount}  ` +
        `started ${execution.startTime}  ${ended}${error}`);
}


/***/ }),

/***/ 2032:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ durationMinutes)
/* harmony export */ });
/* unused harmony export MAX_DURATION_MINUTES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/**
 * How long ago, as operators write it: `90m`, `24h`, `7d`, or a bare number of days. Used by
 * bfx runs, bfx history and bfx report --since (docs: README, CLI).
 */

const MINUTES_PER = { m: 1, h: 60, d: 24 * 60 };
/** Ten years: longer spans are a typo, and the catalog's date arithmetic stays in range. */
const MAX_DURATION_MINUTES = 10 * 365 * 24 * 60;
/** A DURATION in whole minutes; anything else is refused with one sentence naming the option. */
function durationMinutes(raw, option, command) {
    const match = /^(\d{1,9})([mhd]?)$/i.exec(raw.trim());
    const minutes = match ? Number(match[1]) * MINUTES_PER[(match[2] || 'd').toLowerCase()] : NaN;
    if (!match || minutes < 1 || minutes > MAX_DURATION_MINUTES) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The ${option} "${raw}" is not a duration, so bfx ${command} did nothing: ` +
            'give minutes, hours or days such as 90m, 24h or 7d (a bare number is days), up to ten years.');
    }
    return minutes;
}


/***/ }),

/***/ 96719:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ds: () => (/* binding */ variableJson),
/* harmony export */   FA: () => (/* binding */ childrenLines),
/* harmony export */   O5: () => (/* binding */ historyLines),
/* harmony export */   PC: () => (/* binding */ migrateSentence),
/* harmony export */   RX: () => (/* binding */ childJson),
/* harmony export */   TN: () => (/* reexport safe */ _log_text_js__WEBPACK_IMPORTED_MODULE_2__.TN),
/* harmony export */   YF: () => (/* binding */ historyTimeline),
/* harmony export */   b_: () => (/* binding */ variableLine),
/* harmony export */   dU: () => (/* binding */ historyJson),
/* harmony export */   fQ: () => (/* binding */ operatorJson),
/* harmony export */   qk: () => (/* binding */ rowCountJson),
/* harmony export */   qy: () => (/* binding */ variablesLine),
/* harmony export */   rt: () => (/* binding */ rowCountsLine),
/* harmony export */   t3: () => (/* binding */ recordedLine),
/* harmony export */   wm: () => (/* binding */ shortValue)
/* harmony export */ });
/* unused harmony exports auditJson, auditLine, childLine, createdList */
/* harmony import */ var _sentences_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73861);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3567);
/* harmony import */ var _log_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73529);




/** A value for a listing: on one line, and cut when long (--json shows it whole). */
function shortValue(value, max = 100) {
    const line = (0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(value);
    return line.length > max ? `${line.slice(0, max - 3)}... (${value.length} characters; --json shows all)` : line;
}
/** "LastLoadDate=2026-11-25, Region=EU", or "none". */
function variablesLine(values) {
    return values.length === 0
        ? 'none'
        : values.map(({ name, value }) => `${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(name)}=${shortValue(value)}`).join(', ');
}
/** "dbo.Customer Insert 120, Update 3; dbo.Orders Insert 40": grouped by object, in the order given. */
function rowCountsLine(counts) {
    const byObject = new Map();
    for (const count of counts)
        byObject.set(count.objectName, [...(byObject.get(count.objectName) ?? []), count]);
    return [...byObject]
        .map(([objectName, group]) => `${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(objectName)} ${group.map((count) => `${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(count.countType)} ${count.rowCount}`).join(', ')}`)
        .join('; ');
}
const rowCountJson = (count) => ({
    ObjectName: count.objectName,
    CountType: count.countType,
    RowCount: count.rowCount,
});
const variableJson = (variable) => ({
    Name: variable.name,
    Value: variable.value,
    PreviousValue: variable.previousValue,
    ExecutionID: variable.executionId,
    UpdatedTime: variable.updatedTime,
});
const auditJson = (entry) => ({
    AuditID: entry.auditId,
    ExecutionID: entry.executionId,
    Action: entry.action,
    Detail: entry.detail,
    Actor: entry.actor,
    CreatedTime: entry.createdTime,
});
/** "  LastLoadDate = 2026-11-25  (was 1900-01-01; set by execution 7 at 2026-11-25T02:10:00.000Z)" */
function variableLine(variable) {
    const was = variable.previousValue === null ? 'no value before' : `was ${shortValue(variable.previousValue)}`;
    const by = variable.executionId === null
        ? 'a default or an operator set it'
        : `set by the successful end of execution ${variable.executionId}`;
    return `  ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(variable.name)} = ${shortValue(variable.value)}  (${was}; ${by}, ${variable.updatedTime})`;
}
/**
 * One audit entry: when, what, of which execution, by whom, and the detail run control recorded
 * (the change, and the operator's reason when one was given).
 */
function auditLine(entry) {
    const what = entry.executionId === null ? entry.action : `${entry.action} of execution ${entry.executionId}`;
    const who = entry.actor === null ? 'an unknown actor' : (0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(entry.actor);
    const detail = entry.detail === null ? '' : `: ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(entry.detail)}`;
    // In the ExecutionID column of a history: an event of its own between the executions.
    return `${'audit'.padStart(8)}  ${entry.createdTime}  ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(what)} by ${who}${detail}`;
}
/** A batch's child: ExecutionID, package, status, next load status, how long it ran, its message. */
function childLine(child, nameWidth) {
    const error = child.errorMessage ? `  ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(child.errorMessage)}` : '';
    return (`${child.executionId.padStart(8)}  ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(child.packageName).padEnd(nameWidth)}  ` +
        `${(0,_sentences_js__WEBPACK_IMPORTED_MODULE_0__/* .statusName */ .Er)(child.executionStatus).padEnd(15)} next ${(0,_sentences_js__WEBPACK_IMPORTED_MODULE_0__/* .nextName */ .HW)(child.nextLoadStatus).padEnd(13)} ` +
        `${(0,_sentences_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(child)}${error}`);
}
/** A batch's children, one line each, with their row counts under them when known. */
function childrenLines(children, counts = []) {
    const width = Math.min(40, Math.max(0, ...children.map((child) => (0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(child.packageName).length)));
    return children.flatMap((child) => [childLine(child, width), ...rowCountLines(child.executionId, counts)]);
}
function rowCountLines(executionId, counts) {
    const own = counts.filter((count) => count.executionId === executionId);
    return own.length ? [`${' '.repeat(10)}rows: ${rowCountsLine(own)}`] : [];
}
const childJson = (child, counts = []) => ({
    ...(0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .executionJson */ .F)(child),
    RowCounts: counts.filter((count) => count.executionId === child.executionId).map(rowCountJson),
});
const time = (iso) => {
    const ms = Date.parse(iso);
    return Number.isFinite(ms) ? ms : 0;
};
/**
 * Merges a page of executions (newest first) with the package's audit entries by time. An entry
 * older than the oldest execution on the page belongs to an older page: it is left out when the
 * page is full, and returned as `earlier` otherwise.
 */
function historyTimeline(executions, counts, audit, pageFull) {
    const items = executions.map((execution) => ({
        execution,
        rowCounts: counts.filter((count) => count.executionId === execution.executionId),
        audit: [],
    }));
    const earlier = [];
    const newestFirst = [...audit].sort((a, b) => time(b.createdTime) - time(a.createdTime));
    for (const entry of newestFirst) {
        const item = items.find((candidate) => time(candidate.execution.startTime) <= time(entry.createdTime));
        if (item)
            item.audit.push(entry);
        else if (!pageFull)
            earlier.push(entry);
    }
    return { items, earlier };
}
function historyLines(timeline, executionLine) {
    return [
        ...timeline.items.flatMap((item) => [
            ...item.audit.map(auditLine),
            executionLine(item.execution),
            ...(item.rowCounts.length ? [`${' '.repeat(10)}rows: ${rowCountsLine(item.rowCounts)}`] : []),
        ]),
        ...timeline.earlier.map(auditLine),
    ];
}
const historyJson = (item) => ({
    ...(0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .executionJson */ .F)(item.execution),
    RowCounts: item.rowCounts.map(rowCountJson),
    Audit: item.audit.map(auditJson),
});
const KINDS = {
    table: 'tables',
    index: 'indexes',
    column: 'columns',
    schema: 'schemas',
    constraint: 'constraints',
    trigger: 'triggers',
};
/**
 * What migrate() created, for a sentence: entries named with their kind ("table Package", "index
 * IX_Execution_RunKey", "column Package.IsBatch") are grouped by kind ("tables Package, Execution");
 * any other entry is shown as it is.
 */
function createdList(created) {
    const groups = new Map();
    for (const entry of created) {
        const match = /^(table|index|column|schema|constraint|trigger)\s+(.+)$/i.exec(entry.trim());
        const kind = match ? match[1].toLowerCase() : '';
        groups.set(kind, [...(groups.get(kind) ?? []), match ? match[2] : entry.trim()]);
    }
    return [...groups]
        .map(([kind, names]) => (kind === '' ? '' : `${names.length > 1 ? KINDS[kind] : kind} `) + names.join(', '))
        .join('; ');
}
/** What bfx migrate did, as one sentence. */
function migrateSentence(engine, location, result) {
    const { from, to, created } = result;
    const list = created.length ? `: ${createdList(created)}` : '';
    if (from === 0)
        return `Created the ${engine} catalog (version ${to}) in ${location}${list}.`;
    if (from < to)
        return `Upgraded the ${engine} catalog in ${location} from version ${from} to ${to}${list}.`;
    if (created.length)
        return `The ${engine} catalog in ${location} is at version ${to}; what was missing was created${list}.`;
    return `The ${engine} catalog in ${location} is up to date (version ${to}); nothing was changed.`;
}
/** The line that tells an operator their change was recorded, and as whose. */
function recordedLine(operator) {
    const who = operator.actor === null ? 'an unknown actor (give --actor)' : (0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(operator.actor);
    const why = operator.reason === null ? 'no reason given' : `reason: ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(operator.reason)}`;
    return `Recorded in the audit log: by ${who}, ${why}.`;
}
const operatorJson = (operator) => ({ Actor: operator.actor, Reason: operator.reason });


/***/ }),

/***/ 70486:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var node_readline_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26848);
/* harmony import */ var node_readline_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_readline_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(16837);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(83916);
/* harmony import */ var _log_text_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(73529);
/* harmony import */ var _admin_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1737);
/* harmony import */ var _inspect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86850);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(91086);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(94175);
/* harmony import */ var _variables_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(46063);
/* harmony import */ var _upkeep_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(29947);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(60776);
/* harmony import */ var _package_json__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8330);
/** bfx: the same begin, end and catalog as the action, from a shell. */











// Bundled: bfx --version says the release it was built from, wherever the bundle is copied.

const COMMANDS = {
    begin: _run_js__WEBPACK_IMPORTED_MODULE_4__/* .begin */ .q,
    end: _run_js__WEBPACK_IMPORTED_MODULE_4__/* .end */ ._,
    status: _inspect_js__WEBPACK_IMPORTED_MODULE_2__/* .status */ .h,
    history: _inspect_js__WEBPACK_IMPORTED_MODULE_2__/* .history */ .b,
    var: _variables_js__WEBPACK_IMPORTED_MODULE_5__/* .variables */ .E,
    enable: _admin_js__WEBPACK_IMPORTED_MODULE_1__/* .enable */ .sS,
    disable: _admin_js__WEBPACK_IMPORTED_MODULE_1__/* .disable */ .b8,
    skip: _admin_js__WEBPACK_IMPORTED_MODULE_1__/* .skip */ .iv,
    resume: _admin_js__WEBPACK_IMPORTED_MODULE_1__/* .resume */ .U,
    reset: _admin_js__WEBPACK_IMPORTED_MODULE_1__/* .reset */ .cL,
    migrate: _admin_js__WEBPACK_IMPORTED_MODULE_1__/* .migrate */ ._r,
    report: _report_js__WEBPACK_IMPORTED_MODULE_3__/* .report */ .z,
    runs: _upkeep_js__WEBPACK_IMPORTED_MODULE_6__/* .runs */ .Np,
    check: _upkeep_js__WEBPACK_IMPORTED_MODULE_6__/* .check */ .z6,
    purge: _upkeep_js__WEBPACK_IMPORTED_MODULE_6__/* .purge */ .OU,
    rename: _upkeep_js__WEBPACK_IMPORTED_MODULE_6__/* .rename */ .$w,
    delete: _upkeep_js__WEBPACK_IMPORTED_MODULE_6__/* .deleteCommand */ .x3,
    version: {
        summary: 'say which release this is (as bfx --version)',
        help: 'Usage: bfx version\n\nPrints the release of bfx-begin this bfx was built from, as bfx --version does.',
        run: async () => ({ text: `bfx ${_package_json__WEBPACK_IMPORTED_MODULE_8__/* .version */ .rE}`, json: { Version: _package_json__WEBPACK_IMPORTED_MODULE_8__/* .version */ .rE } }),
    },
};
const USAGE = `Usage: bfx COMMAND [options]

BimlFlex-style batch orchestration: decide whether a data-pipeline package executes, retries,
resumes or is skipped, and log its executions in a catalog database.

Commands:
${Object.entries(COMMANDS)
    .map(([name, command]) => `  ${name.padEnd(8)} ${command.summary}`)
    .join('\n')}

Run bfx COMMAND --help for a command's options, bfx --version for the release. The catalog is --connection-string, else
$BFX_CONNECTION_STRING, else sqlite:.bfx/catalog.db.

Exit codes: 0 done; 1 nothing was done (bad input, a refusal, the catalog unreachable: stderr says
why); 2 bfx check found a package that failed, is stuck or is disabled.`;
/**
 * Everything bfx prints goes through log-text.ts, since its stdout and stderr are a workflow
 * step's log when it runs in one: no line of it can start a workflow command.
 */
const print = (text) => console.log((0,_log_text_js__WEBPACK_IMPORTED_MODULE_9__/* .logText */ .kc)(text));
const printError = (sentence) => console.error((0,_log_text_js__WEBPACK_IMPORTED_MODULE_9__/* .logLine */ .BP)(sentence));
async function main(argv) {
    const [name, ...args] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
        print(USAGE);
        return name === undefined ? 1 : 0;
    }
    if (name === '--version' || name === '-V') {
        console.log(`bfx ${_package_json__WEBPACK_IMPORTED_MODULE_8__/* .version */ .rE}`);
        return 0;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) {
        const near = (0,_options_js__WEBPACK_IMPORTED_MODULE_7__/* .nearest */ .pA)(name.replace(/^-+/, ''), Object.keys(COMMANDS));
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .BfxError */ .J(`"${name}" is not a bfx command, so nothing was done: ${near ? `did you mean bfx ${near}? (` : ''}run bfx --help for the list${near ? ')' : ''}.`);
    }
    if (args.includes('--help') || args.includes('-h')) {
        print(command.help);
        return 0;
    }
    const json = args.includes('--json');
    const result = await command.run(args, terminal);
    if (result.warning)
        printError(`warning: ${result.warning}`);
    if (json)
        console.log((0,_log_text_js__WEBPACK_IMPORTED_MODULE_9__/* .logJson */ .dF)(result.json));
    else
        print(result.text);
    return result.exitCode ?? 0;
}
/** Questions go to stdout and answers come from stdin, only when both are a terminal. */
const terminal = {
    async ask(question) {
        if (!process.stdin.isTTY || !process.stdout.isTTY)
            return null;
        const prompt = (0,node_readline_promises__WEBPACK_IMPORTED_MODULE_0__.createInterface)({ input: process.stdin, output: process.stdout });
        try {
            return await prompt.question(`${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_9__/* .logLine */ .BP)(question)} `);
        }
        finally {
            prompt.close();
        }
    },
};
/** The secrets of every connection string given (-c X, -cX, --connection-string X or =X) or in the environment. */
function secrets(argv) {
    const given = argv.flatMap((arg, i) => {
        if (arg === '--connection-string' || arg === '-c')
            return [argv[i + 1] ?? ''];
        if (arg.startsWith('--connection-string='))
            return [arg.slice('--connection-string='.length)];
        if (/^-c./s.test(arg))
            return [arg.slice(2)];
        return [];
    });
    return [...given, process.env.BFX_CONNECTION_STRING ?? ''].flatMap((value) => (value ? (0,_catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_11__/* .secretsIn */ .VY)(value) : []));
}
const argv = process.argv.slice(2);
try {
    process.exitCode = await main(argv);
}
catch (error) {
    const message = error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .BfxError */ .J
        ? error.message
        : `bfx stopped on an unexpected error (${error instanceof Error ? error.message : String(error)}): rerun with BFX_DEBUG=1 and report it.`;
    printError(`error: ${(0,_catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_11__/* .redact */ .E$)(message, secrets(argv))}`);
    if (process.env.BFX_DEBUG && error instanceof Error && error.stack) {
        console.error((0,_log_text_js__WEBPACK_IMPORTED_MODULE_9__/* .logText */ .kc)((0,_catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_11__/* .redact */ .E$)(error.stack, secrets(argv))));
    }
    process.exitCode = 1;
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 86850:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ history),
/* harmony export */   h: () => (/* binding */ status)
/* harmony export */ });
/* harmony import */ var _catalog_connect_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(63299);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(83916);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(60397);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3567);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(96719);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2032);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(60776);
/** bfx status and bfx history: what the catalog holds, read only. */







const status = {
    summary: 'show packages with their latest and active executions',
    help: `Usage: bfx status [PACKAGE] [options]

Shows each package (or only PACKAGE): enabled or not, its retry limit, whether it is a batch, its
latest execution (and the batch it ran under, if any) and the one still active, if any.

${_options_js__WEBPACK_IMPORTED_MODULE_5__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_5__/* .parse */ .qg)('status', args, {});
        if (positionals.length > 1)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J('bfx status takes at most one package name, so it did nothing: run bfx status --help.');
        const packageName = positionals[0] === undefined ? undefined : _validate_js__WEBPACK_IMPORTED_MODULE_1__/* .packageName */ .oZ(positionals[0], 'package name');
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_5__/* .catalogSettings */ .LF)(values, false, 'status');
        const packages = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .withCatalog */ .w5)(settings.connectionString, settings, (catalog) => catalog.status(packageName));
        if (packageName !== undefined && packages.length === 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J(`Package "${packageName}" is not in the catalog: its first begin registers it.`);
        }
        const text = packages.length
            ? packages
                .map((pkg) => {
                const underBatch = pkg.latest?.parentExecutionId && pkg.batchPackageName !== null
                    ? `  (under batch ${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(pkg.batchPackageName)}, execution ${pkg.latest.parentExecutionId})`
                    : '';
                return [
                    `${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(pkg.packageName)}  ${pkg.isEnabled ? 'enabled' : 'DISABLED'}  retry limit ${pkg.retryLimit ?? 'default (3)'}` +
                        (pkg.isBatch ? '  batch' : ''),
                    `  latest: ${pkg.latest ? (0,_command_js__WEBPACK_IMPORTED_MODULE_2__/* .executionLine */ .d)(pkg.latest).trim() : 'none'}${underBatch}`,
                    ...(pkg.active && pkg.active.executionId !== pkg.latest?.executionId
                        ? [`  active: ${(0,_command_js__WEBPACK_IMPORTED_MODULE_2__/* .executionLine */ .d)(pkg.active).trim()}`]
                        : []),
                ].join('\n');
            })
                .join('\n')
            : 'The catalog has no packages yet.';
        return {
            text,
            json: packages.map((pkg) => ({
                PackageID: pkg.packageId,
                PackageName: pkg.packageName,
                IsEnabled: pkg.isEnabled,
                IsBatch: pkg.isBatch,
                RetryLimit: pkg.retryLimit,
                CreatedTime: pkg.createdTime,
                BatchPackageName: pkg.batchPackageName,
                Latest: pkg.latest && (0,_command_js__WEBPACK_IMPORTED_MODULE_2__/* .executionJson */ .F)(pkg.latest),
                Active: pkg.active && (0,_command_js__WEBPACK_IMPORTED_MODULE_2__/* .executionJson */ .F)(pkg.active),
            })),
        };
    },
};
const history = {
    summary: "list a package's executions with row counts and audit entries, or a batch's children",
    help: `Usage: bfx history PACKAGE [options]
       bfx history --parent EXECUTION_ID [options]

Lists the package's most recent executions, newest first, each with the row counts its load
reported, and between them the operator changes and yields of the audit log (when, what, who,
why) in the order they happened. With --parent, lists the executions that ran under a batch
execution (its children), oldest first, with their packages and row counts.

Options:
  -n, --limit N          how many executions, and how many audit entries (default 20)
      --since DURATION   only executions that started within it: 90m, 24h, 7d, or a bare number of
                         days (by the catalog server's clock)
${_options_js__WEBPACK_IMPORTED_MODULE_5__/* .STATUS_HELP */ .nk}
      --parent ID        list the children of this batch execution instead of a package's history
${_options_js__WEBPACK_IMPORTED_MODULE_5__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_5__/* .parse */ .qg)('history', args, {
            limit: { type: 'string', short: 'n' },
            parent: { type: 'string' },
            since: { type: 'string' },
            status: { type: 'string', multiple: true },
        });
        const parentValue = values.parent;
        if (parentValue !== undefined) {
            if (positionals.length > 0)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J('bfx history takes a package name or --parent, not both, so it did nothing: run bfx history --help.');
            const { since, status } = values;
            if (since !== undefined || status !== undefined)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J('bfx history --parent lists every child of the batch execution, so --since and --status do not apply and nothing was done: leave them out.');
            if (values.limit !== undefined)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J('bfx history --parent lists every child of the batch execution, so --limit does not apply and nothing was done: leave --limit out.');
            const parentExecutionId = _validate_js__WEBPACK_IMPORTED_MODULE_1__/* .executionId */ .uY(parentValue, '--parent');
            const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_5__/* .catalogSettings */ .LF)(values, false, 'history');
            const { children, counts } = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .withCatalog */ .w5)(settings.connectionString, settings, async (catalog) => {
                const found = await catalog.children(parentExecutionId);
                return { children: found, counts: await catalog.rowCounts(found.map((child) => child.executionId)) };
            });
            return {
                text: children.length
                    ? [
                        `Execution ${parentExecutionId} has ${children.length} child execution${children.length === 1 ? '' : 's'}, oldest first:`,
                        ...(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .childrenLines */ .FA)(children, counts),
                    ].join('\n')
                    : `Execution ${parentExecutionId} has no child executions in the catalog.`,
                json: children.map((child) => (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .childJson */ .RX)(child, counts)),
            };
        }
        const packageName = _validate_js__WEBPACK_IMPORTED_MODULE_1__/* .packageName */ .oZ((0,_options_js__WEBPACK_IMPORTED_MODULE_5__/* .single */ .J0)('history', positionals, 'package name'), 'package name');
        const limit = (0,_options_js__WEBPACK_IMPORTED_MODULE_5__/* .historyLimit */ .kw)(values.limit);
        const given = values;
        const filter = {
            sinceMinutes: given.since === undefined ? undefined : (0,_duration_js__WEBPACK_IMPORTED_MODULE_4__/* .durationMinutes */ .A)(given.since, '--since', 'history'),
            statuses: (0,_options_js__WEBPACK_IMPORTED_MODULE_5__/* .statusFilter */ .b3)(given.status, 'history'),
        };
        const filtered = filter.sinceMinutes !== undefined || filter.statuses !== undefined;
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_5__/* .catalogSettings */ .LF)(values, false, 'history');
        const { executions, counts, audit } = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .withCatalog */ .w5)(settings.connectionString, settings, async (catalog) => {
            const [page, entries] = await Promise.all([
                catalog.history(packageName, limit, filter),
                // A filtered history lists executions only: the audit entries between them would mislead.
                filtered ? [] : catalog.audit(packageName, limit),
            ]);
            // A package with nothing to show may not exist: bfx status says the same with exit code 1.
            if (page.length === 0 && entries.length === 0 && (await catalog.variables(packageName)) === null) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J(`Package "${packageName}" is not in the catalog: its first begin registers it.`);
            }
            // One read for the row counts of the whole page.
            const rowCounts = page.length ? await catalog.rowCounts(page.map((execution) => execution.executionId)) : [];
            return { executions: page, counts: rowCounts, audit: entries };
        });
        const timeline = (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .historyTimeline */ .YF)(executions, counts, audit, executions.length >= limit);
        const lines = (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .historyLines */ .O5)(timeline, _command_js__WEBPACK_IMPORTED_MODULE_2__/* .executionLine */ .d);
        return {
            text: executions.length
                ? lines.join('\n')
                : [`${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(packageName)} has no executions${filtered ? ' that match' : ''}.`, ...lines].join('\n'),
            json: timeline.items.map(_format_js__WEBPACK_IMPORTED_MODULE_3__/* .historyJson */ .dU),
        };
    },
};


/***/ }),

/***/ 60776:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hr: () => (/* binding */ operator),
/* harmony export */   J0: () => (/* binding */ single),
/* harmony export */   LF: () => (/* binding */ catalogSettings),
/* harmony export */   OH: () => (/* binding */ CATALOG_HELP),
/* harmony export */   Pz: () => (/* binding */ variableOptions),
/* harmony export */   Sy: () => (/* binding */ rowCountOptions),
/* harmony export */   b3: () => (/* binding */ statusFilter),
/* harmony export */   kD: () => (/* binding */ OPERATOR_OPTIONS),
/* harmony export */   kw: () => (/* binding */ historyLimit),
/* harmony export */   nk: () => (/* binding */ STATUS_HELP),
/* harmony export */   p5: () => (/* binding */ defaultActor),
/* harmony export */   pA: () => (/* binding */ nearest),
/* harmony export */   qg: () => (/* binding */ parse),
/* harmony export */   zt: () => (/* binding */ OPERATOR_HELP)
/* harmony export */ });
/* unused harmony exports DEFAULT_CONNECTION_STRING, MAX_HISTORY_LIMIT */
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _decision_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27033);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83916);
/* harmony import */ var _parse_load_files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(66683);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(60397);
/** Command-line parsing shared by every bfx command: the catalog options, --json, and the operator's --actor and --reason. */






const DEFAULT_CONNECTION_STRING = 'sqlite:.bfx/catalog.db';
const CATALOG_OPTIONS = {
    'connection-string': { type: 'string', short: 'c' },
    'connect-timeout': { type: 'string' },
    'request-timeout': { type: 'string' },
    schema: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
};
const CATALOG_HELP = `Catalog options:
  -c, --connection-string S  the catalog: sqlite:PATH, postgres://..., or a SQL Server connection
                             string (default: $BFX_CONNECTION_STRING, else ${DEFAULT_CONNECTION_STRING})
      --connect-timeout SEC  seconds to wait for the catalog server (default ${_validate_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_CONNECT_TIMEOUT_SECONDS */ .R8})
      --request-timeout SEC  seconds to wait for one catalog request or lock (default ${_validate_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_REQUEST_TIMEOUT_SECONDS */ .il})
      --schema NAME          the schema of the catalog tables on SQL Server and PostgreSQL (default:
                             the connection string's schema parameter, else bfx); SQLite has none
      --json                 print JSON for scripts instead of text
  -h, --help                 show this help`;
/**
 * What each option's value is, in the words of its help: a refusal of the option says it. The
 * options missing here (--actor, --reason, --var, --rows, --schema, --run-key) refuse their values in
 * sentences of their own.
 */
const VALUE_OF = {
    'connection-string': 'the catalog (sqlite:PATH, a postgres:// URL or a SQL Server connection string)',
    'connect-timeout': 'the seconds to wait for the catalog server (a whole number)',
    'request-timeout': 'the seconds to wait for one catalog request (a whole number)',
    'retry-limit': 'how many times an interrupted execution is resumed (a whole number)',
    'parent-execution-id': 'the ExecutionID of the batch this package runs under',
    status: 'how the load ended (success, failure or cancelled)',
    message: 'the message to keep on the execution',
    limit: 'how many executions to show (a whole number)',
    parent: 'the ExecutionID of a batch execution',
    out: 'the HTML file to write',
    package: 'the name of a package',
    since: 'how far back (90m, 24h, 7d, or a bare number of days)',
    'stuck-after': 'the minutes an execution may stay active (a whole number)',
    'older-than': 'the age in days (a whole number, 0 or more)',
};
const SPECIFIC = new Set(['actor', 'reason', 'var', 'rows', 'schema', 'run-key']);
/** How an option was written: its long name, with the short one the user typed. */
const spelled = (name, rawName) => (rawName.startsWith('--') ? `--${name}` : `${rawName} (--${name})`);
/**
 * Parses a command's arguments. Every refusal is bfx's own sentence, never the parser's: an
 * unknown option (with the nearest known one, when there is one), an option without its value, a
 * value given to a switch, and an empty value.
 */
function parse(command, args, options) {
    const all = { ...CATALOG_OPTIONS, ...options };
    let parsed;
    try {
        parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.parseArgs)({
            args,
            options: { ...CATALOG_OPTIONS, ...options },
            allowPositionals: true,
            strict: true,
            tokens: true,
        });
    }
    catch {
        throw argumentError(command, args, all);
    }
    for (const token of parsed.tokens) {
        if (token.kind !== 'option' || SPECIFIC.has(token.name) || all[token.name]?.type !== 'string')
            continue;
        if (token.value?.trim() === '') {
            const option = spelled(token.name, token.rawName);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`The ${option} is empty, so bfx ${command} did nothing: give ${VALUE_OF[token.name] ?? 'its value'}, or leave --${token.name} out.`);
        }
    }
    const { values, positionals } = parsed;
    return { values, positionals };
}
/** Why the parser refused the arguments, told from a lenient parse of them. */
function argumentError(command, args, options) {
    const { tokens } = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.parseArgs)({ args, options, allowPositionals: true, strict: false, tokens: true });
    const help = `see bfx ${command} --help`;
    for (const token of tokens) {
        if (token.kind !== 'option')
            continue;
        const option = options[token.name];
        if (!option) {
            const near = nearest(token.rawName.replace(/^-+/, ''), Object.keys(options).filter((name) => name.length > 1));
            return new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`bfx ${command} has no option ${token.rawName}, so it did nothing: ` +
                (near ? `did you mean --${near}? (${help})` : `${help} for its options.`));
        }
        const name = spelled(token.name, token.rawName);
        if (option.type === 'boolean' && token.value !== undefined) {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`The ${name} is a switch and takes no value, so bfx ${command} did nothing: write ${token.rawName} alone.`);
        }
        const next = args[token.index + 1];
        if (option.type === 'string' && (token.value === undefined || (!token.inlineValue && next?.startsWith('-')))) {
            const followed = token.value === undefined ? 'was given no value' : `was followed by ${next}, not by a value`;
            const dash = token.value !== undefined && !options[next.replace(/^--?([^=]*).*$/, '$1')]
                ? ` (a value that starts with - is written --${token.name}=${next})`
                : '';
            return new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`The ${name} ${followed}, so bfx ${command} did nothing: give ${VALUE_OF[token.name] ?? 'its value'} right after it${dash}.`);
        }
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`bfx ${command} could not read its arguments, so it did nothing: ${help}.`);
}
/** The known name closest to a mistyped one, when it is close enough to be what was meant. */
function nearest(typed, known) {
    let best;
    for (const name of known) {
        const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
        if (!best || distance < best.distance)
            best = { name, distance };
    }
    const prefixOf = known.filter((name) => name.startsWith(typed.toLowerCase()));
    if (typed.length >= 2 && prefixOf.length === 1)
        return prefixOf[0];
    return best && best.distance <= Math.max(1, Math.floor(typed.length / 3)) ? best.name : undefined;
}
/** Levenshtein distance, with a swap of two neighbours counted as one edit. */
function editDistance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++)
        d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}
function catalogSettings(values, createCatalog, command = 'this command') {
    const raw = values['connection-string'] ?? (process.env.BFX_CONNECTION_STRING || DEFAULT_CONNECTION_STRING);
    if (values.schema !== undefined && values.schema.trim() === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J('The --schema is empty, so no catalog was contacted: give a schema name such as bfxgh, or leave --schema out.');
    }
    return {
        connectionString: _validate_js__WEBPACK_IMPORTED_MODULE_4__/* .connectionString */ .cF(raw, '--connection-string'),
        createCatalog,
        noCreate: noCreate(command),
        schema: _validate_js__WEBPACK_IMPORTED_MODULE_4__/* .catalogSchema */ .X8(values.schema ?? '', '--schema'),
        connectTimeoutMs: _validate_js__WEBPACK_IMPORTED_MODULE_4__/* .timeoutMs */ .G6(values['connect-timeout'] ?? '', '--connect-timeout', _validate_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_CONNECT_TIMEOUT_SECONDS */ .R8),
        requestTimeoutMs: _validate_js__WEBPACK_IMPORTED_MODULE_4__/* .timeoutMs */ .G6(values['request-timeout'] ?? '', '--request-timeout', _validate_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_REQUEST_TIMEOUT_SECONDS */ .il),
    };
}
/** Why bfx COMMAND leaves a missing or older catalog alone, in the CLI's words (never an action input's). */
function noCreate(command) {
    if (command === 'begin') {
        return {
            because: '--no-create-catalog was given',
            create: 'create it with bfx migrate, or leave --no-create-catalog out',
            upgrade: 'upgrade it in place with bfx migrate, or leave --no-create-catalog out',
        };
    }
    return {
        because: `bfx ${command} creates no catalog`,
        create: 'check --connection-string (else $BFX_CONNECTION_STRING, else sqlite:.bfx/catalog.db in this folder), ' +
            'or create the catalog with bfx migrate or a first bfx begin',
        upgrade: 'upgrade it in place with bfx migrate (or a bfx begin)',
    };
}
/** The one positional argument a command takes, e.g. the package name. */
function single(command, positionals, what) {
    if (positionals.length !== 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`bfx ${command} takes one ${what}, and ${positionals.length} were given, so it did nothing: run bfx ${command} --help.`);
    }
    return positionals[0];
}
/** --actor and --reason, taken by every command that changes a package by hand. */
const OPERATOR_OPTIONS = {
    actor: { type: 'string' },
    reason: { type: 'string' },
};
const OPERATOR_HELP = `Audit options (the change is recorded in the audit log with who and why; bfx history shows it):
      --actor NAME   who makes the change (default: $GITHUB_ACTOR, else your user name)
      --reason TEXT  why it is made`;
/** Who runs bfx when --actor is not given: $GITHUB_ACTOR in a workflow, else the OS user, else unknown. */
function defaultActor(env = process.env, userName = () => (0,node_os__WEBPACK_IMPORTED_MODULE_0__.userInfo)().username) {
    if (env.GITHUB_ACTOR?.trim())
        return env.GITHUB_ACTOR.trim();
    try {
        return userName().trim() || null;
    }
    catch {
        // No user name for this uid (a container user without a passwd entry, say).
        return null;
    }
}
/** The operator of a change, from --actor and --reason; given empty, each is refused. */
function operator(command, values, actorByDefault = defaultActor) {
    for (const option of ['actor', 'reason']) {
        if (values[option] !== undefined && values[option].trim() === '') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`The --${option} is empty, so bfx ${command} changed nothing: give ${option === 'actor' ? 'who makes the change' : 'why the change is made'}, or leave --${option} out.`);
        }
    }
    return { actor: values.actor?.trim() ?? actorByDefault(), reason: values.reason?.trim() ?? null };
}
/** The values of a repeatable option, each refused when empty. */
function repeated(command, option, values, form) {
    for (const value of values ?? []) {
        if (value.trim() === '') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`A --${option} is empty, so bfx ${command} changed nothing: give ${form}, or leave that --${option} out.`);
        }
    }
    return (values ?? []).join('\n');
}
/** --var NAME=VALUE, repeatable: the last value given for a name wins. Malformed: one sentence, nothing stored. */
function variableOptions(command, values) {
    const parsed = (0,_parse_load_files_js__WEBPACK_IMPORTED_MODULE_3__/* .parseVariables */ .r)(repeated(command, 'var', values, 'NAME=VALUE'), '--var');
    return [...parsed].map(([name, value]) => ({ name, value }));
}
/** --rows OBJECT:TYPE=N, repeatable: a later count for the same object and type wins. */
function rowCountOptions(command, values) {
    return (0,_parse_load_files_js__WEBPACK_IMPORTED_MODULE_3__/* .parseRowCounts */ .M)(repeated(command, 'rows', values, 'OBJECT:TYPE=N'), '--rows');
}
const MAX_HISTORY_LIMIT = 10_000;
/** history --limit (and runs --limit): how many executions (and audit entries) to show. */
function historyLimit(raw, command = 'history') {
    if (raw === undefined)
        return 20;
    const value = raw.trim();
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_HISTORY_LIMIT) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`The --limit "${raw}" is not a number of executions to show, so bfx ${command} did nothing: give a whole number from 1 to ${MAX_HISTORY_LIMIT}.`);
    }
    return Number(value);
}
const STATUS_HELP = `      --status S         only executions with this ExecutionStatus: a letter or its word (F or
                         failed; E R A C S F, executing retry active canceled succeeded failed);
                         repeat it or separate with commas for several`;
/** --status F, --status failed, --status F,R (repeatable): the ExecutionStatus letters, or undefined for all. */
function statusFilter(raw, command) {
    if (raw === undefined)
        return undefined;
    const byWord = new Map(Object.entries(_decision_js__WEBPACK_IMPORTED_MODULE_2__/* .EXECUTION_STATUS_NAMES */ .Fr).flatMap(([letter, word]) => [
        [letter.toLowerCase(), letter],
        [word.toLowerCase(), letter],
    ]));
    // The word as bfx status prints it, and as people spell it.
    byWord.set('cancelled', 'C');
    const statuses = raw
        .flatMap((value) => value.split(','))
        .map((value) => {
        const status = byWord.get(value.trim().toLowerCase());
        if (status === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`The --status "${value}" is not an ExecutionStatus, so bfx ${command} did nothing: give a letter or its word, ` +
                `one of ${Object.entries(_decision_js__WEBPACK_IMPORTED_MODULE_2__/* .EXECUTION_STATUS_NAMES */ .Fr)
                    .map(([letter, word]) => `${letter} (${word.toLowerCase()})`)
                    .join(', ')}.`);
        }
        return status;
    });
    return [...new Set(statuses)];
}


/***/ }),

/***/ 91086:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ report)
/* harmony export */ });
/* unused harmony export DEFAULT_SINCE */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _catalog_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(63299);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(83916);
/* harmony import */ var _report_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49921);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(60397);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2032);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(60776);
/* harmony import */ var _package_json__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8330);
/** bfx report: the catalog at a glance, as one self-contained HTML file (docs/report.md). */









const DEFAULT_SINCE = '30d';
const report = {
    summary: 'write the catalog report: one HTML file, the grid of every package by its executions',
    help: `Usage: bfx report --out FILE.html [--since DURATION] [--package NAME ...] [options]

Writes one self-contained HTML file (styles, script and data inline; opening it makes no network
request): every package by its executions in the window, coloured by status, with times, retries,
NextLoadStatus, messages, row counts and links to the GitHub runs; where each package stands
(stuck, failing with its streak, running, disabled, skipped); duration and row-count trends; the
timeline of each batch execution; and the audit log. Filters and sorting work in the page.

Options:
  -o, --out FILE         the HTML file to write (its folder is created)
      --since DURATION   the window: 90m, 24h, 7d, or a bare number of days (default ${DEFAULT_SINCE})
  -p, --package NAME     only this package, and for a batch its children (repeat for more)
${_options_js__WEBPACK_IMPORTED_MODULE_6__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_6__/* .parse */ .qg)('report', args, {
            out: { type: 'string', short: 'o' },
            since: { type: 'string' },
            package: { type: 'string', short: 'p', multiple: true },
        });
        const options = values;
        if (positionals.length > 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .BfxError */ .J(`bfx report takes no argument "${positionals[0]}", so it did nothing: name packages with --package NAME.`);
        }
        if (options.out === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .BfxError */ .J('bfx report needs --out FILE.html, the file to write, so it did nothing.');
        }
        const since = options.since ?? DEFAULT_SINCE;
        const windowMinutes = (0,_duration_js__WEBPACK_IMPORTED_MODULE_5__/* .durationMinutes */ .A)(since, '--since', 'report');
        const packageNames = (options.package ?? []).map((name) => _validate_js__WEBPACK_IMPORTED_MODULE_4__/* .packageName */ .oZ(name, '--package'));
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_6__/* .catalogSettings */ .LF)(values, false, 'report');
        const out = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(options.out);
        const result = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_2__/* .withCatalog */ .w5)(settings.connectionString, settings, (catalog) => (0,_report_index_js__WEBPACK_IMPORTED_MODULE_3__/* .catalogReport */ .y)(catalog, {
            windowMinutes,
            packageNames,
            serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
            generator: `bfx ${_package_json__WEBPACK_IMPORTED_MODULE_7__/* .version */ .rE}`,
            packageOption: '--package',
        }));
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(out), { recursive: true });
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(out, result.html);
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .BfxError */ .J(`The report could not be written to ${out} (${error instanceof Error ? error.message : String(error)}): choose a --out in a folder you can write to.`);
        }
        const bytes = Buffer.byteLength(result.html);
        return {
            text: `Wrote ${out}: ${result.packages} package(s), ${result.executions} execution(s) and ` +
                `${result.batchExecutions} batch execution(s) since ${result.since}, ${(bytes / 1024).toFixed(0)} KB.`,
            json: {
                path: out,
                since: result.since,
                now: result.now,
                packages: result.packages,
                executions: result.executions,
                batchExecutions: result.batchExecutions,
                bytes,
            },
        };
    },
};


/***/ }),

/***/ 94175:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ end),
/* harmony export */   q: () => (/* binding */ begin)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _catalog_connect_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(63299);
/* harmony import */ var _run_control_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(60030);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(83916);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(60397);
/* harmony import */ var _sentences_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(73861);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3567);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(96719);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(60776);
/** bfx begin and bfx end: the same begin and end as the action, from a shell. */









const NO_CONTEXT = {
    repository: null,
    workflow: null,
    job: null,
    runId: null,
    runAttempt: null,
    actor: null,
    event: null,
    sha: null,
};
const begin = {
    summary: 'decide whether a package runs now, and log the execution',
    help: `Usage: bfx begin PACKAGE [options]

Looks PACKAGE up in the catalog (registering it if new), decides whether this run executes (E),
retries (R), resumes an interrupted execution (A) or is skipped (C), and logs the execution.
Prints ExecutionID, ExecutionStatus and NextLoadStatus, and what the load needs: BatchStartTime
(the batch's StartTime for a package under a batch, else the execution's own), LastExecutionID
(the package's last successful execution before this one) and Variables (its high-water marks).
Unlike the action, it does not ask GitHub whether the run owning an active execution is still
running: check with bfx status first.

Options:
      --retry-limit N          how many times an interrupted execution is resumed (default: the
                               package's RetryLimit, else 3)
      --is-batch               PACKAGE is a batch: its executions are the parents of other packages'
      --parent-execution-id N  the ExecutionID of the batch this package runs under (it must exist)
      --var NAME=DEFAULT       a high-water mark the load uses, with the value it starts from when
                               the package does not have it yet (repeatable)
      --run-key KEY            names this run: a begin with the same key returns the same
                               execution (default: $BFX_RUN_KEY, else a new key, printed with the
                               result). A scheduler gives each run one key, e.g. its run's id
      --no-create-catalog      fail instead of creating missing catalog tables
${_options_js__WEBPACK_IMPORTED_MODULE_7__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_7__/* .parse */ .qg)('begin', args, {
            'retry-limit': { type: 'string' },
            'is-batch': { type: 'boolean' },
            'parent-execution-id': { type: 'string' },
            var: { type: 'string', multiple: true },
            'run-key': { type: 'string' },
            'no-create-catalog': { type: 'boolean' },
        });
        const packageName = _validate_js__WEBPACK_IMPORTED_MODULE_3__/* .packageName */ .oZ((0,_options_js__WEBPACK_IMPORTED_MODULE_7__/* .single */ .J0)('begin', positionals, 'package name'), 'package name');
        const retryLimit = _validate_js__WEBPACK_IMPORTED_MODULE_3__/* .retryLimit */ .Iz(values['retry-limit'] ?? '', '--retry-limit');
        const parentExecutionId = _validate_js__WEBPACK_IMPORTED_MODULE_3__/* .parentExecutionId */ .qK(values['parent-execution-id'] ?? '', '--parent-execution-id');
        const variables = (0,_options_js__WEBPACK_IMPORTED_MODULE_7__/* .variableOptions */ .Pz)('begin', values.var);
        const runKey = givenRunKey(values['run-key'], (name) => `The ${name} is empty, so bfx begin did nothing: give a key, or leave ${name} out.`, 'bfx begin did nothing') ?? `cli:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_7__/* .catalogSettings */ .LF)(values, !values['no-create-catalog'], 'begin');
        const result = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_1__/* .withCatalog */ .w5)(settings.connectionString, settings, async (catalog) => {
            const begun = await (0,_run_control_index_js__WEBPACK_IMPORTED_MODULE_2__/* .begin */ .qN)(catalog, {
                packageName,
                retryLimit,
                parentExecutionId,
                isBatch: values['is-batch'] ?? false,
                variables,
                runKey,
                context: { ...NO_CONTEXT, actor: (0,_options_js__WEBPACK_IMPORTED_MODULE_7__/* .defaultActor */ .p5)() },
            });
            if (begun.kind !== 'begun') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .BfxError */ .J((0,_sentences_js__WEBPACK_IMPORTED_MODULE_4__/* .refusedBeginSentence */ .jx)(begun, '--parent-execution-id', catalog.location));
            }
            return begun;
        });
        const marks = Object.entries(result.variables).map(([name, value]) => ({ name, value }));
        return {
            text: [
                (0,_sentences_js__WEBPACK_IMPORTED_MODULE_4__/* .beginLine */ .O2)(packageName, result),
                result.plan.reason,
                `BatchStartTime: ${result.batchStartTime}${parentExecutionId ? ` (batch execution ${parentExecutionId})` : ''}`,
                `LastExecutionID: ${result.lastExecutionId ?? 'none (no earlier execution succeeded)'}`,
                `Variables: ${(0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .variablesLine */ .qy)(marks)}`,
                `Run key: ${(0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .oneLine */ .TN)(runKey)}`,
            ].join('\n'),
            json: {
                ExecutionID: result.executionId,
                ExecutionStatus: result.executionStatus,
                NextLoadStatus: result.nextLoadStatus,
                RetryCount: result.retryCount,
                BatchStartTime: result.batchStartTime,
                LastExecutionID: result.lastExecutionId,
                Variables: result.variables,
                Decision: result.plan.kind,
                Reason: result.plan.reason,
                RunKey: runKey,
            },
        };
    },
};
/**
 * The run key of --run-key, else of $BFX_RUN_KEY (an empty variable counts as unset, as
 * $BFX_CONNECTION_STRING does), else undefined. A scheduler exports BFX_RUN_KEY once for every
 * command of its run, so that a begin repeated in the same run returns the same execution.
 */
function givenRunKey(option, blank, nothing) {
    const [runKey, name] = option !== undefined ? [option, '--run-key'] : [process.env.BFX_RUN_KEY || undefined, '$BFX_RUN_KEY'];
    if (runKey !== undefined && runKey.trim() === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .BfxError */ .J(blank(name));
    if (runKey !== undefined)
        _validate_js__WEBPACK_IMPORTED_MODULE_3__/* .runKeyLength */ .Df(runKey, name, nothing);
    return runKey;
}
const end = {
    summary: 'log how an execution ended, with its high-water marks and row counts',
    help: `Usage: bfx end EXECUTION_ID [options]

Ends the execution: success gives S / P (the next run proceeds), failure or cancelled gives F / R
(the next run retries). An execution that has already ended is left as it is. The end of a batch
execution sets its children's next load status in the same transaction, and lists them.

Options:
      --status S            success, failure or cancelled (default success)
      --message TEXT        why it failed, kept on the execution
      --var NAME=VALUE      a high-water mark the load reached (repeatable): committed only when
                            the end records S, so a failed load's retry starts from the marks before
      --rows OBJECT:TYPE=N  rows the load counted, e.g. --rows dbo.Customer:Insert=120
                            (repeatable): kept with the execution whatever its outcome
      --run-key KEY         the run key given to begin (default: $BFX_RUN_KEY): if another run
                            has since taken the execution over, it is left to that run
${_options_js__WEBPACK_IMPORTED_MODULE_7__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_7__/* .parse */ .qg)('end', args, {
            status: { type: 'string' },
            message: { type: 'string' },
            var: { type: 'string', multiple: true },
            rows: { type: 'string', multiple: true },
            'run-key': { type: 'string' },
        });
        const executionId = _validate_js__WEBPACK_IMPORTED_MODULE_3__/* .executionId */ .uY((0,_options_js__WEBPACK_IMPORTED_MODULE_7__/* .single */ .J0)('end', positionals, 'ExecutionID'), 'ExecutionID');
        // Without a run key, an end is an operator's and always applies: an empty key must not become one.
        const runKey = givenRunKey(values['run-key'], (name) => `The ${name} is empty, so bfx end ended nothing: give the run key the execution was begun with, ` +
            `or leave ${name} out for an operator's end.`, 'bfx end ended nothing');
        const outcome = _validate_js__WEBPACK_IMPORTED_MODULE_3__/* .outcome */ .bu(values.status ?? 'success', '--status');
        const variables = (0,_options_js__WEBPACK_IMPORTED_MODULE_7__/* .variableOptions */ .Pz)('end', values.var);
        const rowCounts = (0,_options_js__WEBPACK_IMPORTED_MODULE_7__/* .rowCountOptions */ .Sy)('end', values.rows);
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_7__/* .catalogSettings */ .LF)(values, false, 'end');
        const result = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_1__/* .withCatalog */ .w5)(settings.connectionString, settings, (catalog) => (0,_run_control_index_js__WEBPACK_IMPORTED_MODULE_2__/* .end */ ._N)(catalog, {
            executionId,
            outcome,
            message: values.message ?? null,
            caller: runKey === undefined ? null : { runKey },
            variables,
            rowCounts,
        }));
        const given = variables.length > 0 || rowCounts.length > 0;
        const notStored = given ? ' (the --var and --rows values were not stored)' : '';
        switch (result.kind) {
            case 'not-found':
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .BfxError */ .J(`Execution ${executionId} is not in the catalog, so nothing was ended: check the ExecutionID and the connection string.`);
            case 'ended':
            case 'reclosed': {
                const { execution, children, committedVariables } = result;
                const first = result.kind === 'ended'
                    ? (0,_sentences_js__WEBPACK_IMPORTED_MODULE_4__/* .endLine */ .Sk)(execution)
                    : `${(0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .oneLine */ .TN)(execution.packageName)}: batch execution ${execution.executionId}, which this run had ended as F (Failed), ` +
                        `was closed again as ${(0,_sentences_js__WEBPACK_IMPORTED_MODULE_4__/* .statusName */ .Er)(execution.executionStatus)} by a later attempt of the run; ` +
                        `NextLoadStatus ${(0,_sentences_js__WEBPACK_IMPORTED_MODULE_4__/* .nextName */ .HW)(execution.nextLoadStatus)}.`;
                const lines = [first];
                if (committedVariables.length > 0)
                    lines.push(`Variables committed: ${(0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .variablesLine */ .qy)(committedVariables)}`);
                else if (variables.length > 0)
                    lines.push(`Variables not committed, because the execution ended as ${(0,_sentences_js__WEBPACK_IMPORTED_MODULE_4__/* .statusName */ .Er)(execution.executionStatus)}: ` +
                        'its retry starts from the marks before.');
                if (rowCounts.length > 0)
                    lines.push(`Row counts: ${(0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .rowCountsLine */ .rt)(rowCounts)}`);
                if (children.length > 0)
                    lines.push(`Children (${children.length}):`, ...(0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .childrenLines */ .FA)(children));
                return {
                    text: lines.join('\n'),
                    json: {
                        Result: result.kind,
                        ...(0,_command_js__WEBPACK_IMPORTED_MODULE_5__/* .executionJson */ .F)(execution),
                        CommittedVariables: Object.fromEntries(committedVariables.map(({ name, value }) => [name, value])),
                        RowCounts: rowCounts.map(_format_js__WEBPACK_IMPORTED_MODULE_6__/* .rowCountJson */ .qk),
                        Children: children.map((child) => (0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .childJson */ .RX)(child)),
                    },
                };
            }
            case 'already-ended':
                return {
                    text: `Execution ${executionId} had already ended as ${(0,_sentences_js__WEBPACK_IMPORTED_MODULE_4__/* .statusName */ .Er)(result.execution.executionStatus)}; it was left as it is${notStored}.`,
                    json: { Result: 'already-ended', ...(0,_command_js__WEBPACK_IMPORTED_MODULE_5__/* .executionJson */ .F)(result.execution) },
                };
            case 'not-owned':
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .BfxError */ .J(`Execution ${executionId} belongs to run ${result.execution.runKey ?? 'unknown'} and was never run ${runKey}'s, ` +
                    "so nothing was ended: give the run key the execution was begun with, or leave --run-key out for an operator's end.");
            case 'taken-over':
                return {
                    text: `Execution ${executionId} was left to the run that took it over${notStored}.`,
                    warning: `Execution ${executionId} was taken over by run ${(0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .oneLine */ .TN)(result.execution.runKey ?? 'unknown')}; it is left to that run to end.`,
                    json: { Result: 'taken-over', ...(0,_command_js__WEBPACK_IMPORTED_MODULE_5__/* .executionJson */ .F)(result.execution) },
                };
        }
    },
};


/***/ }),

/***/ 29947:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  z6: () => (/* binding */ upkeep_check),
  x3: () => (/* binding */ deleteCommand),
  OU: () => (/* binding */ upkeep_purge),
  $w: () => (/* binding */ upkeep_rename),
  Np: () => (/* binding */ runs)
});

// UNUSED EXPORTS: CHECK_FLAGGED_EXIT_CODE

// EXTERNAL MODULE: ./src/catalog/connect.ts + 3 modules
var connect = __webpack_require__(63299);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/operations.ts
const DEFAULT_STUCK_AFTER_MINUTES = 360;
/** What is wrong with a package, in a fixed order; none for a healthy one. `now` is the catalog server's clock. */
function packageConcerns(state, now, stuckAfterMinutes) {
    const concerns = [];
    if (state.latest?.executionStatus === 'F')
        concerns.push('failed');
    if (state.activeSince !== null && minutesBetween(state.activeSince, now) > stuckAfterMinutes)
        concerns.push('stuck');
    if (!state.isEnabled)
        concerns.push('disabled');
    return concerns;
}
/** Whole and partial minutes from one catalog timestamp to another. */
function minutesBetween(from, to) {
    return (Date.parse(to) - Date.parse(from)) / 60_000;
}
// ---- purge ----------------------------------------------------------------------------------------
/**
 * However few days bfx purge is given (0 included), executions that started within this window
 * stay: a run whose begin is retried (the action's retry, a scheduler re-running the same run
 * key) must find its execution again (re-entry), not begin a second one.
 */
const REENTRY_WINDOW_MINUTES = 24 * 60;
/** The age, in minutes, from which bfx purge --older-than DAYS may delete. */
function purgeAgeMinutes(olderThanDays) {
    return Math.max(olderThanDays * 24 * 60, REENTRY_WINDOW_MINUTES);
}
/** Why an execution is kept for its own sake, or null when nothing reads it. */
function ownKeepReason(execution) {
    // Begin resumes or abandons the active execution, and end finishes it, reading its takeovers.
    if (!execution.ended)
        return 'active';
    if (!execution.old)
        return 'recent';
    // Begin reads the NextLoadStatus of the execution that ended last; a later attempt re-closes a
    // failed batch while it is the latest.
    if (execution.latest || execution.lastEnded)
        return 'latest';
    // Begin's LastExecutionID output.
    if (execution.executionStatus === 'S' && execution.latestOfItsStatus)
        return 'last-success';
    // bfx var shows which execution committed each mark.
    if (execution.marksVariables)
        return 'marks-variables';
    return null;
}
/**
 * Which candidates go. A candidate stays when something reads it for its own sake; when the batch
 * execution it ran under stays for its own sake (that batch's end, reset or re-close reads its
 * children); or when a child that ran under it stays for its own sake (that child's end reads its
 * batch execution, and its begin's BatchStartTime).
 */
function decidePurge(state) {
    const parentKept = new Set(state.parents.filter((parent) => ownKeepReason(parent) !== null).map((parent) => parent.executionId));
    const childKept = new Set(state.children.filter((child) => ownKeepReason(child) !== null).flatMap((child) => child.parentExecutionId ?? []));
    const plan = { delete: [], kept: [] };
    for (const candidate of state.candidates) {
        const reason = ownKeepReason(candidate) ??
            (candidate.parentExecutionId !== null && parentKept.has(candidate.parentExecutionId) ? 'batch-kept' : null) ??
            (childKept.has(candidate.executionId) ? 'child-kept' : null);
        if (reason === null)
            plan.delete.push(candidate.executionId);
        else
            plan.kept.push({ executionId: candidate.executionId, reason });
    }
    return plan;
}
function decideDelete(state) {
    if (!state.packageFound)
        return { kind: 'no-package' };
    if (state.active)
        return { kind: 'active', executionId: state.active.executionId };
    return { kind: 'delete' };
}
/**
 * A rename keeps the package's ID, so its executions, marks and audit entries follow it; an
 * active execution is ended by its ExecutionID, so a rename does not wait for it.
 */
function decideRename(state) {
    if (!state.packageFound)
        return { kind: 'no-package' };
    if (state.sameName)
        return { kind: 'same-name' };
    if (state.newNameTaken)
        return { kind: 'taken' };
    return { kind: 'rename' };
}

// EXTERNAL MODULE: ./src/catalog/catalog.ts
var catalog_catalog = __webpack_require__(97008);
;// CONCATENATED MODULE: ./src/run-control/catalog-commands.ts
/**
 * Run control of the operator's catalog-wide commands: bfx check, purge, rename and delete. Each
 * reads what the catalog holds, asks operations.ts, and applies the plan under the package's lock,
 * like begin, end and package-commands.ts do for one package.
 */


/** bfx check: every package (or one), with what is wrong with it, judged by the catalog server's clock. */
async function check(catalog, packageName, stuckAfterMinutes) {
    const [now, packages] = await Promise.all([catalog.now(), catalog.status(packageName)]);
    return {
        now,
        packages: packages.map((status) => ({
            status,
            concerns: packageConcerns({ isEnabled: status.isEnabled, latest: status.latest, activeSince: status.active?.startTime ?? null }, now, stuckAfterMinutes),
        })),
    };
}
/** The default number of executions (or audit entries) one purge transaction deletes. */
const PURGE_BATCH_SIZE = 500;
/**
 * bfx purge: package by package, in transactions of at most batchSize executions (the last of a
 * package also deleting up to batchSize old audit entries, and recording the purge), each holding
 * only that package's lock, so that a begin of the package waits for one batch at most, and begins
 * of other packages not at all. After each transaction the purge pauses as long as it took: on
 * SQLite every transaction locks the whole file, and a begin waiting on it (polling, as SQLite's
 * busy handler does) must find it free often enough; the purge takes at most half of the catalog's
 * time. Each package that lost rows gets an audit entry.
 */
async function purge(catalog, olderThanDays, operator, batchSize = PURGE_BATCH_SIZE) {
    const age = purgeAgeMinutes(olderThanDays);
    const result = { olderThanMinutes: age, packages: [] };
    for (const { packageName } of await catalog.status(undefined)) {
        const what = `purge package "${packageName}"`;
        const done = { packageName, executions: 0, auditEntries: 0, kept: {} };
        let after = null;
        let executionsLeft = true;
        for (;;) {
            const started = performance.now();
            const batch = await catalog.transaction({ packageName }, what, async (tx) => {
                const candidates = executionsLeft ? await tx.purgeCandidates(age, after, batchSize) : [];
                let deleted = 0;
                let kept = [];
                if (candidates.length > 0) {
                    const parentIds = [...new Set(candidates.flatMap((candidate) => candidate.parentExecutionId ?? []))];
                    const [parents, children] = await Promise.all([
                        tx.standings(parentIds, age),
                        tx.childStandings(candidates.map((candidate) => candidate.executionId), age),
                    ]);
                    const plan = decidePurge({ candidates, parents, children });
                    deleted = await tx.deleteExecutions(plan.delete);
                    kept = plan.kept;
                }
                const lastOfExecutions = candidates.length < batchSize;
                const audit = lastOfExecutions ? await tx.deleteOldAudit(age, batchSize) : 0;
                const finished = lastOfExecutions && audit < batchSize;
                const purged = {
                    executions: done.executions + deleted,
                    auditEntries: done.auditEntries + audit,
                    kept: Object.values(done.kept).reduce((sum, count) => sum + count, kept.length),
                };
                if (finished && purged.executions + purged.auditEntries > 0) {
                    await tx.recordAudit(purgeAudit(operator, purged, olderThanDays));
                }
                await tx.commit();
                return { lastOfExecutions, finished, deleted, audit, kept, last: candidates.at(-1)?.executionId ?? after };
            });
            done.executions += batch.deleted;
            done.auditEntries += batch.audit;
            for (const { reason } of batch.kept)
                done.kept[reason] = (done.kept[reason] ?? 0) + 1;
            after = batch.last;
            executionsLeft = !batch.lastOfExecutions;
            await sleep(performance.now() - started);
            if (batch.finished)
                break;
        }
        if (done.executions + done.auditEntries > 0 || Object.keys(done.kept).length > 0)
            result.packages.push(done);
    }
    return result;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function purgeAudit(operator, purged, olderThanDays) {
    const { executions, auditEntries, kept } = purged;
    const change = `Purged ${executions} execution${executions === 1 ? '' : 's'} and ${auditEntries} ` +
        `audit entr${auditEntries === 1 ? 'y' : 'ies'} older than ${olderThanDays} day${olderThanDays === 1 ? '' : 's'}` +
        (kept > 0 ? `; kept ${kept} old execution${kept === 1 ? '' : 's'} that decisions still read.` : '.');
    return {
        executionId: null,
        action: 'purge',
        detail: operator.reason ? `${change} Reason: ${operator.reason}` : change,
        actor: operator.actor,
    };
}
/** bfx rename: the package keeps its ID, executions, marks and audit entries; the rename is audited. */
function rename(catalog, oldName, newName, operator) {
    const what = `rename package "${oldName}"`;
    // The package an attempt renamed with its COMMIT: run again after the answer was lost, the
    // command finds it under the new name and reports the rename (a package registered under the old
    // name meanwhile is not renamed).
    let sent;
    const renaming = catalog.transaction({ packageName: oldName }, what, async (tx) => {
        const [pkg, named] = await Promise.all([tx.package(), tx.packageNamed(newName)]);
        if (sent !== undefined && named?.packageId === sent)
            return { kind: 'renamed', package: named };
        const plan = decideRename({
            packageFound: pkg !== null,
            sameName: oldName === newName,
            newNameTaken: named !== null && named.packageId !== pkg?.packageId,
        });
        if (plan.kind !== 'rename')
            return plan;
        sent = pkg.packageId;
        const change = `Renamed from ${JSON.stringify(oldName)} to ${JSON.stringify(newName)}.`;
        // The audit entry first: an engine may find the locked package by its name, which the rename changes.
        const [, renamed] = await Promise.all([
            tx.recordAudit({
                executionId: null,
                action: 'rename',
                detail: operator.reason ? `${change} Reason: ${operator.reason}` : change,
                actor: operator.actor,
            }),
            tx.renamePackage(newName),
            tx.commit(),
        ]);
        return { kind: 'renamed', package: renamed };
    });
    // A begin registered the new name after it was read free: the same answer as when it was seen.
    return renaming.catch((error) => {
        if (error instanceof catalog_catalog/* NameTaken */.R)
            return { kind: 'taken' };
        throw error;
    });
}
/**
 * bfx delete: the package and everything of it, in one transaction under its lock; refused while
 * an execution is active. Its audit entries go with it; the deletion itself is recorded as an
 * entry of no package (AuditLog.PackageID null), naming the package in its detail
 * (docs/catalog.md, Retention).
 */
function deletePackage(catalog, packageName, operator) {
    const what = `delete package "${packageName}"`;
    // What an attempt deleted with its COMMIT: run again after the answer was lost, the command finds
    // no package of that ID and reports the deletion it made; a package a begin registered under the
    // name meanwhile is another package, and is left alone.
    let sent;
    return catalog.transaction({ packageName }, what, async (tx) => {
        const [pkg, active] = await Promise.all([tx.package(), tx.activeExecution()]);
        if (sent && pkg?.packageId !== sent.package.packageId)
            return sent;
        const plan = decideDelete({ packageFound: pkg !== null, active });
        if (plan.kind !== 'delete')
            return plan;
        const { executions } = await tx.deletePackage();
        sent = { kind: 'deleted', package: pkg, executions };
        await Promise.all([tx.recordDeletion(deletionAudit(operator, pkg, executions)), tx.commit()]);
        return { kind: 'deleted', package: pkg, executions };
    });
}
/** The detail of a deletion's audit entry: the only place that still names the package. */
function deletionAudit(operator, pkg, executions) {
    const change = `Deleted package ${JSON.stringify(pkg.packageName)} (PackageID ${pkg.packageId}) with ` +
        `${executions} execution${executions === 1 ? '' : 's'}, their row counts, its marks and its audit entries.`;
    return {
        executionId: null,
        action: 'delete',
        detail: operator.reason ? `${change} Reason: ${operator.reason}` : change,
        actor: operator.actor,
    };
}

// EXTERNAL MODULE: ./src/validate.ts
var validate = __webpack_require__(60397);
// EXTERNAL MODULE: ./src/cli/command.ts
var command = __webpack_require__(3567);
// EXTERNAL MODULE: ./src/cli/duration.ts
var duration = __webpack_require__(2032);
// EXTERNAL MODULE: ./src/cli/format.ts
var format = __webpack_require__(96719);
// EXTERNAL MODULE: ./src/cli/options.ts
var options = __webpack_require__(60776);
;// CONCATENATED MODULE: ./src/cli/upkeep.ts









/** bfx check's exit code when a package needs attention (1 is bfx's own failure: it could not check). */
const CHECK_FLAGGED_EXIT_CODE = 2;
const CONCERN_WORDS = { failed: 'FAILED', stuck: 'STUCK', disabled: 'DISABLED' };
const upkeep_check = {
    summary: 'exit 2 when a package failed, is stuck or is disabled (monitoring and alerts)',
    help: `Usage: bfx check [PACKAGE] [options]

Checks every package (or only PACKAGE) and lists those that need attention: its latest execution
failed (F), an execution has been active longer than --stuck-after minutes (by the catalog
server's clock), or it is disabled. For cron jobs, monitoring and alerts.

Exit codes:
  0  every package checked is healthy
  2  at least one package failed, is stuck or is disabled (listed)
  1  bfx could not check (bad input, catalog unreachable, no such PACKAGE)

Options:
      --stuck-after MINUTES  how long an execution may stay active (default ${DEFAULT_STUCK_AFTER_MINUTES})

${options/* CATALOG_HELP */.OH}`,
    async run(args) {
        const { values, positionals } = (0,options/* parse */.qg)('check', args, { 'stuck-after': { type: 'string' } });
        if (positionals.length > 1)
            throw new errors/* BfxError */.J('bfx check takes at most one package name, so it did nothing: run bfx check --help.');
        const packageName = positionals[0] === undefined ? undefined : validate/* packageName */.oZ(positionals[0], 'package name');
        const stuckAfter = stuckAfterMinutes(values['stuck-after']);
        const settings = (0,options/* catalogSettings */.LF)(values, false, 'check');
        const { now, packages } = await (0,connect/* withCatalog */.w5)(settings.connectionString, settings, (catalog) => check(catalog, packageName, stuckAfter));
        if (packageName !== undefined && packages.length === 0) {
            throw new errors/* BfxError */.J(`Package "${packageName}" is not in the catalog, so bfx check checked nothing: check the name with bfx status.`);
        }
        const flagged = packages.filter((pkg) => pkg.concerns.length > 0);
        const lines = flagged.map(({ status, concerns }) => {
            const why = concerns.map((concern) => {
                switch (concern) {
                    case 'failed':
                        return `FAILED: execution ${status.latest.executionId} ended F at ${status.latest.endTime}${status.latest.errorMessage ? ` (${(0,format/* oneLine */.TN)(status.latest.errorMessage)})` : ''}`;
                    case 'stuck':
                        return `STUCK: execution ${status.active.executionId} active since ${status.active.startTime} (${Math.floor(minutesBetween(status.active.startTime, now))} minutes, more than ${stuckAfter})`;
                    case 'disabled':
                        return 'DISABLED';
                }
            });
            return `${(0,format/* oneLine */.TN)(status.packageName)}  ${why.join('; ')}`;
        });
        const summary = packages.length === 0
            ? `The catalog has no packages yet (checked at ${now}).`
            : flagged.length === 0
                ? `${packages.length === 1 ? 'The package is' : `All ${packages.length} packages are`} healthy (checked at ${now}).`
                : `${flagged.length} of ${packages.length} package${packages.length === 1 ? '' : 's'} need${flagged.length === 1 ? 's' : ''} attention (checked at ${now}).`;
        return {
            text: [...lines, summary].join('\n'),
            json: {
                Now: now,
                StuckAfterMinutes: stuckAfter,
                Healthy: flagged.length === 0,
                Packages: packages.map(({ status, concerns }) => ({
                    PackageName: status.packageName,
                    IsEnabled: status.isEnabled,
                    Concerns: concerns.map((concern) => CONCERN_WORDS[concern].toLowerCase()),
                    Latest: status.latest && (0,command/* executionJson */.F)(status.latest),
                    Active: status.active && (0,command/* executionJson */.F)(status.active),
                })),
            },
            exitCode: flagged.length === 0 ? 0 : CHECK_FLAGGED_EXIT_CODE,
        };
    },
};
function stuckAfterMinutes(raw) {
    if (raw === undefined)
        return DEFAULT_STUCK_AFTER_MINUTES;
    if (!/^\d{1,7}$/.test(raw.trim()) || Number(raw) < 1) {
        throw new errors/* BfxError */.J(`The --stuck-after "${raw}" is not a number of minutes, so bfx check did nothing: give a whole number of minutes from 1, such as ${DEFAULT_STUCK_AFTER_MINUTES}.`);
    }
    return Number(raw);
}
const DEFAULT_RUNS_LIMIT = 1000;
const runs = {
    summary: "list every package's executions of the last 24 hours (or --since)",
    help: `Usage: bfx runs [options]

Lists the executions of every package that started within --since (by the catalog server's
clock), newest first: what ran last night, and how it ended.

Options:
      --since DURATION   how far back: 90m, 24h, 7d, or a bare number of days (default 24h)
${options/* STATUS_HELP */.nk}
  -n, --limit N          how many executions at most (default ${DEFAULT_RUNS_LIMIT})
${options/* CATALOG_HELP */.OH}`,
    async run(args) {
        const { values, positionals } = (0,options/* parse */.qg)('runs', args, {
            since: { type: 'string' },
            status: { type: 'string', multiple: true },
            limit: { type: 'string', short: 'n' },
        });
        if (positionals.length > 0)
            throw new errors/* BfxError */.J('bfx runs lists every package and takes no package name, so it did nothing: use bfx history PACKAGE for one package.');
        const given = values;
        const sinceMinutes = given.since === undefined ? 24 * 60 : (0,duration/* durationMinutes */.A)(given.since, '--since', 'runs');
        const statuses = (0,options/* statusFilter */.b3)(given.status, 'runs');
        const limit = given.limit === undefined ? DEFAULT_RUNS_LIMIT : (0,options/* historyLimit */.kw)(given.limit, 'runs');
        const settings = (0,options/* catalogSettings */.LF)(values, false, 'runs');
        const found = await (0,connect/* withCatalog */.w5)(settings.connectionString, settings, (catalog) => catalog.runs({ sinceMinutes, statuses }, limit));
        const width = Math.min(40, Math.max(7, ...found.map((row) => (0,format/* oneLine */.TN)(row.packageName).length)));
        return {
            text: found.length
                ? [
                    ...found.map((row) => `${(0,format/* oneLine */.TN)(row.packageName).padEnd(width)} ${(0,command/* executionLine */.d)(row)}`),
                    found.length >= limit
                        ? `(the first ${limit}: give --limit for more)`
                        : `${found.length} execution${found.length === 1 ? '' : 's'}.`,
                ].join('\n')
                : 'No execution started in that time.',
            json: found.map((row) => (0,command/* executionJson */.F)(row)),
        };
    },
};
const upkeep_purge = {
    summary: 'delete old executions, row counts and audit entries, keeping what decisions read',
    help: `Usage: bfx purge --older-than DAYS [options]

Deletes executions that started more than DAYS days ago (0 allowed), with their row counts and
audit entries, and audit entries of that age that name no execution still in the catalog. Keeps
what any decision still reads: each package's latest execution, its active one, its last success,
those a high-water mark names, batch executions with a kept child and the children of kept batch
executions, and whatever started within the last ${REENTRY_WINDOW_MINUTES / 60} hours (so a retried begin finds its execution).
Works package by package in small transactions, so begins go on meanwhile. Each package that lost
rows gets an audit entry.

Options:
      --older-than DAYS  how old, in whole days (0 or more)

${options/* OPERATOR_HELP */.zt}

${options/* CATALOG_HELP */.OH}`,
    async run(args) {
        const { values, positionals } = (0,options/* parse */.qg)('purge', args, { ...options/* OPERATOR_OPTIONS */.kD, 'older-than': { type: 'string' } });
        if (positionals.length > 0)
            throw new errors/* BfxError */.J('bfx purge works on the whole catalog and takes no package name, so it did nothing: leave the name out.');
        const raw = values['older-than'];
        if (raw === undefined || !/^\d{1,5}$/.test(raw.trim())) {
            throw new errors/* BfxError */.J(`${raw === undefined ? 'bfx purge was given no --older-than' : `The --older-than "${raw}" is not a number of days`}, so nothing was deleted: give --older-than DAYS, a whole number of days (0 or more) such as 90.`);
        }
        const days = Number(raw);
        const operator = (0,options/* operator */.Hr)('purge', values);
        const settings = (0,options/* catalogSettings */.LF)(values, false, 'purge');
        const started = Date.now();
        const result = await (0,connect/* withCatalog */.w5)(settings.connectionString, settings, (catalog) => purge(catalog, days, operator));
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const executions = result.packages.reduce((sum, pkg) => sum + pkg.executions, 0);
        const audit = result.packages.reduce((sum, pkg) => sum + pkg.auditEntries, 0);
        const keptOf = (pkg) => Object.values(pkg.kept).reduce((sum, count) => sum + (count ?? 0), 0);
        return {
            text: [
                ...result.packages.map((pkg) => `${(0,format/* oneLine */.TN)(pkg.packageName)}: ${pkg.executions} execution${pkg.executions === 1 ? '' : 's'} and ${pkg.auditEntries} audit entr${pkg.auditEntries === 1 ? 'y' : 'ies'} deleted` +
                    (keptOf(pkg) > 0
                        ? `; ${keptOf(pkg)} old kept (${Object.entries(pkg.kept)
                            .map(([reason, count]) => `${reason} ${count}`)
                            .join(', ')})`
                        : '')),
                `Purged ${executions} execution${executions === 1 ? '' : 's'} and ${audit} audit entr${audit === 1 ? 'y' : 'ies'} older than ${days} day${days === 1 ? '' : 's'} in ${seconds} s.`,
                ...(executions + audit > 0 ? [(0,format/* recordedLine */.t3)(operator)] : []),
            ].join('\n'),
            json: {
                OlderThanDays: days,
                OlderThanMinutes: result.olderThanMinutes,
                Executions: executions,
                AuditEntries: audit,
                Packages: result.packages.map((pkg) => ({
                    PackageName: pkg.packageName,
                    Executions: pkg.executions,
                    AuditEntries: pkg.auditEntries,
                    Kept: pkg.kept,
                })),
                ...(0,format/* operatorJson */.fQ)(operator),
            },
        };
    },
};
const upkeep_rename = {
    summary: 'rename a package, keeping its executions, marks and audit entries',
    help: `Usage: bfx rename OLD NEW [options]

Renames package OLD to NEW. The package keeps its ID, so its executions, high-water marks and
audit entries follow it; a begin under the old name afterwards registers a new package. Refused
when NEW is another package's name.

${options/* OPERATOR_HELP */.zt}

${options/* CATALOG_HELP */.OH}`,
    async run(args) {
        const { values, positionals } = (0,options/* parse */.qg)('rename', args, options/* OPERATOR_OPTIONS */.kD);
        if (positionals.length !== 2)
            throw new errors/* BfxError */.J(`bfx rename takes the old and the new package name, and ${positionals.length} name${positionals.length === 1 ? ' was' : 's were'} given, so it did nothing: run bfx rename OLD NEW.`);
        const oldName = validate/* packageName */.oZ(positionals[0], 'old package name');
        const newName = validate/* packageName */.oZ(positionals[1], 'new package name');
        const operator = (0,options/* operator */.Hr)('rename', values);
        const settings = (0,options/* catalogSettings */.LF)(values, false, 'rename');
        const result = await (0,connect/* withCatalog */.w5)(settings.connectionString, settings, (catalog) => rename(catalog, oldName, newName, operator));
        switch (result.kind) {
            case 'no-package':
                throw new errors/* BfxError */.J(`Package "${oldName}" is not in the catalog, so bfx rename changed nothing: check the name with bfx status.`);
            case 'same-name':
                throw new errors/* BfxError */.J(`The new name is the old one ("${oldName}"), so bfx rename changed nothing: give another name.`);
            case 'taken':
                throw new errors/* BfxError */.J(`Package "${newName}" is already in the catalog, so bfx rename changed nothing: choose another name, or delete that package first with bfx delete.`);
            case 'renamed':
                return {
                    text: `${(0,format/* oneLine */.TN)(oldName)} is now ${(0,format/* oneLine */.TN)(newName)} (PackageID ${result.package.packageId}).\n${(0,format/* recordedLine */.t3)(operator)}`,
                    json: {
                        PackageID: result.package.packageId,
                        OldName: oldName,
                        PackageName: result.package.packageName,
                        ...(0,format/* operatorJson */.fQ)(operator),
                    },
                };
        }
    },
};
const deleteCommand = {
    summary: 'delete a package with all its executions (refused while one is active)',
    help: `Usage: bfx delete PACKAGE --yes [options]

Deletes PACKAGE and everything of it: its executions, their row counts, its high-water marks and
its audit entries. Refused while an execution of it is active: end or reset it first. Without
--yes it asks on a terminal, and refuses elsewhere. The deletion is recorded in the audit log as
an entry of no package (PackageID empty) that names PACKAGE, with --actor and --reason: bfx report
lists it.

Options:
      --yes          delete without asking

${options/* OPERATOR_HELP */.zt}

${options/* CATALOG_HELP */.OH}`,
    async run(args, terminal) {
        const { values, positionals } = (0,options/* parse */.qg)('delete', args, { ...options/* OPERATOR_OPTIONS */.kD, yes: { type: 'boolean' } });
        if (positionals.length !== 1)
            throw new errors/* BfxError */.J(`bfx delete takes one package name, and ${positionals.length} were given, so it deleted nothing: run bfx delete PACKAGE --yes.`);
        const packageName = validate/* packageName */.oZ(positionals[0], 'package name');
        const operator = (0,options/* operator */.Hr)('delete', values);
        const settings = (0,options/* catalogSettings */.LF)(values, false, 'delete');
        if (!values.yes)
            await upkeep_confirm(terminal, packageName);
        const result = await (0,connect/* withCatalog */.w5)(settings.connectionString, settings, (catalog) => deletePackage(catalog, packageName, operator));
        switch (result.kind) {
            case 'no-package':
                throw new errors/* BfxError */.J(`Package "${packageName}" is not in the catalog, so bfx delete deleted nothing: check the name with bfx status.`);
            case 'active':
                throw new errors/* BfxError */.J(`Execution ${result.executionId} of "${packageName}" is still active, so bfx delete deleted nothing: end it, or run bfx reset first.`);
            case 'deleted': {
                const who = operator.actor === null ? 'an unknown actor' : (0,format/* oneLine */.TN)(operator.actor);
                const why = operator.reason === null ? 'no reason given' : `reason: ${(0,format/* oneLine */.TN)(operator.reason)}`;
                return {
                    text: `${(0,format/* oneLine */.TN)(packageName)} (PackageID ${result.package.packageId}) is deleted, with ${result.executions} execution${result.executions === 1 ? '' : 's'}, ` +
                        `their row counts, its high-water marks and its audit entries.\nRecorded in the audit log: deleted by ${who}, ${why}.`,
                    json: {
                        PackageID: result.package.packageId,
                        PackageName: result.package.packageName,
                        Executions: result.executions,
                        ...(0,format/* operatorJson */.fQ)(operator),
                    },
                };
            }
        }
    },
};
/** Asks on a terminal; anywhere else (a script, a workflow) --yes is required. */
async function upkeep_confirm(terminal, packageName) {
    const answer = await terminal?.ask(`Delete package ${packageName} with all its executions, marks and audit entries? Type its name to confirm:`);
    if (answer === null || answer === undefined) {
        throw new errors/* BfxError */.J(`bfx delete asks before it deletes package "${packageName}", and this is not a terminal, so nothing was deleted: add --yes.`);
    }
    if (answer !== packageName)
        throw new errors/* BfxError */.J(`The name typed was not "${packageName}", so nothing was deleted.`);
}


/***/ }),

/***/ 46063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ variables)
/* harmony export */ });
/* unused harmony export variableName */
/* harmony import */ var _catalog_connect_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(63299);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(83916);
/* harmony import */ var _catalog_limits_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74999);
/* harmony import */ var _run_control_package_commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(35740);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(60397);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(96719);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(60776);
/** bfx var: a package's high-water marks (config variables), and an operator setting one. */







/**
 * A variable name as --var and the BFX_VARIABLES file can write it: 1 to COLUMN_LENGTH.variableName
 * characters, without = or line breaks, surrounding spaces dropped (as the parser drops them).
 */
function variableName(raw) {
    const name = raw.trim();
    if (name === '' || name.length > _catalog_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .COLUMN_LENGTH */ .ac.variableName || /[=\r\n]/.test(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J(`The variable name ${JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw)} is not one bfx-begin keeps, ` +
            `so nothing was set: use 1 to ${_catalog_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .COLUMN_LENGTH */ .ac.variableName} characters without = or line breaks, as in --var NAME=VALUE.`);
    }
    return name;
}
const variables = {
    summary: "show a package's high-water marks, or set one (var set)",
    help: `Usage: bfx var PACKAGE [options]
       bfx var set PACKAGE NAME VALUE [options]

bfx var PACKAGE lists the package's high-water marks (config variables): name, value, the value
before it, the execution whose successful end set it, and when.

bfx var set PACKAGE NAME VALUE sets one by hand (a backfill, say): the value is stored exactly as
given, the one before is kept as its previous value, and the change is recorded in the audit log.
The next begin of the package reads it. A VALUE that starts with - goes after --:
bfx var set LOAD_Sales Offset -- -1.

${_options_js__WEBPACK_IMPORTED_MODULE_5__/* .OPERATOR_HELP */ .zt}

${_options_js__WEBPACK_IMPORTED_MODULE_5__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_5__/* .parse */ .qg)('var', args, _options_js__WEBPACK_IMPORTED_MODULE_5__/* .OPERATOR_OPTIONS */ .kD);
        const settings = () => (0,_options_js__WEBPACK_IMPORTED_MODULE_5__/* .catalogSettings */ .LF)(values, false, positionals[0] === 'set' && positionals.length !== 1 ? 'var set' : 'var');
        if (positionals[0] === 'set' && positionals.length !== 1) {
            if (positionals.length !== 4) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J(`bfx var set takes PACKAGE NAME VALUE, and ${positionals.length - 1} argument${positionals.length === 2 ? ' was' : 's were'} given, so nothing was set: run bfx var --help.`);
            }
            const packageName = _validate_js__WEBPACK_IMPORTED_MODULE_3__/* .packageName */ .oZ(positionals[1], 'package name');
            const name = variableName(positionals[2]);
            const value = positionals[3];
            const operator = (0,_options_js__WEBPACK_IMPORTED_MODULE_5__/* .operator */ .Hr)('var set', values);
            const catalogOptions = settings();
            const change = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .withCatalog */ .w5)(catalogOptions.connectionString, catalogOptions, (catalog) => (0,_run_control_package_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .setVariable */ .BB)(catalog, packageName, { name, value }, operator));
            if (change.kind === 'no-package') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J(`Package "${packageName}" is not in the catalog, so bfx var set changed nothing: check the name with bfx status.`);
            }
            const { variable } = change;
            const was = variable.previousValue === null ? 'no value before' : `was ${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .shortValue */ .wm)(variable.previousValue)}`;
            return {
                text: `${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(packageName)}: ${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(variable.name)} = ${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .shortValue */ .wm)(variable.value)} (${was}); the next begin reads it.\n${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .recordedLine */ .t3)(operator)}`,
                json: { PackageName: packageName, ...(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .variableJson */ .Ds)(variable), ...(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .operatorJson */ .fQ)(operator) },
            };
        }
        if (positionals.length !== 1) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J(`bfx var takes one package name (or set PACKAGE NAME VALUE), and ${positionals.length} were given, so it did nothing: run bfx var --help.`);
        }
        if (values.actor !== undefined || values.reason !== undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J('bfx var PACKAGE only reads, so there is nothing to record with --actor or --reason, and nothing was done: use them with bfx var set.');
        }
        const packageName = _validate_js__WEBPACK_IMPORTED_MODULE_3__/* .packageName */ .oZ(positionals[0], 'package name');
        const catalogOptions = settings();
        const found = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .withCatalog */ .w5)(catalogOptions.connectionString, catalogOptions, (catalog) => catalog.variables(packageName));
        if (found === null) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J(`Package "${packageName}" is not in the catalog, so it has no variables: check the name with bfx status.`);
        }
        return {
            text: found.length
                ? [
                    `${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(packageName)} has ${found.length} variable${found.length === 1 ? '' : 's'}:`,
                    ...found.map(_format_js__WEBPACK_IMPORTED_MODULE_4__/* .variableLine */ .b_),
                ].join('\n')
                : `${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(packageName)} has no variables yet: declare them at begin with --var NAME=DEFAULT, or set one with bfx var set.`,
            json: found.map(_format_js__WEBPACK_IMPORTED_MODULE_4__/* .variableJson */ .Ds),
        };
    },
};


/***/ }),

/***/ 35740:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BB: () => (/* binding */ setVariable),
/* harmony export */   YB: () => (/* binding */ setNextLoadStatus),
/* harmony export */   cL: () => (/* binding */ reset),
/* harmony export */   kv: () => (/* binding */ setEnabled)
/* harmony export */ });
/* harmony import */ var _decision_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27033);
/* harmony import */ var _catalog_limits_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74999);
/* harmony import */ var _audit_entries_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(42767);
/* harmony import */ var _rows_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(92428);



const RECORDED_SINCE_LIMIT = 100;
/** A first attempt reads the newest entry of the action; a retry, those since. */
const ownEntries = (tx, action, sent) => tx.packageAudit(action, sent?.newest ?? null, sent ? RECORDED_SINCE_LIMIT : 1);
const sending = (entry, recorded, sent) => ({
    entry,
    newest: recorded[0]?.auditId ?? sent?.newest ?? null,
});

/**
 * enable / disable. Returns the package row after it, or null when there is no such package.
 * Enabling an enabled package (or disabling a disabled one) is no change: nothing is written or
 * recorded in the audit log.
 */
function setEnabled(catalog, packageName, enabled, operator) {
    const action = enabled ? 'enable' : 'disable';
    // Run again after its COMMIT's answer was lost: its audit entry tells it committed (SentEntry).
    let sent;
    return catalog.transaction({ packageName }, `${action} package "${packageName}"`, async (tx) => {
        const [pkg, recorded] = await Promise.all([tx.package(), ownEntries(tx, action, sent)]);
        if (!pkg)
            return null;
        if (sent && (0,_decision_js__WEBPACK_IMPORTED_MODULE_0__/* .recordedSince */ .Dl)(recorded, sent.entry))
            return { ...pkg, isEnabled: enabled, changed: true };
        if (pkg.isEnabled === enabled)
            return { ...pkg, changed: false };
        const entry = audit(operator, action, null, `IsEnabled set to ${enabled}.`);
        sent = sending(entry, recorded, sent);
        const [changed] = await Promise.all([tx.setEnabled(enabled), tx.recordAudit(entry), tx.commit()]);
        return changed && { ...changed, changed: true };
    });
}
/** skip (C) and resume (P): the latest execution's NextLoadStatus, refused while one is active. */
function setNextLoadStatus(catalog, packageName, nextLoadStatus, operator) {
    const what = `set the next load status of package "${packageName}"`;
    const action = nextLoadStatus === 'C' ? _audit_entries_js__WEBPACK_IMPORTED_MODULE_2__/* .SKIP */ ._Z : _audit_entries_js__WEBPACK_IMPORTED_MODULE_2__/* .RESUME */ .IY;
    // Run again after its COMMIT's answer was lost: its audit entry tells it committed (SentEntry).
    let sent;
    return catalog.transaction({ packageName }, what, async (tx) => {
        const [state, recorded, earlier] = await Promise.all([
            operatorState(tx, false),
            ownEntries(tx, action, sent),
            sent ? tx.execution(sent.entry.executionId) : null,
        ]);
        if (sent && earlier && (0,_decision_js__WEBPACK_IMPORTED_MODULE_0__/* .recordedSince */ .Dl)(recorded, sent.entry)) {
            return { kind: 'changed', execution: { ...earlier, nextLoadStatus } };
        }
        const plan = (0,_decision_js__WEBPACK_IMPORTED_MODULE_0__/* .decideNextLoadStatus */ .I2)(state, nextLoadStatus);
        if (plan.kind !== 'change')
            return plan;
        const entry = audit(operator, action, plan.executionId, `NextLoadStatus set to ${nextLoadStatus}.`);
        sent = sending(entry, recorded, sent);
        const [changed] = await Promise.all([
            tx.setNextLoadStatus(plan.executionId, plan.nextLoadStatus),
            tx.recordAudit(entry),
            tx.commit(),
        ]);
        return { kind: 'changed', execution: changed };
    });
}
/**
 * reset: the package's active execution ends as F / R with the message, as a failed end would: for
 * a batch, its active children end F / R too and those that succeeded get C.
 */
function reset(catalog, packageName, message, operator) {
    // What an attempt sent with its COMMIT: run again after the answer was lost, the reset finds the
    // execution it ended holding its end and reports it, rather than ending what a begin started
    // meanwhile (or reporting that nothing was active).
    let sent;
    return catalog.transaction({ packageName }, `reset package "${packageName}"`, async (tx) => {
        if (sent) {
            const { finish: ended, children, propagation } = sent;
            const [execution, childRows] = await Promise.all([
                tx.execution(ended.executionId),
                children.length > 0 ? tx.children(ended.executionId) : [],
            ]);
            if (execution && (0,_decision_js__WEBPACK_IMPORTED_MODULE_0__/* .holdsFinish */ .gM)(execution, ended)) {
                const childIds = children.map((child) => child.executionId);
                return {
                    kind: 'reset',
                    execution,
                    children: childRows.filter((row) => childIds.includes(row.executionId)),
                    skippedChildren: propagation?.executionIds ?? [],
                };
            }
        }
        const state = await operatorState(tx, true);
        const plan = (0,_decision_js__WEBPACK_IMPORTED_MODULE_0__/* .decideReset */ .is)(state, message);
        if (plan.kind !== 'reset')
            return plan;
        sent = plan;
        const childIds = plan.children.map((child) => child.executionId);
        const propagated = plan.propagation?.executionIds ?? [];
        const [ended, ...children] = await Promise.all([
            (0,_rows_js__WEBPACK_IMPORTED_MODULE_3__/* .finish */ .O9)(tx, plan.finish),
            ...plan.children.map((child) => (0,_rows_js__WEBPACK_IMPORTED_MODULE_3__/* .finish */ .O9)(tx, child)),
            propagated.length > 0
                ? tx.setNextLoadStatuses(propagated, plan.propagation.nextLoadStatus).then(() => null)
                : null,
            tx.recordAudit(audit(operator, 'reset', plan.finish.executionId, `${message}${childIds.length ? ` Children reset: ${childIds.join(', ')}.` : ''}` +
                `${propagated.length ? ` Succeeded children to be skipped (C): ${propagated.join(', ')}.` : ''}`)),
            tx.commit(),
        ]);
        return {
            kind: 'reset',
            execution: ended,
            children: children.filter((row) => row !== null && row !== undefined),
            skippedChildren: propagated,
        };
    });
}
/** var set: an operator sets a package's high-water mark; the value before is kept as PreviousValue. */
function setVariable(catalog, packageName, value, operator) {
    const what = `set variable ${value.name} of package "${packageName}"`;
    // Run again after its COMMIT's answer was lost: its audit entry tells it committed (SentEntry).
    let sent;
    return catalog.transaction({ packageName }, what, async (tx) => {
        const [pkg, before, recorded] = await Promise.all([tx.package(), tx.variables(), ownEntries(tx, _audit_entries_js__WEBPACK_IMPORTED_MODULE_2__/* .VAR_SET */ .DX, sent)]);
        if (!pkg)
            return { kind: 'no-package' };
        const old = before.find((variable) => variable.name === value.name);
        if (sent) {
            const own = (0,_decision_js__WEBPACK_IMPORTED_MODULE_0__/* .recordedSince */ .Dl)(recorded, sent.entry);
            // With more entries since than were read: the value stored over the one it read.
            if (own || (recorded.length === RECORDED_SINCE_LIMIT && old && (0,_decision_js__WEBPACK_IMPORTED_MODULE_0__/* .holdsVariable */ .nT)(old, value, sent.previousValue))) {
                const stored = old && (0,_decision_js__WEBPACK_IMPORTED_MODULE_0__/* .holdsVariable */ .nT)(old, value, sent.previousValue) ? old : undefined;
                const updatedTime = stored?.updatedTime ?? own?.createdTime ?? '';
                return {
                    kind: 'set',
                    variable: stored ?? { ...value, previousValue: sent.previousValue, executionId: null, updatedTime },
                };
            }
        }
        const change = old
            ? `${value.name} set from ${JSON.stringify(old.value)} to ${JSON.stringify(value.value)}.`
            : `${value.name} set to ${JSON.stringify(value.value)} (it had no value).`;
        const entry = audit(operator, _audit_entries_js__WEBPACK_IMPORTED_MODULE_2__/* .VAR_SET */ .DX, null, change);
        sent = { ...sending(entry, recorded, sent), previousValue: old?.value ?? null };
        const [, , variables] = await Promise.all([
            tx.storeVariables([value], null),
            tx.recordAudit(entry),
            tx.variables(),
            tx.commit(),
        ]);
        return { kind: 'set', variable: variables.find((variable) => variable.name === value.name) };
    });
}
/**
 * What an operator change reads: for a reset of a batch, also the active execution's children,
 * read again once their packages are locked, so that no child's end slips in between.
 */
async function operatorState(tx, withChildren) {
    // The last ended execution is the one the next begin follows (step 6): skip and resume change it.
    const [pkg, active, latest] = await Promise.all([tx.package(), tx.activeExecution(), tx.lastEndedExecution()]);
    let activeChildren = [];
    let operatorChanged = [];
    if (withChildren && pkg?.isBatch && active) {
        const unlocked = await tx.children(active.executionId);
        if (unlocked.length > 0) {
            const [, locked, changed] = await Promise.all([
                tx.lockPackages((0,_rows_js__WEBPACK_IMPORTED_MODULE_3__/* .ascending */ .V_)(unlocked.map((child) => child.packageId))),
                tx.children(active.executionId),
                tx.auditedExecutions((0,_rows_js__WEBPACK_IMPORTED_MODULE_3__/* .ids */ .dK)(unlocked), _audit_entries_js__WEBPACK_IMPORTED_MODULE_2__/* .OPERATOR_NEXT_LOAD */ .Et),
            ]);
            activeChildren = locked;
            operatorChanged = changed;
        }
    }
    return { packageFound: pkg !== null, active, latest, activeChildren, operatorChanged };
}
const audit = (operator, action, executionId, change) => ({
    executionId,
    action,
    detail: operator.reason ? `${change} Reason: ${operator.reason}` : change,
    actor: (0,_catalog_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .cutToFit */ .XL)(operator.actor, _catalog_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .COLUMN_LENGTH */ .ac.actor),
});


/***/ })

};
