import * as __WEBPACK_EXTERNAL_MODULE__unbundled_js_cd2de0b4__ from "./unbundled.js";
const __WEBPACK_EXTERNAL_require = (id) => process.getBuiltinModule(id);
/******/ var __webpack_modules__ = ({

/***/ 69280:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ runStep)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(96251);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(83916);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(58592);
/** How a step fails: one sentence for the user; the stack only with debug logging on. */



async function runStep(step) {
    try {
        await step();
    }
    catch (error) {
        if (error instanceof Error && error.stack)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(error.stack);
        (0,_log_js__WEBPACK_IMPORTED_MODULE_1__/* .fail */ .fJ)(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BfxError */ .J
            ? error.message
            : `bfx-begin stopped on an unexpected error (${error instanceof Error ? error.message : String(error)}): rerun with debug logging on and report it.`);
    }
}


/***/ }),

/***/ 34078:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

// ESM COMPAT FLAG
__nccwpck_require__.r(__webpack_exports__);

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  runEndAction: () => (/* binding */ runEndAction),
  runMainOrPost: () => (/* binding */ runMainOrPost),
  writeLogDirectly: () => (/* reexport */ log/* writeLogDirectly */.yW)
});

// EXTERNAL MODULE: ./src/catalog/connect.ts + 3 modules
var connect = __nccwpck_require__(63299);
// EXTERNAL MODULE: ./src/decision.ts
var decision = __nccwpck_require__(27033);
// EXTERNAL MODULE: ./src/run-control/index.ts + 3 modules
var run_control = __nccwpck_require__(60030);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(83916);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 6 modules
var core = __nccwpck_require__(96251);
// EXTERNAL MODULE: ./src/catalog/connection-string.ts
var connection_string = __nccwpck_require__(16837);
// EXTERNAL MODULE: ./src/validate.ts
var validate = __nccwpck_require__(60397);
// EXTERNAL MODULE: ./src/parse-load-files.ts
var parse_load_files = __nccwpck_require__(66683);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(76760);
// EXTERNAL MODULE: ./src/action/log.ts
var log = __nccwpck_require__(58592);
// EXTERNAL MODULE: ./src/action/names.ts
var names = __nccwpck_require__(42814);
;// CONCATENATED MODULE: ./src/action/load-files.ts
/**
 * The two files a load reports back through (README, "Incremental loads"): the main
 * step creates them empty under RUNNER_TEMP and exports their paths as BFX_VARIABLES and
 * BFX_ROW_COUNTS to every later step of its job; the load appends `NAME=VALUE` and
 * `OBJECT:COUNTTYPE=N` lines; the post step (or end/action.yml in the same job) reads them. The
 * files are named after their execution, so an end never reads another execution's files.
 */






const EMPTY_REPORT = { variables: [], rowCounts: [] };
/**
 * Creates the two empty files of a runnable execution under RUNNER_TEMP (the runner empties it
 * after each job): bfx-<ExecutionID>-variables.txt and bfx-<ExecutionID>-row-counts.txt, or with
 * -2, -3... after the ID when another step of the job already made that pair (a second begin of
 * the same package, which gets the same execution back). Never reuses a file.
 */
function createLoadFiles(executionId) {
    // node:os only off a runner: loading it is about 2 million instructions of a step's start-up
    // (docs/performance.md, start-up), and a runner always gives RUNNER_TEMP.
    const dir = process.env.RUNNER_TEMP || process.getBuiltinModule('node:os').tmpdir();
    for (let n = 1;; n++) {
        const stem = (0,external_node_path_.join)(dir, `bfx-${executionId}${n > 1 ? `-${n}` : ''}`);
        const files = { variables: `${stem}-variables.txt`, rowCounts: `${stem}-row-counts.txt` };
        if ((0,external_node_fs_.existsSync)(files.variables) || (0,external_node_fs_.existsSync)(files.rowCounts))
            continue;
        for (const file of [files.variables, files.rowCounts])
            (0,external_node_fs_.closeSync)((0,external_node_fs_.openSync)(file, 'wx'));
        return files;
    }
}
/** Whether a file is one of this execution's (created by createLoadFiles for it). */
function isLoadFileOf(file, executionId) {
    return new RegExp(`^bfx-${executionId}(-\\d+)?-(variables|row-counts)\\.txt$`).test((0,external_node_path_.basename)(file));
}
/**
 * The most a load file may hold. Marks and row counts are a few lines; a file far larger is a
 * load writing something else to it, and reading it whole would hold the end up.
 */
const MAX_LOAD_FILE_BYTES = 1024 * 1024;
/**
 * Reads what the load wrote. Whatever is wrong with a file (not a regular file, unreadable, too
 * large, a malformed line or a NUL byte) throws one sentence (BfxError) naming it, and nothing of
 * either file is used; a missing file (removed by a step) is a warning and counts as empty, so the
 * execution is still ended.
 */
function readLoadFiles(files) {
    const variables = read(files.variables, names/* Env */.o9.VariablesFile);
    const rowCounts = read(files.rowCounts, names/* Env */.o9.RowCountsFile);
    return {
        variables: toValues((0,parse_load_files/* parseVariables */.r)(variables.text, variables.source)),
        rowCounts: (0,parse_load_files/* parseRowCounts */.M)(rowCounts.text, rowCounts.source),
    };
}
/** A report given as inputs replaces, name by name and count by count, what the files say. */
function mergeReports(first, then) {
    const variables = new Map(first.variables.map((v) => [v.name, v.value]));
    for (const v of then.variables)
        variables.set(v.name, v.value);
    const counts = new Map(first.rowCounts.map((c) => [JSON.stringify([c.objectName, c.countType]), c]));
    for (const c of then.rowCounts)
        counts.set(JSON.stringify([c.objectName, c.countType]), c);
    return { variables: toValues(variables), rowCounts: [...counts.values()] };
}
const toValues = (variables) => [...variables].map(([name, value]) => ({ name, value }));
/**
 * The file's text: UTF-8 (a byte order mark dropped), or UTF-16 when it starts with one (what
 * Windows PowerShell 5's `>>` writes). Only a regular file is read (a link is followed to what it
 * names), and at most MAX_LOAD_FILE_BYTES of it: it is opened without waiting (a FIFO would wait
 * for a writer forever) and judged by what was opened, not by its name, so nothing can be put in
 * its place between the look and the read.
 */
function read(file, name) {
    const source = `the ${name} file`;
    if (!file)
        return { text: '', source };
    const refused = (what, todo = 'let the load append lines to the file the begin step made, and never replace it') => new errors/* BfxError */.J(`The ${name} file (${file}) ${what}, so nothing the load reported was stored: ${todo}.`);
    let fd;
    try {
        // O_NONBLOCK is Unix's; Windows has no FIFO to wait on.
        fd = (0,external_node_fs_.openSync)(file, external_node_fs_.constants.O_RDONLY | (external_node_fs_.constants.O_NONBLOCK ?? 0));
    }
    catch (error) {
        if (errorCode(error) === 'ENOENT') {
            (0,log/* warning */.$e)(`The ${name} file ${file} is gone, so nothing the load wrote to it was read: leave the file in place until the job ends.`);
            return { text: '', source };
        }
        throw refused(`cannot be read (${errorCode(error)})`, 'leave the file as the begin step made it, readable by the job');
    }
    try {
        const stats = (0,external_node_fs_.fstatSync)(fd);
        if (!stats.isFile())
            throw refused(`is ${kindOf(stats)}, not a regular file`);
        if (stats.size > MAX_LOAD_FILE_BYTES) {
            throw refused(`is ${stats.size} bytes, more than the ${MAX_LOAD_FILE_BYTES} bytes (1 MiB) bfx-begin reads`, 'write only the high-water marks and row counts to it, one short line each');
        }
        // One byte more than the limit tells a file that grew since fstat from one that did not.
        const buffer = Buffer.alloc(MAX_LOAD_FILE_BYTES + 1);
        let length = 0;
        for (let n; length < buffer.length && (n = (0,external_node_fs_.readSync)(fd, buffer, length, buffer.length - length, null)) > 0;)
            length += n;
        if (length > MAX_LOAD_FILE_BYTES) {
            throw refused(`grew past the ${MAX_LOAD_FILE_BYTES} bytes (1 MiB) bfx-begin reads while it was read`, 'write only the high-water marks and row counts to it, and finish writing before the job ends');
        }
        const bytes = buffer.subarray(0, length);
        if (bytes[0] === 0xff && bytes[1] === 0xfe)
            return { text: bytes.subarray(2).toString('utf16le'), source };
        const text = bytes.toString('utf8');
        return { text: text.startsWith('\uFEFF') ? text.slice(1) : text, source };
    }
    catch (error) {
        if (error instanceof errors/* BfxError */.J)
            throw error;
        throw refused(`cannot be read (${errorCode(error)})`, 'leave the file as the begin step made it, readable by the job');
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
function kindOf(stats) {
    if (stats.isDirectory())
        return 'a directory';
    if (stats.isFIFO())
        return 'a named pipe (FIFO)';
    if (stats.isCharacterDevice() || stats.isBlockDevice())
        return 'a device';
    if (stats.isSocket())
        return 'a socket';
    return 'not a file';
}
/** The error's code (EACCES, EISDIR...), never its message: a code names the fault and nothing else. */
function errorCode(error) {
    const code = error?.code;
    return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'an error of the file system';
}

;// CONCATENATED MODULE: ./src/action/inputs.ts
/**
 * The action's inputs, read once into typed settings (the README lists them). The connection string and
 * the github-token are registered as secrets before anything else happens, so no later log line can show them.
 */







function readBeginSettings() {
    // Secrets first: the token, then the connection string's, before any input is validated.
    const token = core/* getInput */.V4(names/* Inputs */.G0.GithubToken);
    for (const mask of (0,connection_string/* masksOf */.JF)(token))
        core/* setSecret */.Pq(mask);
    const catalog = readCatalogSettings();
    const liveRun = {
        token,
        onLiveRun: validate/* onLiveRun */.v2(core/* getInput */.V4(names/* Inputs */.G0.OnLiveRun), names/* Inputs */.G0.OnLiveRun),
        timeoutMs: validate/* liveRunTimeoutMs */.jG(core/* getInput */.V4(names/* Inputs */.G0.LiveRunTimeout), names/* Inputs */.G0.LiveRunTimeout),
    };
    return {
        // Read untrimmed: settings.packageName is the one name rule, for the CLI as well.
        packageName: validate/* packageName */.oZ(core/* getInput */.V4(names/* Inputs */.G0.PackageName, { trimWhitespace: false }), names/* Inputs */.G0.PackageName),
        retryLimit: validate/* retryLimit */.Iz(core/* getInput */.V4(names/* Inputs */.G0.RetryLimit), names/* Inputs */.G0.RetryLimit),
        parentExecutionId: validate/* parentExecutionId */.qK(core/* getInput */.V4(names/* Inputs */.G0.ParentExecutionId), names/* Inputs */.G0.ParentExecutionId),
        autoEnd: booleanInput(names/* Inputs */.G0.AutoEnd, true),
        catalog,
        liveRun,
        // batches and high-water marks
        isBatch: booleanInput(names/* Inputs */.G0.IsBatch, false),
        variables: variablesInput(),
    };
}
function readPostSettings(executionId) {
    const catalog = readCatalogSettings();
    const autoEnd = booleanInput(names/* Inputs */.G0.AutoEnd, true);
    const status = endOutcome(names/* Inputs */.G0.JobStatus, executionId);
    return { autoEnd, catalog, ...status };
}
/**
 * The end's settings. Without a valid execution-id and connection there is nothing to end, so
 * those refuse the step; anything else wrong ends the execution F (EndSettings.refused).
 */
function readEndSettings() {
    const catalog = readCatalogSettings();
    const executionId = validate/* executionId */.uY(core/* getInput */.V4(names/* Inputs */.G0.ExecutionId), names/* Inputs */.G0.ExecutionId);
    const runId = process.env.GITHUB_RUN_ID;
    const status = endOutcome(names/* Inputs */.G0.Status, executionId);
    let report = { variables: [], rowCounts: [] };
    let refused = status.refused;
    try {
        report = {
            variables: variablesInput(),
            rowCounts: (0,parse_load_files/* parseRowCounts */.M)(core/* getInput */.V4(names/* Inputs */.G0.RowCounts, { trimWhitespace: false }), `the ${names/* Inputs */.G0.RowCounts} input`),
        };
    }
    catch (error) {
        if (!(error instanceof errors/* BfxError */.J))
            throw error;
        refused ??= error;
    }
    return {
        executionId,
        outcome: status.outcome,
        message: refused?.message ?? (core/* getInput */.V4(names/* Inputs */.G0.Message) || null),
        catalog,
        // Another job of the same run owns the execution unless a later run took it over.
        caller: runId ? { runId, runAttempt: runAttemptOf(process.env.GITHUB_RUN_ATTEMPT) } : null,
        ...(refused ? { variables: [], rowCounts: [] } : report),
        refused,
    };
}
/** The outcome an end records: an unknown status (`skipped`, which needs.X.result can be) is a failure, saying why. */
function endOutcome(input, executionId) {
    const raw = core/* getInput */.V4(input);
    try {
        return { outcome: validate/* outcome */.bu(raw, input), refused: null };
    }
    catch (error) {
        if (!(error instanceof errors/* BfxError */.J))
            throw error;
        return {
            outcome: 'failure',
            refused: new errors/* BfxError */.J(`The ${input} "${raw}" is not an outcome bfx-begin knows, so execution ${executionId} was ended as failed: ` +
                'use success, failure or cancelled.'),
        };
    }
}
/** NAME=VALUE lines, values kept exactly (so the input is not trimmed); a bad line fails the step before the catalog is touched. */
function variablesInput() {
    return toValues((0,parse_load_files/* parseVariables */.r)(core/* getInput */.V4(names/* Inputs */.G0.Variables, { trimWhitespace: false }), `the ${names/* Inputs */.G0.Variables} input`));
}
function readCatalogSettings() {
    const raw = core/* getInput */.V4(names/* Inputs */.G0.ConnectionString);
    for (const secret of (0,connection_string/* secretsIn */.VY)(raw))
        core/* setSecret */.Pq(secret);
    return {
        connectionString: validate/* connectionString */.cF(raw, names/* Inputs */.G0.ConnectionString),
        createCatalog: booleanInput(names/* Inputs */.G0.CreateCatalog, true),
        connectTimeoutMs: validate/* timeoutMs */.G6(core/* getInput */.V4(names/* Inputs */.G0.ConnectTimeout), names/* Inputs */.G0.ConnectTimeout, validate/* DEFAULT_CONNECT_TIMEOUT_SECONDS */.R8),
        requestTimeoutMs: validate/* timeoutMs */.G6(core/* getInput */.V4(names/* Inputs */.G0.RequestTimeout), names/* Inputs */.G0.RequestTimeout, validate/* DEFAULT_REQUEST_TIMEOUT_SECONDS */.il),
        schema: validate/* catalogSchema */.X8(core/* getInput */.V4(names/* Inputs */.G0.CatalogSchema), names/* Inputs */.G0.CatalogSchema),
    };
}
function booleanInput(name, defaultValue) {
    const raw = core/* getInput */.V4(name);
    if (raw === '')
        return defaultValue;
    if (['true', 'True', 'TRUE'].includes(raw))
        return true;
    if (['false', 'False', 'FALSE'].includes(raw))
        return false;
    throw new errors/* BfxError */.J(`The ${name} input "${raw}" is not a boolean, so nothing was run: use true or false.`);
}
/** GITHUB_RUN_ATTEMPT as a number: the runner always sets it; 1 where it is missing or unreadable. */
function runAttemptOf(value) {
    const attempt = Number(value);
    return Number.isSafeInteger(attempt) && attempt >= 1 ? attempt : 1;
}

// EXTERNAL MODULE: ./src/batch-rollup.ts
var batch_rollup = __nccwpck_require__(46878);
// EXTERNAL MODULE: ./src/sentences.ts
var sentences = __nccwpck_require__(73861);
;// CONCATENATED MODULE: ./src/action/summary.ts
/**
 * What a begin or an end shows in GitHub: log lines, annotations and the job summary. Only the
 * catalog's location (server/database or file) reaches them, never a connection string.
 */






async function reportBegin(packageName, result, catalog, details) {
    // The begin has committed: a piece of the report that cannot be written is a warning, never a failed step.
    const began = `execution ${result.executionId} began all the same and the outputs are set`;
    await (0,log/* afterCommit */.MN)('The log lines of this begin', `so the log lacks them; ${began}`, () => logBegin(packageName, result, catalog, details));
    await (0,log/* afterCommit */.MN)('The job summary', `so it lacks this begin; ${began}: check GITHUB_STEP_SUMMARY on this runner`, () => summaryOfBegin(packageName, result, catalog));
}
function logBegin(packageName, result, catalog, details) {
    (0,log/* info */.pq)((0,sentences/* beginLine */.O2)(packageName, result));
    (0,log/* info */.pq)(result.plan.reason);
    const live = result.liveRun && (0,sentences/* liveRunSentence */.ts)(result.liveRun);
    if (live?.kind === 'info')
        (0,log/* info */.pq)(live.text);
    core/* startGroup */.Oh('bfx-begin details');
    (0,log/* info */.pq)(`Catalog: ${catalog.engine}, ${catalog.location}`);
    for (const [name, value] of Object.entries(details))
        (0,log/* info */.pq)(`${name}: ${value}`);
    if (result.liveRun) {
        const { owner, verdict, checks, waitedMs } = result.liveRun;
        // An unknown verdict may come without a request (no run id, no token): no count then.
        (0,log/* info */.pq)(verdict.run === 'unknown'
            ? `GitHub could not tell whether ${(0,sentences/* runName */.rt)(owner)} is still running: ${verdict.why}.`
            : `Asked GitHub about ${(0,sentences/* runName */.rt)(owner)} ${checks === 1 ? 'once' : `${checks} times`}: ${verdict.run}` +
                (waitedMs > 0 ? `, over ${(0,sentences/* minutes */.Gx)(waitedMs)}` : '') +
                (verdict.url ? ` (${verdict.url})` : ''));
    }
    core/* endGroup */.N4();
    const title = `bfx-begin: ${packageName}`;
    if (live?.kind === 'warning')
        (0,log/* warning */.$e)(live.text, title);
    if (result.plan.kind === 'yield') {
        (0,log/* notice */.lm)(live?.kind === 'notice' ? live.text : result.plan.reason, title);
    }
    else if (result.plan.kind === 'abandon-and-insert' || result.plan.kind === 'resume') {
        (0,log/* notice */.lm)(result.plan.reason, title);
    }
    else if (!(0,decision/* isRunnable */.iU)(result.executionStatus)) {
        (0,log/* notice */.lm)(`${result.plan.reason} The steps gated on ExecutionStatus do not run.`, title);
    }
}
function summaryOfBegin(packageName, result, catalog) {
    appendToSummary([
        `<h3>bfx-begin: ${summary_escape(packageName)}</h3>`,
        table(['ExecutionID', 'ExecutionStatus', 'NextLoadStatus', 'RetryCount'], [
            [
                result.executionId,
                (0,sentences/* statusName */.Er)(result.executionStatus),
                (0,sentences/* nextName */.HW)(result.nextLoadStatus),
                String(result.retryCount),
            ],
        ]),
        `<p><b>Why:</b> ${summary_escape(result.plan.reason)}<br>${liveRunHtml(result)}${marksHtml(result)}<b>Catalog:</b> ${catalog.engine}, ${summary_escape(catalog.location)}</p>`,
    ]);
}
/** One line of the begin's summary: the run that owns the active execution, linked, and what GitHub said. */
function liveRunHtml(result) {
    if (!result.liveRun)
        return '';
    const { owner, verdict, checks, waitedMs, decisive } = result.liveRun;
    const name = verdict.url ? `<a href="${summary_escape(verdict.url)}">${summary_escape((0,sentences/* runName */.rt)(owner))}</a>` : summary_escape((0,sentences/* runName */.rt)(owner));
    const waited = waitedMs > 0 ? `, waited ${(0,sentences/* minutes */.Gx)(waitedMs)} (${checks} checks)` : '';
    const said = verdict.run === 'alive'
        ? `still running (${summary_escape(verdict.status)})${waited}`
        : verdict.run === 'completed'
            ? `completed${verdict.conclusion ? ` (${summary_escape(verdict.conclusion)})` : ''}${waited}`
            : `not checked: ${summary_escape(verdict.why)}`;
    const label = decisive && verdict.run === 'alive' ? 'Live run' : 'Owning run';
    return `<b>${label}:</b> ${name}, ${said}${decisive ? '' : '; the execution ended or changed hands meanwhile'}<br>`;
}
async function reportEnd(result, executionId, report) {
    // The end has committed (or found nothing to do): a piece of the report that cannot be written
    // is a warning, never a failed step.
    await (0,log/* afterCommit */.MN)('The log lines of this end', `so the log lacks them; execution ${executionId} was ended all the same`, () => logEnd(result, executionId, report));
    if (result.kind === 'ended' || result.kind === 'reclosed') {
        await (0,log/* afterCommit */.MN)('The job summary', `so it lacks this end; execution ${executionId} was ended all the same: check GITHUB_STEP_SUMMARY on this runner`, () => summaryOfEnd(result, report));
    }
}
function logEnd(result, executionId, report) {
    // An end that wrote nothing stored nothing of what the load reported either.
    const notStored = report.variables.length + report.rowCounts.length > 0
        ? ' The variables and row counts the load reported were not stored.'
        : '';
    switch (result.kind) {
        case 'not-found':
        case 'not-owned':
            return; // the caller fails the step with its own sentence
        case 'already-ended':
            (0,log/* warning */.$e)(`Execution ${executionId} had already ended as ${(0,sentences/* statusName */.Er)(result.execution.executionStatus)}; it was left as it is` +
                `${result.why ? `, not closed again as succeeded: ${result.why}` : ''}.${notStored}`, `bfx-begin: ${result.execution.packageName}`);
            return;
        case 'taken-over':
            (0,log/* warning */.$e)(`Execution ${executionId} was taken over by a later run (${result.execution.runKey ?? 'unknown'}); it is left to that run to end.${notStored}`, `bfx-begin: ${result.execution.packageName}`);
            return;
        case 'ended':
        case 'reclosed': {
            (0,log/* info */.pq)((0,sentences/* endLine */.Sk)(result.execution));
            if (result.kind === 'reclosed')
                (0,log/* info */.pq)(RECLOSED);
            const loadLine = loadReportLine(result.committedVariables, report);
            if (loadLine)
                (0,log/* info */.pq)(loadLine);
        }
    }
}
async function summaryOfEnd(result, report) {
    const execution = result.execution;
    // A batch's end lists its children (a batch none ran under shows as any other execution).
    const batch = result.children.length > 0;
    appendToSummary([
        `<h3>bfx-end: ${summary_escape(execution.packageName)}</h3>`,
        table(['ExecutionID', 'ExecutionStatus', 'NextLoadStatus', 'Duration'], [
            [
                execution.executionId,
                (0,sentences/* statusName */.Er)(execution.executionStatus),
                (0,sentences/* nextName */.HW)(execution.nextLoadStatus),
                (0,sentences/* duration */.p0)(execution),
            ],
        ]),
        execution.errorMessage ? `<p><b>Message:</b> ${summary_escape(execution.errorMessage)}</p>` : '',
        result.kind === 'reclosed' ? `<p><b>Re-closed:</b> ${summary_escape(RECLOSED)}</p>` : '',
        variablesHtml(result.committedVariables, report.variables, execution),
        batch ? '' : rowCountsHtml('Row counts', report.rowCounts),
        batch ? await batchHtml(execution, result.children, report.catalog) : '',
    ]);
}
const RECLOSED = 'This batch had ended F (Failed) earlier in this workflow run; this later attempt closed it again as S (Succeeded).';
// --- high-water marks, row counts and batches -------------------------------------------------
/** The begin's summary lines for a load: its last success (for a rollback) and its high-water marks. */
function marksHtml(result) {
    const parts = [];
    if (result.lastExecutionId)
        parts.push(`<b>LastExecutionID:</b> ${summary_escape(result.lastExecutionId)}`);
    const names = Object.entries(result.variables);
    if (names.length > 0) {
        parts.push(`<b>Variables:</b> ${names.map(([name, value]) => `${summary_escape(name)} = ${summary_escape(value)}`).join(', ')}`);
    }
    return parts.map((part) => `${part}<br>`).join('');
}
/** "Stored 3 row counts; committed LastLoadDate." for the log, or '' when the load reported nothing. */
function loadReportLine(committed, report) {
    const parts = [];
    if (report.rowCounts.length > 0)
        parts.push(`stored ${report.rowCounts.length} row count(s)`);
    if (committed.length > 0)
        parts.push(`committed ${committed.map((v) => v.name).join(', ')}`);
    else if (report.variables.length > 0)
        parts.push(`committed no variable (the execution did not succeed)`);
    return parts.length > 0 ? `${capitalize(parts.join('; '))}.` : '';
}
function variablesHtml(committed, reported, execution) {
    if (committed.length > 0) {
        return ('<h4>Variables committed</h4>' +
            table(['Variable', 'Value'], committed.map((v) => [v.name, v.value])));
    }
    if (reported.length === 0)
        return '';
    return (`<p><b>Variables not committed:</b> ${summary_escape(reported.map((v) => v.name).join(', '))}, because the execution ended ` +
        `${summary_escape((0,sentences/* statusName */.Er)(execution.executionStatus))}: the next run starts from the values it began with.</p>`);
}
function rowCountsHtml(title, counts) {
    if (counts.length === 0)
        return '';
    return (`<h4>${summary_escape(title)}</h4>` +
        table(['Object', 'Count type', 'Rows'], counts.map((c) => [c.objectName, c.countType, c.rowCount.toLocaleString('en-US')])));
}
/**
 * A batch's end: every child (package, status, duration, message), the same as a mermaid gantt
 * chart, and the row counts of the batch and its children rolled up by object and count type.
 */
async function batchHtml(batch, children, catalog) {
    // Read after the end committed: a fault here costs the summary its table, never the step.
    let counts = [];
    try {
        counts = await catalog.rowCounts([batch.executionId, ...children.map((child) => child.executionId)]);
    }
    catch (error) {
        (0,log/* warning */.$e)(`The row counts of batch execution ${batch.executionId} could not be read for the job summary ` +
            `(${error instanceof Error ? error.message : String(error)}); the batch was ended all the same.`);
    }
    // Per child package only its latest attempt under the batch counts: a failed attempt's rows were rolled back.
    const attempts = (0,batch_rollup/* splitAttempts */.l)(children);
    const counted = new Set([batch.executionId, ...attempts.latest.map((child) => child.executionId)]);
    const rows = (0,batch_rollup/* rollUpRowCounts */.v)(counts, counted);
    return (`<h4>Children (${children.length})</h4>` +
        table(['Package', 'ExecutionID', 'ExecutionStatus', 'NextLoadStatus', 'Duration', 'Message'], children.map((child) => [
            child.packageName,
            child.executionId,
            (0,sentences/* statusName */.Er)(child.executionStatus),
            (0,sentences/* nextName */.HW)(child.nextLoadStatus),
            (0,sentences/* duration */.p0)(child),
            child.errorMessage ?? '',
        ])) +
        // A blank line ends the HTML block, so that GitHub's markdown sees the fence.
        `\n\n${ganttChart(batch, children)}\n` +
        rowCountsHtml('Row counts of the batch', rows) +
        earlierAttemptsHtml(attempts.earlier, counts));
}
/** The row counts of attempts a later attempt of the same child replaced: listed, not summed. */
function earlierAttemptsHtml(earlier, counts) {
    if (earlier.length === 0)
        return '';
    const ids = new Set(earlier.map((child) => child.executionId));
    const rows = counts.filter((count) => ids.has(count.executionId));
    return (`<h4>Earlier attempts (${earlier.length}), not in the totals</h4>` +
        table(['Package', 'ExecutionID', 'ExecutionStatus', 'Rows reported'], earlier.map((child) => [
            child.packageName,
            child.executionId,
            (0,sentences/* statusName */.Er)(child.executionStatus),
            rows
                .filter((count) => count.executionId === child.executionId)
                .map((count) => `${count.objectName}:${count.countType}=${count.rowCount.toLocaleString('en-US')}`)
                .join(', '),
        ])));
}
/**
 * The batch and its children on a time line, as a mermaid gantt chart (GitHub renders it). Times
 * are UTC, written without a zone so that the axis shows them as they are. Names are data: every
 * character that could end a task name or a line, open a comment or an entity, or close the
 * fence is written as a mermaid entity code (#58; for ":"), and each task starts with its
 * ExecutionID, so a name never reads as a keyword (section, click, ...).
 */
function ganttChart(batch, children) {
    const end = batch.endTime ?? new Date().toISOString();
    const lines = [
        '```mermaid',
        'gantt',
        `    title Batch ${mermaidText(batch.packageName)}, execution ${batch.executionId} (UTC)`,
        '    dateFormat YYYY-MM-DDTHH:mm:ss.SSS',
        '    axisFormat %H:%M:%S',
        '    section Batch',
        ganttTask(batch, end),
        '    section Children',
        ...children.map((child) => ganttTask(child, end)),
        '```',
    ];
    return lines.filter((line) => line !== '').join('\n');
}
function ganttTask(execution, batchEnd) {
    const start = ganttTime(execution.startTime);
    const finish = ganttTime(execution.endTime ?? batchEnd);
    if (!start || !finish)
        return '';
    const tag = execution.executionStatus === 'C'
        ? 'milestone, '
        : execution.executionStatus === 'S'
            ? 'done, '
            : execution.executionStatus === 'F'
                ? 'crit, '
                : 'active, ';
    const name = `${execution.executionId} ${mermaidText(execution.packageName)} ${execution.executionStatus}`;
    return `    ${name} :${tag}e${execution.executionId}, ${start}, ${finish}`;
}
/** 2026-11-25T22:27:17.123 (UTC, no zone), or '' for a time that does not parse. */
function ganttTime(iso) {
    const time = new Date(iso);
    return Number.isNaN(time.getTime()) ? '' : time.toISOString().slice(0, 23);
}
/** Letters, digits, spaces, _ . - ( ) as they are; any other character as a mermaid entity code. */
function mermaidText(text) {
    return [...text].map((c) => (/[A-Za-z0-9 _.()-]/.test(c) ? c : `#${c.codePointAt(0)};`)).join('');
}
/**
 * Appends to the job summary (the file GITHUB_STEP_SUMMARY names) each piece of HTML with a line
 * break after it: what @actions/core's summary.addHeading(), addTable() and addRaw(piece, true),
 * then write(), append, with the same file checks. Not through core's summary: running its
 * builder (each tag made attribute by attribute, the file checked and appended to through
 * promises) was about a million instructions of each step's start-up (docs/performance.md,
 * start-up). A piece that cannot be written fails the call: the caller's afterCommit() warns.
 */
function appendToSummary(pieces) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file) {
        throw new Error('GITHUB_STEP_SUMMARY is not set: this runner gives the step no job summary file');
    }
    try {
        (0,external_node_fs_.accessSync)(file, external_node_fs_.constants.R_OK | external_node_fs_.constants.W_OK);
    }
    catch {
        throw new Error(`the job summary file ${file} cannot be read and written`);
    }
    (0,external_node_fs_.appendFileSync)(file, pieces.map((piece) => `${piece}${EOL}`).join(''), { encoding: 'utf8' });
}
/** node:os's EOL, which core's summary ends each piece with, without loading node:os. */
const EOL = process.platform === 'win32' ? '\r\n' : '\n';
/** An HTML table with every cell escaped. */
function table(header, rows) {
    const cells = (row, tag) => row.map((cell) => `<${tag}>${summary_escape(cell)}</${tag}>`).join('');
    return `<table><tr>${cells(header, 'th')}</tr>${rows.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('')}</table>`;
}
const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1);
/**
 * Text as HTML in the job summary, which GitHub reads as markdown holding HTML blocks: the HTML
 * characters as entities, and line breaks too, since a blank line would end the HTML block and
 * let the rest of the text be read as markdown (a heading, an image, a mermaid fence).
 */
function summary_escape(text) {
    return text.replace(/[&<>"'\r\n]/g, (c) => `&#${c.charCodeAt(0)};`);
}

;// CONCATENATED MODULE: ./src/action/end.ts
/** end/action.yml: end an execution explicitly, from another job than the one that began it. */









async function runEnd() {
    const settings = readEndSettings();
    // The files are the load's, the inputs the workflow's: whatever is wrong with either (a file
    // that is not one, a malformed line, an unknown status) fails the load, which ends F with that
    // sentence and stores nothing of them.
    const given = { variables: settings.variables, rowCounts: settings.rowCounts };
    let report = EMPTY_REPORT;
    let malformed = settings.refused ?? undefined;
    if (!malformed) {
        try {
            report = mergeReports(readJobFiles(settings.executionId), given);
        }
        catch (error) {
            if (!(error instanceof errors/* BfxError */.J))
                throw error;
            malformed = error;
        }
    }
    const result = await (0,connect/* withCatalog */.w5)(settings.catalog.connectionString, settings.catalog, async (catalog) => {
        const ended = await (0,run_control/* end */._N)(catalog, {
            executionId: settings.executionId,
            ...(0,decision/* endOutcome */.it)({ outcome: settings.outcome, message: settings.message }, malformed?.message ?? null),
            caller: settings.caller,
            variables: report.variables,
            rowCounts: report.rowCounts,
        });
        await reportEnd(ended, settings.executionId, { ...report, catalog });
        return ended;
    });
    if (result.kind === 'not-found') {
        throw new errors/* BfxError */.J(`Execution ${settings.executionId} is not in the catalog, so nothing was ended: pass the ExecutionID output of the begin step that uses the same connection-string.`);
    }
    if (result.kind === 'not-owned') {
        // A wiring mistake, not a takeover: no run of this workflow run ever owned the execution.
        const { execution } = result;
        throw new errors/* BfxError */.J(`Execution ${settings.executionId} (${execution.packageName}) belongs to another workflow run than this one ` +
            `(run ${execution.runId ?? 'unknown'}, run key ${execution.runKey ?? 'unknown'}) and was never this run's, so nothing was ended: ` +
            'pass the ExecutionID output of a begin step of this same workflow run.');
    }
    if (malformed)
        throw malformed;
}
/**
 * The BFX_VARIABLES and BFX_ROW_COUNTS files, when a begin step of this same job exported them
 * for this execution; those of another execution (a child begun in the job of its batch's end)
 * are left to that execution's post step.
 */
function readJobFiles(executionId) {
    const files = {};
    for (const [key, name] of [
        ['variables', names/* Env */.o9.VariablesFile],
        ['rowCounts', names/* Env */.o9.RowCountsFile],
    ]) {
        const file = process.env[name];
        if (!file)
            continue;
        if (isLoadFileOf(file, executionId))
            files[key] = file;
        else
            (0,log/* info */.pq)(`bfx-end: ${name} is another execution's file (${file}), so it was not read for execution ${executionId}.`);
    }
    return readLoadFiles(files);
}

// EXTERNAL MODULE: ./src/action/failure.ts
var failure = __nccwpck_require__(69280);
;// CONCATENATED MODULE: ./src/action/run-context.ts
function githubRunContext(env = process.env) {
    const value = (name) => env[name] || null;
    return {
        repository: value('GITHUB_REPOSITORY'),
        workflow: value('GITHUB_WORKFLOW'),
        job: value('GITHUB_JOB'),
        runId: value('GITHUB_RUN_ID'),
        runAttempt: value('GITHUB_RUN_ATTEMPT'),
        actor: value('GITHUB_TRIGGERING_ACTOR') ?? value('GITHUB_ACTOR'),
        event: value('GITHUB_EVENT_NAME'),
        sha: value('GITHUB_SHA'),
    };
}
/**
 * The run key (docs/decision.md) is the workflow run id, run attempt and job. A re-run gets a new attempt
 * and so a new execution; a retried step of the same attempt gets the same one back.
 */
function githubRunKey(context) {
    // Outside a runner (a local run) there is no run to re-enter: every begin is its own. node:crypto
    // is loaded here only, not at start-up on a runner (docs/performance.md, start-up).
    if (!context.runId)
        return `local:${process.getBuiltinModule('node:crypto').randomUUID()}`;
    return `github:${context.runId}:${context.runAttempt ?? '1'}:${context.job ?? ''}`;
}

;// CONCATENATED MODULE: ./src/action/state.ts
/**
 * The post step's state, read and saved only here (like actions/checkout's state-helper): what
 * the main step saves with core.saveState, the runner hands to the post step of the same job as
 * STATE_* variables, which core.getState reads ('' when nothing was saved).
 */


/** Whether this process is the post step: the main step marks the state first thing. */
function isPost() {
    return core/* getState */.Gu(names/* State */.Uw.IsPost) === 'true';
}
/** Called by the main step before anything else, so that the post step knows it is the post step. */
function saveIsPost() {
    core/* saveState */.LZ(names/* State */.Uw.IsPost, 'true');
}
/** The runnable execution the main step began, or undefined when it began none (skipped, failed). */
function getExecutionId() {
    return core/* getState */.Gu(names/* State */.Uw.ExecutionId) || undefined;
}
function saveExecutionId(executionId) {
    core/* saveState */.LZ(names/* State */.Uw.ExecutionId, executionId);
}
/** The run key the main step began its execution under. */
function getRunKey() {
    return core/* getState */.Gu(names/* State */.Uw.RunKey);
}
function saveRunKey(runKey) {
    core/* saveState */.LZ(names/* State */.Uw.RunKey, runKey);
}
/** The files the load reports through (BFX_VARIABLES, BFX_ROW_COUNTS), or undefined when none were made. */
function getLoadFiles() {
    const variables = core/* getState */.Gu(names/* State */.Uw.VariablesFile);
    const rowCounts = core/* getState */.Gu(names/* State */.Uw.RowCountsFile);
    return variables || rowCounts ? { variables, rowCounts } : undefined;
}
function saveLoadFiles(files) {
    core/* saveState */.LZ(names/* State */.Uw.VariablesFile, files.variables);
    core/* saveState */.LZ(names/* State */.Uw.RowCountsFile, files.rowCounts);
}

;// CONCATENATED MODULE: ./src/action/main.ts
/** The main step: begin an execution and publish its outputs (docs/decision.md). */













async function runMain() {
    const settings = readBeginSettings();
    const context = githubRunContext();
    const runKey = githubRunKey(context);
    // process.hrtime, not performance.now(): the global `performance` loads node:perf_hooks (about
    // 1 ms of every main step's start-up, docs/performance.md).
    const started = process.hrtime.bigint();
    await (0,connect/* withCatalog */.w5)(settings.catalog.connectionString, settings.catalog, async (catalog) => {
        const begun = await (0,run_control/* begin */.qN)(catalog, {
            packageName: settings.packageName,
            retryLimit: settings.retryLimit,
            parentExecutionId: settings.parentExecutionId,
            isBatch: settings.isBatch,
            variables: settings.variables,
            runKey,
            context,
            // Always given: without a token (or off GitHub) the check answers 'unknown' and says why. Its
            // module and @actions/github are loaded only when a begin finds an active execution to ask about.
            liveRun: {
                check: async (owner) => (await __nccwpck_require__.e(/* import() */ 961).then(__nccwpck_require__.bind(__nccwpck_require__, 87961))).liveRunCheck({
                    token: settings.liveRun.token,
                    serverUrl: process.env.GITHUB_SERVER_URL,
                    apiUrl: process.env.GITHUB_API_URL,
                })(owner),
                onLiveRun: settings.liveRun.onLiveRun,
                timeoutMs: settings.liveRun.timeoutMs,
            },
        });
        if (begun.kind !== 'begun') {
            throw new errors/* BfxError */.J((0,sentences/* refusedBeginSentence */.jx)(begun, names/* Inputs */.G0.ParentExecutionId, catalog.location));
        }
        const result = begun;
        // The begin has committed: from here on, only the outputs (and the state the post step ends
        // the execution with) may fail the step, since no later step could be gated without them.
        const runnable = (0,decision/* isRunnable */.iU)(result.executionStatus);
        try {
            // Only a runnable execution (E, R, A) is the post step's to end; a skipped one is already ended.
            if (runnable) {
                saveExecutionId(result.executionId);
                saveRunKey(runKey);
            }
            core/* setOutput */.uH(names/* Outputs */.tY.ExecutionID, result.executionId);
            core/* setOutput */.uH(names/* Outputs */.tY.ExecutionStatus, result.executionStatus);
            core/* setOutput */.uH(names/* Outputs */.tY.NextLoadStatus, result.nextLoadStatus);
            // Skipped runs (C) too: a batch's start, and the marks and last success a rollback reads.
            core/* setOutput */.uH(names/* Outputs */.tY.BatchStartTime, result.batchStartTime);
            core/* setOutput */.uH(names/* Outputs */.tY.LastExecutionID, result.lastExecutionId ?? '');
            core/* setOutput */.uH(names/* Outputs */.tY.Variables, JSON.stringify(result.variables));
        }
        catch (error) {
            throw new errors/* BfxError */.J(`Execution ${result.executionId} began as ${result.executionStatus}, but its outputs could not be written ` +
                `(${error instanceof Error ? error.message : String(error)}), so the step fails rather than let the steps ` +
                "gated on them run blind: check the runner's GITHUB_OUTPUT and GITHUB_STATE files.");
        }
        // Everything else is reported, and a piece that cannot be written is a warning.
        const loadDetails = {};
        if (runnable) {
            await (0,log/* afterCommit */.MN)(`The files ${names/* Env */.o9.VariablesFile} and ${names/* Env */.o9.RowCountsFile} the load reports through`, `so the load cannot report its high-water marks and row counts through them: give them to bfx-begin/end as inputs, or check RUNNER_TEMP`, () => {
                // For every later step of the job, and the post step.
                const files = createLoadFiles(result.executionId);
                core/* exportVariable */.dN(names/* Env */.o9.VariablesFile, files.variables);
                core/* exportVariable */.dN(names/* Env */.o9.RowCountsFile, files.rowCounts);
                saveLoadFiles(files);
                loadDetails[names/* Env */.o9.VariablesFile] = files.variables;
                loadDetails[names/* Env */.o9.RowCountsFile] = files.rowCounts;
            });
        }
        await reportBegin(settings.packageName, result, catalog, {
            'Run key': runKey,
            'Retry limit input': settings.retryLimit === undefined ? 'not given' : String(settings.retryLimit),
            'On a live run': `${settings.liveRun.onLiveRun}${settings.liveRun.onLiveRun === 'wait' ? ` up to ${settings.liveRun.timeoutMs / 60_000} min` : ''}`,
            'Begin took': `${Math.round(Number(process.hrtime.bigint() - started) / 1e6)} ms`,
            ...loadDetails,
        });
    });
}

;// CONCATENATED MODULE: ./src/action/post.ts
/** The post step: end the execution the main step began, from the job's status (docs/decision.md, End). */









async function runPost() {
    const executionId = getExecutionId();
    if (!executionId) {
        (0,log/* info */.pq)('bfx-begin: no runnable execution was begun by this job, so there is nothing to end.');
        return;
    }
    const settings = readPostSettings(executionId);
    if (!settings.autoEnd) {
        (0,log/* info */.pq)(`bfx-begin: auto-end is false, so execution ${executionId} is left for an explicit end.`);
        return;
    }
    // What the load wrote to BFX_VARIABLES and BFX_ROW_COUNTS. Whatever is wrong with them (or
    // with the job-status) fails the load: the execution ends F with that sentence, and nothing of
    // either file is stored. The end never leaves the execution active.
    const { report, malformed } = settings.refused ? { report: EMPTY_REPORT, malformed: settings.refused } : readReport();
    const { outcome, message } = (0,decision/* endOutcome */.it)({
        outcome: settings.outcome,
        message: settings.outcome === 'success' ? null : `The job ended with status ${settings.outcome}.`,
    }, malformed?.message ?? null);
    const result = await (0,connect/* withCatalog */.w5)(settings.catalog.connectionString, settings.catalog, async (catalog) => {
        const ended = await (0,run_control/* end */._N)(catalog, {
            executionId,
            outcome,
            message,
            caller: { runKey: getRunKey() },
            variables: report.variables,
            rowCounts: report.rowCounts,
        });
        await reportEnd(ended, executionId, { ...report, catalog });
        return ended;
    });
    if (result.kind === 'not-found') {
        throw new errors/* BfxError */.J(`Execution ${executionId} is no longer in the catalog, so it could not be ended: check that the catalog was not reset.`);
    }
    if (result.kind === 'not-owned') {
        throw new errors/* BfxError */.J(`Execution ${executionId} belongs to run ${result.execution.runKey ?? 'unknown'} and was never this run's, so it was not ended: ` +
            'the catalog no longer matches what the begin step saved; check that it was not changed by hand.');
    }
    if (malformed)
        throw malformed;
}
function readReport() {
    const files = getLoadFiles();
    if (!files)
        return { report: EMPTY_REPORT };
    try {
        return { report: readLoadFiles(files) };
    }
    catch (error) {
        if (error instanceof errors/* BfxError */.J)
            return { report: EMPTY_REPORT, malformed: error };
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/action/index.ts
/**
 * The action's two programs in the bundle (src/programs.ts): action.yml's main and post steps, and
 * end/action.yml. The main and post steps are one file: the main step leaves a state behind, so
 * the same file knows, when the runner starts it again for the post step, that it is the post step.
 */






/** action.yml's main and post steps (dist/main/index.js). */
async function runMainOrPost() {
    if (isPost()) {
        await (0,failure/* runStep */.e)(runPost);
    }
    else {
        saveIsPost();
        await (0,failure/* runStep */.e)(runMain);
    }
}
/** end/action.yml (dist/end/index.js). */
async function runEndAction() {
    await (0,failure/* runStep */.e)(runEnd);
}


/***/ }),

/***/ 58592:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   MN: () => (/* binding */ afterCommit),
/* harmony export */   fJ: () => (/* binding */ fail),
/* harmony export */   lm: () => (/* binding */ notice),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   yW: () => (/* binding */ writeLogDirectly)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(96251);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _log_text_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(73529);
/**
 * Everything the action's steps write to their log: log lines, annotations and the failure, each
 * through the gate of src/log-text.ts, so that no package name, message, server error or other
 * text a user or a server controls can start a workflow command. The rest of src/action writes
 * through these functions only (eslint.config.js refuses core.info and its kin there).
 *
 * Once a step's catalog transaction has committed, what it reports must not fail the step (the
 * begin or end stands, and a failed step would have the post step end a load that never ran as
 * failed): afterCommit() runs one piece of the report and turns its failure into a warning.
 */



const info = (text) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .logLine */ .BP)(text));
const notice = (text, title) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm((0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .logLine */ .BP)(text), { title: (0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .logLine */ .BP)(title) });
const warning = (text, title) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e((0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .logLine */ .BP)(text), title === undefined ? {} : { title: (0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .logLine */ .BP)(title) });
/** Fails the step with its one sentence (an error annotation). */
const fail = (text) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1((0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .logLine */ .BP)(text));
/**
 * Runs a piece of what a step reports after its transaction committed (the job summary, the log
 * lines and annotations, the load's files): a failure becomes a warning saying what is missing
 * and why, and the step goes on.
 */
async function afterCommit(what, consequence, piece) {
    try {
        await piece();
    }
    catch (error) {
        const why = (error instanceof Error ? error.message : String(error)).trim().replace(/\.$/, '');
        try {
            warning(`${what} could not be written (${why}), ${consequence}.`, 'bfx-begin');
        }
        catch {
            // Not even the log can be written to: nothing is left to tell.
        }
    }
}
/**
 * Makes process.stdout, which @actions/core writes every log line and workflow command to, a
 * synchronous writer of file descriptor 1. Node creates process.stdout on first use, and on the
 * pipe a runner gives a step that is a net.Socket: creating it loaded Node's net and stream
 * modules, about 5 ms of the main step's 60 ms of CPU (docs/performance.md, start-up). Node
 * writes to a file or (on Linux) a pipe synchronously as well, so the log reads the same. Called by
 * the shipped steps only (src/programs.ts), before anything writes.
 */
function writeLogDirectly() {
    Object.defineProperty(process, 'stdout', {
        configurable: true,
        enumerable: true,
        writable: true,
        value: { fd: 1, write: writeToLog },
    });
}
function writeToLog(chunk, encodingOrDone, done) {
    const bytes = typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encodingOrDone === 'string' ? encodingOrDone : 'utf8')
        : chunk;
    for (let written = 0; written < bytes.length;) {
        try {
            written += (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeSync)(1, bytes, written);
        }
        catch (error) {
            // A pipe its reader made non-blocking and the reader behind: wait for it, as Node would.
            if (error.code !== 'EAGAIN')
                throw error;
        }
    }
    (typeof encodingOrDone === 'function' ? encodingOrDone : done)?.();
    return true;
}


/***/ }),

/***/ 42814:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G0: () => (/* binding */ Inputs),
/* harmony export */   Uw: () => (/* binding */ State),
/* harmony export */   Xs: () => (/* binding */ ReportOutputs),
/* harmony export */   o9: () => (/* binding */ Env),
/* harmony export */   tY: () => (/* binding */ Outputs)
/* harmony export */ });
/**
 * Every name the action shell shares with its metadata and the runner, in one place: the inputs
 * of action.yml, end/action.yml and report/action.yml, the outputs of action.yml, the keys of the state the main
 * step saves for the post step (read and written only through ./state.ts), and the environment
 * variables it exports to the rest of its job.
 * test/action/names.test.ts checks them against both action.yml files.
 */
/** Input names, as action.yml and end/action.yml declare them (core.getInput). */
const Inputs = {
    // action.yml
    PackageName: 'package-name',
    RetryLimit: 'retry-limit',
    ParentExecutionId: 'parent-execution-id',
    AutoEnd: 'auto-end',
    CreateCatalog: 'create-catalog',
    JobStatus: 'job-status',
    GithubToken: 'github-token',
    OnLiveRun: 'on-live-run',
    LiveRunTimeout: 'live-run-timeout',
    // action.yml: batches
    IsBatch: 'is-batch',
    // end/action.yml
    ExecutionId: 'execution-id',
    Status: 'status',
    Message: 'message',
    // end/action.yml: what the load reports (as the BFX_ROW_COUNTS file does)
    RowCounts: 'row-counts',
    // both
    ConnectionString: 'connection-string',
    ConnectTimeout: 'connect-timeout',
    RequestTimeout: 'request-timeout',
    // both: high-water marks (action.yml: NAME=DEFAULT lines; end/action.yml: NAME=VALUE lines)
    Variables: 'variables',
    // both: where the catalog tables live on SQL Server and PostgreSQL
    CatalogSchema: 'catalog-schema',
    // report/action.yml (with connection-string and catalog-schema)
    Path: 'path',
    SinceDays: 'since-days',
};
/** Output names, as action.yml declares them (core.setOutput): the catalog's column names. */
const Outputs = {
    ExecutionID: 'ExecutionID',
    ExecutionStatus: 'ExecutionStatus',
    NextLoadStatus: 'NextLoadStatus',
    // batches and high-water marks
    BatchStartTime: 'BatchStartTime',
    LastExecutionID: 'LastExecutionID',
    Variables: 'Variables',
};
/** report/action.yml's outputs. */
const ReportOutputs = {
    Path: 'path',
};
/** Keys of the state the main step saves for the post step (core.saveState / core.getState). */
const State = {
    /** Set by the main step first thing: the same bundle, started again, is then the post step. */
    IsPost: 'isPost',
    /** The runnable execution the main step began, for the post step to end. */
    ExecutionId: 'executionId',
    /** The run key it was begun under, so the post step ends it only if no later run took it over. */
    RunKey: 'runKey',
    /** The files the load reports through (Env), for the post step to read. */
    VariablesFile: 'variablesFile',
    RowCountsFile: 'rowCountsFile',
};
/**
 * Environment variables the main step exports (core.exportVariable, through GITHUB_ENV) to every
 * later step of its job: the files a load appends its high-water marks and row counts to.
 */
const Env = {
    VariablesFile: 'BFX_VARIABLES',
    RowCountsFile: 'BFX_ROW_COUNTS',
};


/***/ }),

/***/ 46878:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ splitAttempts),
/* harmony export */   v: () => (/* binding */ rollUpRowCounts)
/* harmony export */ });
/** Splits a batch execution's children into each package's latest attempt and the earlier ones. */
function splitAttempts(children) {
    const latestOf = new Map();
    for (const child of children) {
        const seen = latestOf.get(child.packageId);
        if (!seen || BigInt(child.executionId) > BigInt(seen.executionId))
            latestOf.set(child.packageId, child);
    }
    const latest = new Set(latestOf.values());
    return {
        latest: children.filter((child) => latest.has(child)),
        earlier: children.filter((child) => !latest.has(child)),
    };
}
/** The counts of these executions summed by object and count type, sorted by object then type. */
function rollUpRowCounts(counts, executionIds) {
    const rolled = new Map();
    for (const count of counts) {
        if (!executionIds.has(count.executionId))
            continue;
        const key = JSON.stringify([count.objectName, count.countType]);
        const sum = rolled.get(key);
        rolled.set(key, {
            objectName: count.objectName,
            countType: count.countType,
            rowCount: (sum?.rowCount ?? 0) + count.rowCount,
        });
    }
    return [...rolled.values()].sort((a, b) => a.objectName.localeCompare(b.objectName) || a.countType.localeCompare(b.countType));
}


/***/ }),

/***/ 97008:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $i: () => (/* binding */ CATALOG_VERSION),
/* harmony export */   Gb: () => (/* binding */ UPGRADE_IN_BEGIN_MAX_EXECUTIONS),
/* harmony export */   QQ: () => (/* binding */ SUCCEEDED),
/* harmony export */   R: () => (/* binding */ NameTaken),
/* harmony export */   RC: () => (/* binding */ LockViolation),
/* harmony export */   T3: () => (/* binding */ TABLE_VERSIONS),
/* harmony export */   Xs: () => (/* binding */ ROW_COUNT_COLUMNS),
/* harmony export */   _S: () => (/* binding */ DEFAULT_CATALOG_SCHEMA),
/* harmony export */   c3: () => (/* binding */ ACTION_NO_CREATE),
/* harmony export */   kF: () => (/* binding */ AUDIT_COLUMNS),
/* harmony export */   nl: () => (/* binding */ VARIABLE_COLUMNS),
/* harmony export */   r9: () => (/* binding */ EXECUTION_COLUMNS),
/* harmony export */   uY: () => (/* binding */ tableVersionsStoring),
/* harmony export */   y8: () => (/* binding */ CONTEXT_COLUMNS),
/* harmony export */   zs: () => (/* binding */ PACKAGE_COLUMNS)
/* harmony export */ });
/**
 * The public columns (a contract: users query them from reports), written once. Engines build
 * their select lists, inserts and updates from these maps, so a row field and its column are
 * paired in one place and values are bound by name, never by position.
 */
const PACKAGE_COLUMNS = {
    packageId: 'PackageID',
    packageName: 'PackageName',
    isEnabled: 'IsEnabled',
    retryLimit: 'RetryLimit',
    isBatch: 'IsBatch',
    createdTime: 'CreatedTime',
};
const CONTEXT_COLUMNS = {
    repository: 'Repository',
    workflow: 'Workflow',
    job: 'Job',
    runId: 'RunId',
    runAttempt: 'RunAttempt',
    actor: 'Actor',
    event: 'EventName',
    sha: 'CommitSha',
};
/** Execution columns; packageName comes from the Package row and `ended` from EndTime. */
const EXECUTION_COLUMNS = {
    executionId: 'ExecutionID',
    packageId: 'PackageID',
    parentExecutionId: 'ParentExecutionID',
    executionStatus: 'ExecutionStatus',
    nextLoadStatus: 'NextLoadStatus',
    retryCount: 'RetryCount',
    startTime: 'StartTime',
    endTime: 'EndTime',
    runKey: 'RunKey',
    errorMessage: 'ErrorMessage',
    ...CONTEXT_COLUMNS,
};
const VARIABLE_COLUMNS = {
    name: 'VariableName',
    value: 'VariableValue',
    previousValue: 'PreviousValue',
    executionId: 'ExecutionID',
    updatedTime: 'UpdatedTime',
};
const ROW_COUNT_COLUMNS = {
    executionId: 'ExecutionID',
    objectName: 'ObjectName',
    countType: 'CountType',
    rowCount: 'RowCount',
};
/** AuditLog columns; packageName comes from the Package row. */
const AUDIT_COLUMNS = {
    auditId: 'AuditID',
    packageId: 'PackageID',
    executionId: 'ExecutionID',
    action: 'Action',
    detail: 'Detail',
    actor: 'Actor',
    createdTime: 'CreatedTime',
};
const ACTION_NO_CREATE = {
    because: 'create-catalog is false',
    create: 'deploy it with `bfx migrate` or set create-catalog to true',
    upgrade: 'upgrade it in place with `bfx migrate` or set create-catalog to true',
};
const DEFAULT_CATALOG_SCHEMA = 'bfx';
/** The version of the catalog tables this release creates and upgrades to (docs/catalog.md). */
const CATALOG_VERSION = 4;
/**
 * A begin (the action's and the CLI's create-catalog) upgrades a catalog in place only while it
 * has recorded at most this many executions (its highest ExecutionID): the upgrade builds indexes
 * and checks every execution against the new CHECK constraints, under the migration's lock, while
 * the begin's own load waits. Above it, the begin refuses and says to run `bfx migrate`, which has
 * no such limit and no request timeout (docs/catalog.md, Upgrading a large catalog).
 */
const UPGRADE_IN_BEGIN_MAX_EXECUTIONS = 500_000;
const PACKAGE_V1 = {
    table: 'Package',
    columns: {
        PackageID: 'integer',
        PackageName: 'text',
        IsEnabled: 'boolean',
        RetryLimit: 'integer',
        CreatedTime: 'timestamp',
    },
};
const EXECUTION_V1 = {
    table: 'Execution',
    columns: {
        ExecutionID: 'integer',
        PackageID: 'integer',
        ParentExecutionID: 'integer',
        // The status letters: our own DDL declares them CHAR(1) (SQLite: TEXT), so fixed-length text is theirs alone.
        ExecutionStatus: 'letter',
        NextLoadStatus: 'letter',
        RetryCount: 'integer',
        StartTime: 'timestamp',
        EndTime: 'timestamp',
        RunKey: 'text',
        ErrorMessage: 'text',
        Repository: 'text',
        Workflow: 'text',
        Job: 'text',
        RunId: 'text',
        RunAttempt: 'text',
        Actor: 'text',
        EventName: 'text',
        CommitSha: 'text',
    },
};
/** Version 2's tables: CatalogVersion, Package.IsBatch, ConfigVariable, RowCount and AuditLog added. */
const VERSION_2 = [
    { table: 'Package', columns: { ...PACKAGE_V1.columns, IsBatch: 'boolean' } },
    EXECUTION_V1,
    { table: 'CatalogVersion', columns: { Version: 'integer', AppliedTime: 'timestamp' } },
    {
        table: 'ConfigVariable',
        columns: {
            PackageID: 'integer',
            VariableName: 'text',
            VariableValue: 'text',
            PreviousValue: 'text',
            ExecutionID: 'integer',
            UpdatedTime: 'timestamp',
        },
    },
    {
        table: 'RowCount',
        columns: { ExecutionID: 'integer', ObjectName: 'text', CountType: 'text', RowCount: 'integer' },
    },
    {
        table: 'AuditLog',
        columns: {
            AuditID: 'integer',
            PackageID: 'integer',
            ExecutionID: 'integer',
            Action: 'text',
            Detail: 'text',
            Actor: 'text',
            CreatedTime: 'timestamp',
        },
    },
];
/**
 * The catalog's tables as each version defines them, whole: TABLE_VERSIONS[n - 1] is version n.
 * Version 1 is the first release's (no CatalogVersion table: shape.ts reads our first tables
 * without a recorded version as version 1); the last is CATALOG_VERSION's. Each engine maps its
 * own type names onto these kinds (SQLite keeps booleans as integers and timestamps as text). A
 * 'text' column refuses a fixed-length type (CHAR(n) pads its values with spaces); only the
 * status letters, 'letter', take one.
 */
const TABLE_VERSIONS = [
    [PACKAGE_V1, EXECUTION_V1],
    VERSION_2,
    // Version 3 adds indexes and CHECK constraints only (docs/catalog.md): the same tables.
    VERSION_2,
    // Version 4 lets AuditLog.PackageID be null (a deleted package's record): the same columns.
    VERSION_2,
];
/** The same versions with some kinds stored as others (SQLite: boolean as integer, timestamp and letter as text). */
function tableVersionsStoring(stored) {
    return TABLE_VERSIONS.map((tables) => tables.map((shape) => ({
        table: shape.table,
        columns: Object.fromEntries(Object.entries(shape.columns).map(([column, kind]) => [column, stored[kind] ?? kind])),
    })));
}
/** The status of the execution each package's failure streak is counted from: the report reads every package's latest of it. */
const SUCCEEDED = 'S';
/**
 * A rename met the new name in the catalog: another package took it after the rename read it free
 * (a begin registering it at the same moment). Each engine turns its unique-key violation on the
 * package name into this; run control answers it as the name taken.
 */
class NameTaken extends Error {
    name = 'NameTaken';
    constructor(packageName) {
        super(`Package "${packageName}" was registered while the rename ran: the rename was rolled back.`);
    }
}
/** A guarded update found its row changed: the lock failed to serialize, a bug in an engine. */
class LockViolation extends Error {
    name = 'LockViolation';
    constructor(executionId) {
        super(`Execution ${executionId} was no longer active when its package's lock was held: the update was rolled back.`);
    }
}


/***/ }),

/***/ 63299:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  F5: () => (/* binding */ openEngine),
  w5: () => (/* binding */ withCatalog)
});

// UNUSED EXPORTS: openCatalog

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(83916);
// EXTERNAL MODULE: ./src/catalog/catalog.ts
var catalog_catalog = __nccwpck_require__(97008);
// EXTERNAL MODULE: ./src/catalog/connection-string.ts
var connection_string = __nccwpck_require__(16837);
// EXTERNAL MODULE: ./src/catalog/retry.ts
var retry = __nccwpck_require__(89017);
// EXTERNAL MODULE: ./src/catalog/rows.ts
var catalog_rows = __nccwpck_require__(98422);
// EXTERNAL MODULE: ./src/catalog/shape.ts
var shape = __nccwpck_require__(62062);
// EXTERNAL MODULE: ./src/catalog/turns.ts
var turns = __nccwpck_require__(18471);
// EXTERNAL MODULE: ./src/catalog/sql/driver.ts
var driver = __nccwpck_require__(10912);
// EXTERNAL MODULE: ./src/catalog/limits.ts
var limits = __nccwpck_require__(74999);
;// CONCATENATED MODULE: ./src/catalog/sql/round-trips.ts
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

const asIs = (error) => error;
/** Drivers reject with Error objects; anything else is wrapped, so that callers always get one. */
const asError = (error) => (error instanceof Error ? error : new Error(String(error)));
class RoundTrips {
    driver;
    check;
    queued = [];
    scheduled = false;
    last = Promise.resolve();
    firstFailure;
    /** Whether a COMMIT was answered as done. */
    committed = false;
    constructor(driver, check) {
        this.driver = driver;
        this.check = check;
    }
    /** The transaction's first failure, once known. */
    get failure() {
        return this.firstFailure;
    }
    /** Records a failure found outside the driver (an answer that breaks a rule), if none came first. */
    fail(error) {
        this.firstFailure ??= { error: asError(error) };
    }
    /** Queues a step; resolves with its answer, or rejects with the transaction's first failure. */
    send(step, meaning = asIs) {
        const answer = new Promise((resolve, reject) => {
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
    settled() {
        if (this.queued.length > 0)
            this.flush();
        return this.last;
    }
    flush() {
        this.scheduled = false;
        const entries = this.queued.splice(0);
        if (entries.length > 0)
            this.last = this.last.then(() => this.roundTrip(entries));
    }
    async roundTrip(entries) {
        if (this.firstFailure) {
            for (const entry of entries)
                entry.reject(this.firstFailure.error);
            return;
        }
        const steps = entries.map((entry) => entry.step);
        let outcomes;
        try {
            outcomes = await this.driver.send(steps);
            if (outcomes.length !== steps.length) {
                throw new Error(`The ${this.driver.engine} driver answered ${outcomes.length} of ${steps.length} steps.`);
            }
        }
        catch (error) {
            // No answer: whether a COMMIT among the steps took effect is unknown (docs/design.md).
            const unknown = steps.some((step) => step.kind === 'commit') &&
                !(error instanceof driver/* CommitOutcomeUnknown */.I) &&
                this.driver.faults.isConnectionLoss(error)
                ? new driver/* CommitOutcomeUnknown */.I(error)
                : error;
            outcomes = steps.map(() => ({ ok: false, error: unknown }));
        }
        const checked = this.check?.(steps, outcomes);
        if (checked !== undefined)
            outcomes = steps.map(() => ({ ok: false, error: checked }));
        entries.forEach((entry, i) => {
            const outcome = outcomes[i];
            if (outcome.ok) {
                if (entry.step.kind === 'commit')
                    this.committed = true;
                entry.resolve(outcome.answer);
            }
            else {
                this.firstFailure ??= { error: asError(entry.meaning(outcome.error)) };
                entry.reject(this.firstFailure.error);
            }
        });
    }
}

;// CONCATENATED MODULE: ./src/catalog/sql/transaction.ts





/** Anything that is not an ExecutionID (limits.ts) is bound as -1, which matches no row. */
const executionIdValue = (executionId) => ((0,limits/* isExecutionIdText */.Dm)(executionId) ? executionId : '-1');
const optionalId = (executionId) => (executionId === null ? null : executionIdValue(executionId));
/** The text of a statement for a lock key (one text may serve both). */
const textFor = (text, key) => (typeof text === 'string' ? text : text[key]);
const firstRow = (answer) => answer.rows[0];
const executionOrNull = (answer) => {
    const raw = firstRow(answer);
    return raw ? (0,catalog_rows/* toExecutionRow */.q$)(raw) : null;
};
const packageOrNull = (answer) => {
    const raw = firstRow(answer);
    return raw ? (0,catalog_rows/* toPackageRow */.GK)(raw) : null;
};
/** The last value given for each key (a statement may not change one row twice). */
function lastBy(values, key) {
    return [...new Map(values.map((value) => [key(value), value])).values()];
}
class SqlTransaction {
    driver;
    trips;
    key;
    /** The lock's values, and the packages held exclusively so far (growing as the locks answer). */
    lockParams;
    locked;
    committing;
    constructor(driver, lock, 
    /** Statements sent right after BEGIN (the catalog check of a first transaction), and how their outcomes are judged. */
    prelude) {
        this.driver = driver;
        this.trips = new RoundTrips(driver, prelude?.check);
        let lockParent;
        if ('executionId' in lock) {
            this.key = 'execution';
            // An end, or a change through an execution: its parent's package first, if it has a parent.
            lockParent = true;
            this.lockParams = {
                PackageName: null,
                LockExecutionID: executionIdValue(lock.executionId),
                LockParentExecutionID: null,
                LockedPackageID: null,
                LockedPackageIDs: [],
            };
        }
        else {
            this.key = 'name';
            lockParent = lock.parentExecutionId !== undefined;
            this.lockParams = {
                PackageName: lock.packageName,
                LockExecutionID: null,
                LockParentExecutionID: optionalId(lock.parentExecutionId ?? null),
                LockedPackageID: null,
                LockedPackageIDs: [],
            };
        }
        void this.trips.send({ kind: 'begin', mode: 'package' });
        for (const name of prelude?.steps ?? [])
            void this.statement(name, {});
        if (lockParent) {
            // Held shared, beside the batch's other children: not among the packages whose executions it may change.
            void this.statement('LOCK_PARENT_PACKAGE_SHARED', {}).catch(noop);
        }
        if (!('executionId' in lock) && lock.register !== undefined) {
            void this.statement('REGISTER_PACKAGE', { RetryLimit: lock.register.retryLimit, IsBatch: lock.register.isBatch });
        }
        this.locked = this.statement('LOCK_PACKAGE_EXCLUSIVE', {}).then((answer) => {
            const row = packageOrNull(answer);
            this.lockedTo(answer);
            if (row)
                this.lockParams.LockedPackageID = row.packageId;
            return row;
        });
        this.locked.catch(noop);
    }
    /** Adds the packages a lock statement answered to those this transaction holds exclusively. */
    lockedTo(answer) {
        const ids = answer.rows.map((row) => Number(row.packageId));
        const held = this.lockParams.LockedPackageIDs;
        for (const id of ids)
            if (!held.includes(id))
                held.push(id);
    }
    /**
     * Queues one statement with the lock's values and its own; `meaning` turns its failure into ours.
     * A guarded one (Step.guarded) also binds the number of rows it must change as @GuardedRows.
     */
    statement(name, params, options = {}) {
        if (this.committing)
            return Promise.reject(new Error('The catalog transaction was used after its commit.'));
        const text = textFor(this.driver.statements[name], this.key);
        const lockParams = { ...this.lockParams, LockedPackageIDs: [...this.lockParams.LockedPackageIDs] };
        const { guarded } = options;
        const guard = guarded === undefined ? {} : { GuardedRows: guarded };
        return this.trips.send({ kind: 'statement', name, text, params: { ...lockParams, ...params, ...guard }, guarded }, options.meaning);
    }
    /**
     * A guarded statement that must change `rows` rows, on the server before anything sent behind it
     * (a COMMIT) takes effect: its guard failure, or an answer of another count (the second line), is
     * `failure`.
     */
    guarded(name, params, rows, failure) {
        if (!Number.isSafeInteger(rows) || rows < 1) {
            return Promise.reject(new Error(`A guarded ${name} must change at least one row, not ${rows}.`));
        }
        const { faults } = this.driver;
        const meaning = (error) => error instanceof driver/* GuardFailure */.Q || faults.isGuardFailure(error) ? failure() : error;
        return this.statement(name, params, { guarded: rows, meaning }).then((answer) => {
            if (answer.changed !== rows)
                throw this.failed(failure());
            return answer;
        });
    }
    /** A take-over or finish of one execution: anything but exactly its row changed is a LockViolation. */
    guardedExecution(name, params, executionId) {
        return this.guarded(name, params, 1, () => new catalog_catalog/* LockViolation */.RC(executionId));
    }
    /** A rule an answer broke: the transaction's failure, if it has none yet. */
    failed(error) {
        this.trips.fail(error);
        return error;
    }
    package() {
        return this.locked;
    }
    readExecution(name, params = {}) {
        return this.statement(name, params).then(executionOrNull);
    }
    executionWithRunKey(runKey) {
        return this.readExecution('EXECUTION_WITH_RUN_KEY', { RunKey: runKey });
    }
    activeExecution() {
        return this.readExecution('ACTIVE_EXECUTION');
    }
    latestExecution() {
        return this.readExecution('LATEST_EXECUTION');
    }
    lastEndedExecution() {
        return this.readExecution('LAST_ENDED_EXECUTION');
    }
    execution(executionId) {
        return this.readExecution('EXECUTION_BY_ID', { ExecutionID: executionIdValue(executionId) });
    }
    anyExecution(executionId) {
        return this.readExecution('ANY_EXECUTION', { ExecutionID: executionIdValue(executionId) });
    }
    executionFamily(executionId) {
        return this.statement('EXECUTION_FAMILY', { ExecutionID: executionIdValue(executionId) }).then((answer) => {
            const family = {
                execution: null,
                parent: null,
                children: [],
            };
            for (const raw of answer.rows) {
                const row = (0,catalog_rows/* toExecutionRow */.q$)(raw);
                if ((0,catalog_rows/* bool */.lc)(raw.isExecution))
                    family.execution = row;
                if ((0,catalog_rows/* bool */.lc)(raw.isParent))
                    family.parent = row;
                if ((0,catalog_rows/* bool */.lc)(raw.isChild))
                    family.children.push(row);
            }
            return family;
        });
    }
    children(parentExecutionId) {
        return this.statement('CHILDREN', { ParentExecutionID: executionIdValue(parentExecutionId) }).then((answer) => answer.rows.map(catalog_rows/* toExecutionRow */.q$));
    }
    auditedExecutions(executionIds, actions) {
        if (executionIds.length === 0)
            return Promise.resolve([]);
        const params = { ExecutionIDs: [...new Set(executionIds.map(executionIdValue))], Actions: actions };
        return this.statement('AUDITED_EXECUTIONS', params).then((answer) => answer.rows.map((row) => String(row.executionId)));
    }
    lastExecutionAndVariables(status, beforeExecutionId) {
        const params = { ExecutionStatus: status, BeforeExecutionID: optionalId(beforeExecutionId) };
        return this.statement('LAST_EXECUTION_AND_VARIABLES', params).then((answer) => ({
            lastExecutionId: (0,catalog_rows/* text */.Qq)(firstRow(answer)?.lastExecutionId),
            // A package with no variables answers one row of null variable columns.
            variables: answer.rows.filter((row) => row.name !== null && row.name !== undefined).map(catalog_rows/* toVariable */.G2),
        }));
    }
    variables() {
        return this.statement('VARIABLES', {}).then((answer) => answer.rows.map(catalog_rows/* toVariable */.G2));
    }
    executionAudit(executionId, action) {
        const params = { ExecutionID: executionIdValue(executionId), Action: action };
        return this.statement('EXECUTION_AUDIT', params).then((answer) => answer.rows.map(catalog_rows/* toAuditEntry */.BA));
    }
    packageAudit(action, afterAuditId, limit) {
        const params = {
            Action: action,
            AfterAuditID: afterAuditId === null ? null : executionIdValue(afterAuditId),
            Limit: limit,
        };
        return this.statement('PACKAGE_AUDIT', params).then((answer) => answer.rows.map(catalog_rows/* toAuditEntry */.BA));
    }
    insertExecution(execution) {
        return this.statement('INSERT_EXECUTION', {
            PackageID: execution.packageId,
            ParentExecutionID: optionalId(execution.parentExecutionId),
            ExecutionStatus: execution.executionStatus,
            NextLoadStatus: execution.nextLoadStatus,
            RetryCount: execution.retryCount,
            Ended: execution.ended,
            ErrorMessage: execution.errorMessage,
            RunKey: execution.runKey,
            ...(0,catalog_rows/* contextValues */.S3)(execution.context),
        }).then((answer) => (0,catalog_rows/* toStartedExecution */.hk)(firstRow(answer)));
    }
    takeOverExecution(takeover) {
        const params = {
            ExecutionID: executionIdValue(takeover.executionId),
            ExecutionStatus: takeover.executionStatus,
            NextLoadStatus: takeover.nextLoadStatus,
            RetryCount: takeover.retryCount,
            ParentExecutionID: optionalId(takeover.parentExecutionId),
            RunKey: takeover.runKey,
            ...(0,catalog_rows/* contextValues */.S3)(takeover.context),
        };
        return this.guardedExecution('TAKE_OVER_EXECUTION', params, takeover.executionId).then(noop);
    }
    finishExecution(finish) {
        return this.guardedExecution('FINISH_EXECUTION', finishValues(finish), finish.executionId).then((answer) => executionOrNull(answer) ?? this.noRow(finish.executionId));
    }
    refinishExecution(finish, endedAs) {
        const params = { ...finishValues(finish), EndedAs: endedAs };
        return this.guardedExecution('REFINISH_EXECUTION', params, finish.executionId).then((answer) => executionOrNull(answer) ?? this.noRow(finish.executionId));
    }
    /** A guarded write that changed its row but answered none: a bug in an engine's statement. */
    noRow(executionId) {
        throw this.failed(new Error(`The ${this.driver.engine} catalog changed execution ${executionId} but answered no row.`));
    }
    /** Guarded: the one execution, of a package this transaction locked, or the transaction fails. */
    setNextLoadStatus(executionId, nextLoadStatus) {
        const params = { ExecutionID: executionIdValue(executionId), NextLoadStatus: nextLoadStatus };
        return this.guarded('SET_NEXT_LOAD_STATUS', params, 1, () => notLocked([executionId])).then((answer) => executionOrNull(answer) ?? this.noRow(executionId));
    }
    /** Guarded: every one of the executions (each once), of packages this transaction locked, or the transaction fails. */
    setNextLoadStatuses(executionIds, nextLoadStatus) {
        const distinct = [...new Set(executionIds)];
        if (distinct.length === 0)
            return Promise.resolve();
        const params = { ExecutionIDs: distinct.map(executionIdValue), NextLoadStatus: nextLoadStatus };
        return this.guarded('SET_NEXT_LOAD_STATUSES', params, distinct.length, () => notLocked(distinct)).then(noop);
    }
    lockPackages(packageIds) {
        const ids = [...new Set(packageIds)].sort((a, b) => a - b);
        if (ids.length === 0)
            return Promise.resolve();
        const held = this.lockParams.LockedPackageIDs;
        for (const id of ids)
            if (!held.includes(id))
                held.push(id);
        return this.statement('LOCK_PACKAGES_EXCLUSIVE', { PackageIDs: ids }).then(noop);
    }
    markBatch() {
        return this.statement('MARK_BATCH', {}).then(noop);
    }
    registerVariables(defaults) {
        if (defaults.length === 0)
            return Promise.resolve();
        // The first default given for a name is the one kept, as a second registration would keep it.
        const first = lastBy(defaults.toReversed(), (value) => value.name);
        return this.statement('REGISTER_VARIABLES', namesAndValues(first)).then(noop);
    }
    storeVariables(values, executionId) {
        if (values.length === 0)
            return Promise.resolve();
        const params = {
            ...namesAndValues(lastBy(values, (value) => value.name)),
            ExecutionID: optionalId(executionId),
        };
        return this.statement('STORE_VARIABLES', params).then(noop);
    }
    saveRowCounts(executionId, counts) {
        if (counts.length === 0)
            return Promise.resolve();
        // The last count given for an object and type is the one kept, as a later call would replace it.
        const last = lastBy(counts, (count) => JSON.stringify([count.objectName, count.countType]));
        return this.statement('SAVE_ROW_COUNTS', {
            ExecutionID: executionIdValue(executionId),
            ObjectNames: last.map((count) => count.objectName),
            CountTypes: last.map((count) => count.countType),
            RowCounts: last.map((count) => count.rowCount),
        }).then(noop);
    }
    recordAudit(entry) {
        return this.statement('RECORD_AUDIT', {
            ExecutionID: optionalId(entry.executionId),
            Action: entry.action,
            Detail: entry.detail,
            Actor: entry.actor,
        }).then(noop);
    }
    recordDeletion(entry) {
        return this.statement('RECORD_DELETION', { Action: entry.action, Detail: entry.detail, Actor: entry.actor }).then(noop);
    }
    setEnabled(enabled) {
        return this.statement('SET_ENABLED', { IsEnabled: enabled }).then(packageOrNull);
    }
    packageNamed(packageName) {
        return this.statement('PACKAGE_NAMED', { OtherName: packageName }).then(packageOrNull);
    }
    /** Queue it after every other statement that finds the package by its old name (recordAudit). */
    renamePackage(newName) {
        const taken = (error) => (this.driver.faults.isUniqueViolation(error) ? new catalog_catalog/* NameTaken */.R(newName) : error);
        return this.statement('RENAME_PACKAGE', { NewName: newName }, { meaning: taken }).then((answer) => {
            const row = packageOrNull(answer);
            if (!row)
                throw this.failed(new Error("No package matches this transaction's lock, so it cannot be renamed."));
            return row;
        });
    }
    deletePackage() {
        const steps = [
            'DELETE_PACKAGE_ROW_COUNTS',
            'DELETE_PACKAGE_AUDIT',
            'DELETE_PACKAGE_VARIABLES',
            'DELETE_PACKAGE_EXECUTIONS',
            'DELETE_PACKAGE',
        ];
        return Promise.all(steps.map((name) => this.statement(name, {}))).then((answers) => ({
            executions: answers[3].changed,
        }));
    }
    purgeCandidates(olderThanMinutes, afterExecutionId, limit) {
        const params = { Minutes: olderThanMinutes, AfterExecutionID: optionalId(afterExecutionId), Limit: limit };
        return this.statement('PURGE_CANDIDATES', params).then(standings);
    }
    standings(executionIds, olderThanMinutes) {
        if (executionIds.length === 0)
            return Promise.resolve([]);
        const params = { ExecutionIDs: [...new Set(executionIds.map(executionIdValue))], Minutes: olderThanMinutes };
        return this.statement('STANDINGS', params).then(standings);
    }
    childStandings(parentExecutionIds, olderThanMinutes) {
        if (parentExecutionIds.length === 0)
            return Promise.resolve([]);
        const params = { ExecutionIDs: [...new Set(parentExecutionIds.map(executionIdValue))], Minutes: olderThanMinutes };
        return this.statement('CHILD_STANDINGS', params).then(standings);
    }
    deleteExecutions(executionIds) {
        if (executionIds.length === 0)
            return Promise.resolve(0);
        const params = { ExecutionIDs: [...new Set(executionIds.map(executionIdValue))] };
        const steps = ['DELETE_EXECUTION_ROW_COUNTS', 'DELETE_EXECUTION_AUDIT', 'DELETE_EXECUTIONS'];
        return Promise.all(steps.map((name) => this.statement(name, params))).then((answers) => answers[2].changed);
    }
    deleteOldAudit(olderThanMinutes, limit) {
        return this.statement('DELETE_OLD_AUDIT', { Minutes: olderThanMinutes, Limit: limit }).then((answer) => answer.changed);
    }
    commit() {
        this.committing ??= this.trips.send({ kind: 'commit' }).then(noop);
        return this.committing;
    }
}
const noop = () => undefined;
const standings = (answer) => answer.rows.map(catalog_rows/* toExecutionStanding */.g0);
const finishValues = (finish) => ({
    ExecutionID: executionIdValue(finish.executionId),
    ExecutionStatus: finish.executionStatus,
    NextLoadStatus: finish.nextLoadStatus,
    ErrorMessage: finish.errorMessage,
});
/** Names and values as two lists, paired by position. */
function namesAndValues(values) {
    return { Names: values.map((value) => value.name), Values: values.map((value) => value.value) };
}
/**
 * A write to an execution of a package the transaction did not lock (or to none): a bug in its
 * caller. The guard aborted the transaction on the server, before its COMMIT: nothing was changed.
 */
const notLocked = (executionIds) => new Error(`Execution ${executionIds.join(', ')} is not an execution of a package this transaction has locked: nothing was changed.`);

;// CONCATENATED MODULE: ./src/catalog/sql/catalog.ts
/**
 * CatalogEngine, written once over a Driver: package transactions (transaction.ts), the unlocked
 * reads, and inspect / migrate with the engine's schema.ts and shape.ts. Calls on one catalog take
 * turns on its one connection; a transient fault (faults.isTransient) runs the whole call again
 * from the start on a fresh connection, and whatever fails at last is the user's one sentence
 * (faults.explain).
 *
 * The catalog check of a begin is folded into its first transaction: the catalog's INSPECT and
 * RECORDED_VERSION go right after BEGIN, in the round trip of the locks and the first reads, and
 * are judged before anything is answered. A current catalog costs no round trip more; a missing or
 * older one is rolled back, created or upgraded (or refused, per create-catalog), and the
 * transaction runs again; a foreign or newer one is refused.
 */








/** Connects (so that a wrong host, password or database fails at once and clearly) and returns the catalog. */
async function openSqlCatalog(driver, options, check) {
    const catalog = new SqlCatalog(driver, options, check === 'on-first-use');
    await catalog.connectFirst();
    return catalog;
}
/**
 * What a catalog check does about what it found: nothing for a current catalog; for a missing or
 * older one, a refusal when create-catalog is false, else a migration in place (of a small
 * catalog: a large one is left to `bfx migrate`).
 */
async function makeCurrent(catalog, state, options) {
    if (state.kind === 'version' && state.version >= catalog_catalog/* CATALOG_VERSION */.$i)
        return;
    if (!options.createCatalog) {
        const { because, create, upgrade } = options.noCreate ?? catalog_catalog/* ACTION_NO_CREATE */.c3;
        throw new errors/* BfxError */.J(state.kind === 'empty'
            ? `The catalog ${catalog.location} has no bfx tables and ${because}, so nothing was created: ${create}.`
            : `The catalog ${catalog.location} holds version ${state.version} of the bfx tables, this release needs ` +
                `version ${catalog_catalog/* CATALOG_VERSION */.$i}, and ${because}, so nothing was changed: ${upgrade}.`);
    }
    await catalog.migrate({ maxExecutions: catalog_catalog/* UPGRADE_IN_BEGIN_MAX_EXECUTIONS */.Gb });
}
/** A catalog check found the catalog missing or older: created or upgraded (or refused), then the call runs again. */
class CatalogNotCurrent extends Error {
    state;
    name = 'CatalogNotCurrent';
    constructor(state) {
        super('The catalog is not at the version this release uses.');
        this.state = state;
    }
}
const statement = (driver, name, params = {}) => ({
    kind: 'statement',
    name,
    text: textFor(driver.statements[name], 'name'),
    params,
});
/** The answers of a round trip, or its first failure. */
function answers(outcomes) {
    const failed = outcomes.find((outcome) => !outcome.ok);
    if (failed && !failed.ok)
        throw failed.error;
    return outcomes.map((outcome) => outcome.answer);
}
const hasVersionTable = (inspection) => inspection.columns.some((c) => c.table.toLowerCase() === 'catalogversion' && c.column.toLowerCase() === 'version');
const numberOrNull = (value) => (value === null || value === undefined ? null : Number(value));
class SqlCatalog {
    driver;
    options;
    unchecked;
    engine;
    location;
    turns = new turns/* Turns */.P();
    /** Once the server has answered, a refused or dropped connection means it went away: retry. */
    everConnected = false;
    constructor(driver, options, 
    /** The catalog check is still to be made (create-catalog decides what a missing or older catalog gets). */
    unchecked) {
        this.driver = driver;
        this.options = options;
        this.unchecked = unchecked;
        this.engine = driver.engine;
        this.location = driver.location;
    }
    async connectFirst() {
        try {
            await (0,retry/* retryOnSchedule */.pc)(() => this.driver.connect(), (error) => this.driver.faults.isTransient(error, false), this.driver.faults.schedule);
            this.everConnected = true;
        }
        catch (error) {
            await this.driver.close();
            throw this.driver.faults.explain(error, 'connect');
        }
    }
    // ---- the catalog's tables ------------------------------------------------------------------
    inspect() {
        return this.retrying('read the catalog tables', async () => {
            const [inspected] = answers(await this.driver.send([statement(this.driver, 'INSPECT')]));
            const inspection = this.driver.schema.inspection(inspected);
            const version = hasVersionTable(inspection) ? await this.recordedVersion() : null;
            return this.judge(inspection, version);
        });
    }
    async recordedVersion() {
        const [found] = answers(await this.driver.send([statement(this.driver, 'RECORDED_VERSION')]));
        return numberOrNull(found.rows[0]?.version);
    }
    judge(inspection, recordedVersion) {
        const { schema } = this.driver;
        return (0,shape/* judgeCatalog */.HO)({ ...inspection, recordedVersion }, schema.versions, schema.where, schema.foreignTableFix);
    }
    /**
     * In one transaction under MIGRATE_LOCK: inspect again, refuse what shape.ts refuses, then run
     * the DDL schema.ts gives from the catalog's version, and record the versions applied. When
     * everything is there, only the inspection runs: a user without CREATE rights can run it.
     */
    migrate(options = {}) {
        return this.retrying('migrate the catalog', async () => {
            const { driver } = this;
            try {
                const [, , inspected] = answers(await driver.send([
                    { kind: 'begin', mode: 'migrate' },
                    statement(driver, 'MIGRATE_LOCK'),
                    statement(driver, 'INSPECT'),
                ]));
                const inspection = driver.schema.inspection(inspected);
                const state = this.judge(inspection, hasVersionTable(inspection) ? await this.recordedVersion() : null);
                const from = state.kind === 'empty' ? 0 : state.version;
                if (from > 0 && from < catalog_catalog/* CATALOG_VERSION */.$i) {
                    const [size] = answers(await driver.send([statement(driver, 'UPGRADE_SIZE')]));
                    const { executions, unchecked, firstUnchecked } = size.rows[0] ?? {};
                    const where = driver.schema.where;
                    const refused = (0,shape/* refuseLargeUpgrade */.__)(where, from, catalog_catalog/* CATALOG_VERSION */.$i, Number(executions ?? 0), options.maxExecutions) ??
                        (from < 3
                            ? (0,shape/* refuseUncheckedExecutions */.cb)(where, driver.schema.executionTable ?? 'Execution', Number(unchecked ?? 0), (0,catalog_rows/* text */.Qq)(firstUnchecked))
                            : undefined);
                    if (refused)
                        throw refused;
                }
                const steps = from < catalog_catalog/* CATALOG_VERSION */.$i ? driver.schema.migration(from, inspected) : [];
                const applied = Array.from({ length: catalog_catalog/* CATALOG_VERSION */.$i - from }, (_, i) => from + i + 1);
                answers(await driver.send([
                    ...steps.map(({ text }) => ({ kind: 'ddl', text })),
                    ...(applied.length > 0 ? [statement(driver, 'RECORD_VERSIONS', { Versions: applied })] : []),
                    { kind: 'commit' },
                ]));
                return { from, to: Math.max(from, catalog_catalog/* CATALOG_VERSION */.$i), created: steps.map((step) => step.creates) };
            }
            catch (error) {
                await driver.rollback();
                throw error;
            }
        });
    }
    /** Before a call that cannot fold the check in: the check on its own (outside any turn: it takes its own). */
    async checked() {
        if (!this.unchecked)
            return;
        await makeCurrent(this, await this.inspect(), this.options);
        this.unchecked = false;
    }
    // ---- package transactions ------------------------------------------------------------------
    async transaction(lock, what, work) {
        if (!this.unchecked)
            return this.retrying(what, () => this.attempt(lock, work, false));
        try {
            const result = await this.retrying(what, () => this.attempt(lock, work, true));
            this.unchecked = false;
            return result;
        }
        catch (error) {
            if (!(error instanceof CatalogNotCurrent))
                throw error;
            await makeCurrent(this, error.state, this.options);
            this.unchecked = false;
            return this.retrying(what, () => this.attempt(lock, work, false));
        }
    }
    /**
     * One transaction on the one connection: if that connection is lost, the transaction is gone
     * with it, and the work fails (to be run again from the start) rather than going on, outside
     * any transaction, on a new connection. Work that returns without committing is committed then.
     * Whatever fails, the transaction's first failure is the one reported.
     */
    async attempt(lock, work, check) {
        await this.connection();
        const tx = new SqlTransaction(this.driver, lock, check ? this.foldedCheck() : undefined);
        try {
            const result = await work(handled(tx));
            await tx.commit();
            return result;
        }
        catch (error) {
            await tx.trips.settled();
            if (!tx.trips.committed)
                await this.driver.rollback();
            throw tx.trips.failure ? tx.trips.failure.error : error;
        }
    }
    /**
     * The catalog check in a transaction's first round trip: INSPECT and RECORDED_VERSION after
     * BEGIN. Judged before anything of that round trip is answered: a refusal, or CatalogNotCurrent,
     * fails every step of it, and nothing after it is sent.
     */
    foldedCheck() {
        return {
            steps: ['INSPECT', 'RECORDED_VERSION'],
            check: (steps, outcomes) => {
                const at = steps.findIndex((step) => step.kind === 'statement' && step.name === 'INSPECT');
                if (at < 0)
                    return undefined;
                const [inspected, version] = [outcomes[at], outcomes[at + 1]];
                // A catalog that cannot be read at all (not a database, no rights) fails as it is.
                if (!inspected.ok)
                    return undefined;
                try {
                    const inspection = this.driver.schema.inspection(inspected.answer);
                    // No CatalogVersion table: RECORDED_VERSION failed, and the catalog is at most version 1.
                    const recorded = version.ok ? numberOrNull(version.answer.rows[0]?.version) : null;
                    if (!version.ok && hasVersionTable(inspection))
                        return undefined;
                    const state = this.judge(inspection, recorded);
                    return state.kind === 'version' && state.version === catalog_catalog/* CATALOG_VERSION */.$i
                        ? undefined
                        : new CatalogNotCurrent(state);
                }
                catch (refusal) {
                    return refusal;
                }
            },
        };
    }
    // ---- unlocked reads ------------------------------------------------------------------------
    /** Statements outside any package's lock, on the open connection, in one round trip; their answers. */
    async unlocked(what, names) {
        await this.checked();
        return this.retrying(what, async () => {
            await this.connection();
            return answers(await this.driver.send(names.map(([name, params]) => statement(this.driver, name, params))));
        });
    }
    async status(packageName) {
        const byName = { PackageName: packageName ?? null };
        const [found, latest, active] = await this.unlocked('read the status', [
            ['STATUS_PACKAGES', byName],
            ['STATUS_LATEST', byName],
            ['STATUS_ACTIVE', byName],
        ]);
        const latestOf = new Map(latest.rows.map((raw) => [Number(raw.packageId), raw]));
        const activeOf = new Map(active.rows.map((raw) => [Number(raw.packageId), (0,catalog_rows/* toExecutionRow */.q$)(raw)]));
        return found.rows.map(catalog_rows/* toPackageRow */.GK).map((pkg) => {
            const latestRow = latestOf.get(pkg.packageId);
            return {
                ...pkg,
                latest: latestRow ? (0,catalog_rows/* toExecutionRow */.q$)(latestRow) : null,
                active: activeOf.get(pkg.packageId) ?? null,
                batchPackageName: typeof latestRow?.batchPackageName === 'string' ? latestRow.batchPackageName : null,
            };
        });
    }
    async history(packageName, limit, filter = {}) {
        const unfiltered = filter.sinceMinutes === undefined && filter.statuses === undefined;
        const [rows] = await this.unlocked('read the history', [
            unfiltered
                ? ['HISTORY', { PackageName: packageName, Limit: limit }]
                : ['FILTERED_HISTORY', { PackageName: packageName, Limit: limit, ...filterValues(filter) }],
        ]);
        return rows.rows.map(catalog_rows/* toExecutionRow */.q$);
    }
    async runs(filter, limit) {
        const [rows] = await this.unlocked('read the runs', [['RUNS', { Limit: limit, ...filterValues(filter) }]]);
        return rows.rows.map(catalog_rows/* toExecutionRow */.q$);
    }
    async now() {
        const [rows] = await this.unlocked("read the catalog's clock", [['NOW', {}]]);
        const now = rows.rows[0].now;
        return now instanceof Date ? now.toISOString() : String(now);
    }
    async children(parentExecutionId) {
        const [rows] = await this.unlocked('read the children of a batch execution', [
            ['CHILDREN', { ParentExecutionID: executionIdValue(parentExecutionId) }],
        ]);
        return rows.rows.map(catalog_rows/* toExecutionRow */.q$);
    }
    async variables(packageName) {
        const [rows] = await this.unlocked('read the variables', [['PACKAGE_VARIABLES', { PackageName: packageName }]]);
        if (rows.rows.length === 0)
            return null;
        return rows.rows.filter((raw) => raw.name !== null && raw.name !== undefined).map(catalog_rows/* toVariable */.G2);
    }
    async rowCounts(executionIds) {
        if (executionIds.length === 0)
            return [];
        const ids = [...new Set(executionIds.map(executionIdValue))];
        const [rows] = await this.unlocked('read the row counts', [['ROW_COUNTS', { ExecutionIDs: ids }]]);
        return rows.rows.map(catalog_rows/* toStoredRowCount */.y8);
    }
    async audit(packageName, limit) {
        const [rows] = await this.unlocked('read the audit log', [['AUDIT', { PackageName: packageName, Limit: limit }]]);
        return rows.rows.map(catalog_rows/* toAuditEntry */.BA);
    }
    /** One snapshot (BEGIN 'snapshot'), a fixed number of reads whatever the number of packages. */
    async reportSnapshot(windowMinutes) {
        await this.checked();
        return this.retrying('read the catalog for the report', async () => {
            await this.connection();
            const { driver } = this;
            const window = { Minutes: windowMinutes };
            let found;
            try {
                found = answers(await driver.send([
                    { kind: 'begin', mode: 'snapshot' },
                    statement(driver, 'REPORT_CLOCK', window),
                    statement(driver, 'REPORT_PACKAGES'),
                    statement(driver, 'REPORT_EXECUTIONS', { ...window, Succeeded: catalog_catalog/* SUCCEEDED */.QQ }),
                    statement(driver, 'REPORT_ROW_COUNTS', window),
                    statement(driver, 'REPORT_AUDIT', window),
                    { kind: 'commit' },
                ]));
            }
            catch (error) {
                await driver.rollback();
                throw error;
            }
            const [, clock, packages, executions, rowCounts, audit] = found;
            const instant = (value) => (value instanceof Date ? value.toISOString() : String(value));
            return {
                now: instant(clock.rows[0].now),
                since: instant(clock.rows[0].since),
                packages: packages.rows.map(catalog_rows/* toPackageRow */.GK),
                executions: executions.rows.map(catalog_rows/* toExecutionRow */.q$),
                rowCounts: rowCounts.rows.map(catalog_rows/* toStoredRowCount */.y8),
                audit: audit.rows.map(catalog_rows/* toAuditEntry */.BA),
            };
        });
    }
    close() {
        return this.driver.close();
    }
    // ---- connections and retries ---------------------------------------------------------------
    /** The open connection, or a new one after the last was lost. */
    async connection() {
        await this.driver.connect();
        this.everConnected = true;
    }
    /**
     * Runs an attempt with retries on transient faults, each attempt taking its turn on this
     * catalog (calls made at once on one catalog would otherwise send statements into each other's
     * transaction on the one connection); a failure is turned into one sentence for the user.
     */
    async retrying(what, attempt) {
        const { faults } = this.driver;
        let firstFault;
        let unknownCommit;
        try {
            return await (0,retry/* retryOnSchedule */.pc)(() => this.turns.run(attempt), (error) => {
                const lostCommit = error instanceof driver/* CommitOutcomeUnknown */.I;
                if (lostCommit)
                    unknownCommit ??= error;
                const transient = lostCommit || faults.isTransient(error, this.everConnected);
                if (transient)
                    firstFault ??= error;
                // Whatever the fault, the next attempt starts on a connection with no open transaction.
                if (lostCommit || (transient && faults.isConnectionLoss(error)))
                    this.driver.drop();
                return transient;
            }, faults.schedule);
        }
        catch (error) {
            if (error instanceof CatalogNotCurrent)
                throw error;
            const explained = faults.explain(error, what, firstFault);
            // A fault after a lost COMMIT's answer: the outcome is unknown, never "nothing was changed".
            if (unknownCommit && explained !== error && explained instanceof errors/* BfxError */.J) {
                throw faults.explain(unknownCommit, what, firstFault);
            }
            throw explained;
        }
    }
}
const filterValues = (filter) => ({
    Since: filter.sinceMinutes ?? null,
    Statuses: filter.statuses ?? null,
});
/**
 * The transaction as work sees it: every promise a call returns has a rejection handler, so a call
 * work leaves unawaited when an earlier one failed is never an unhandled rejection (the
 * transaction reports its first failure itself).
 */
function handled(tx) {
    return new Proxy(tx, {
        get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver);
            if (typeof value !== 'function')
                return value;
            return (...args) => {
                const returned = Reflect.apply(value, target, args);
                if (returned instanceof Promise)
                    returned.catch(() => undefined);
                return returned;
            };
        },
    });
}

;// CONCATENATED MODULE: ./src/catalog/connect.ts
/**
 * Connection string -> catalog engine. Only the driver of the engine in use is loaded: each
 * engine folder is a chunk imported on demand, so a SQLite begin never pays for mssql or pg. The
 * SQL core (sql/catalog.ts and what it imports) is imported statically, into the bundle's main file:
 * as a chunk of its own it was one more file for every step to load, and
 * the modules it shares with the SQLite driver were in both chunks (docs/performance.md, start-up).
 * Every engine is on the SQL core: its driver.ts offers openDriver(location, options).
 */




/**
 * Opens the engine a connection string names, without inspecting or creating anything: for
 * `bfx migrate`, which calls migrate() itself to report what it created or upgraded.
 */
async function openEngine(connectionString, options) {
    return (await connect_open(connectionString, options, 'none')).catalog;
}
/**
 * Opens the engine; an engine on the SQL core checks the catalog itself when `check` says so (in
 * its first transaction where it can), and says so with `checks`.
 */
async function connect_open(connectionString, options, check) {
    const target = (0,connection_string/* parseConnectionString */.HH)(connectionString);
    // The schema input wins over the connection string's schema parameter; the engines get a
    // validated name and a connection string without the parameter, which no driver knows.
    const schema = options.schema ?? connectionStringSchema(target.value) ?? catalog_catalog/* DEFAULT_CATALOG_SCHEMA */._S;
    const location = (0,connection_string/* withoutSchemaParameter */.Pm)(target.value);
    const engineOptions = { ...options, schema };
    switch (target.engine) {
        case 'sqlite': {
            const { openDriver } = await importSqliteDriver();
            const catalog = await openSqlCatalog(openDriver((0,connection_string/* sqlitePath */.Au)(target), engineOptions), engineOptions, check);
            return { catalog, checks: check !== 'none' };
        }
        case 'postgres':
        case 'mssql': {
            const { openDriver } = target.engine === 'postgres' ? await Promise.all(/* import() */[__nccwpck_require__.e(849), __nccwpck_require__.e(769)]).then(__nccwpck_require__.bind(__nccwpck_require__, 79769)) : await Promise.all(/* import() */[__nccwpck_require__.e(768), __nccwpck_require__.e(438)]).then(__nccwpck_require__.bind(__nccwpck_require__, 63438));
            const catalog = await openSqlCatalog(openDriver(location, engineOptions), engineOptions, check);
            return { catalog, checks: check !== 'none' };
        }
    }
}
/**
 * The connection string's schema parameter, checked. A refusal does not repeat the value: it is
 * part of the connection string, a secret, and in a keyword string an unquoted password that holds
 * a ; runs into the keywords after it (Password=p;Schema=rest-of-it).
 */
function connectionStringSchema(connectionString) {
    try {
        return (0,connection_string/* catalogSchema */.X8)((0,connection_string/* schemaParameter */.Tz)(connectionString) ?? '', 'schema parameter of the connection string');
    }
    catch (error) {
        if (!(error instanceof errors/* BfxError */.J))
            throw error;
        throw new errors/* BfxError */.J('The schema parameter of the connection string is not a schema name bfx-begin accepts (its value is not repeated ' +
            'here, being part of a secret), so no catalog was contacted: use 1 to 63 letters, digits or underscores, not ' +
            'starting with a digit (Schema=bfxgh, or ?schema=bfxgh in a URL), and enclose a password that holds ; in {braces}.');
    }
}
/** Opens the catalog, creating or upgrading its tables when they are missing or older (createCatalog). */
function openCatalog(connectionString, options) {
    return openChecked(connectionString, options, 'none');
}
/**
 * Opens the catalog and checks it as openCatalog does: at once, or, for an engine on the SQL
 * core, in its first transaction (`on-first-use`), which saves a begin its own check.
 */
async function openChecked(connectionString, options, check) {
    const { catalog, checks } = await connect_open(connectionString, options, check);
    if (checks)
        return catalog;
    try {
        await makeCurrent(catalog, await catalog.inspect(), options);
        return catalog;
    }
    catch (error) {
        await catalog.close();
        throw error;
    }
}
async function importSqliteDriver() {
    try {
        return await __nccwpck_require__.e(/* import() */ 704).then(__nccwpck_require__.bind(__nccwpck_require__, 1704));
    }
    catch (error) {
        if (error.code === 'ERR_UNKNOWN_BUILTIN_MODULE') {
            throw new errors/* BfxError */.J(`The embedded SQLite catalog needs node:sqlite, which Node.js ${process.version} does not have: run bfx with Node.js 24.`);
        }
        throw error;
    }
}
/**
 * Opens the catalog, runs work on it, and closes it whatever happens. A connection that fails to
 * close changes nothing: after work that succeeded (a begin or an end that committed) it cannot
 * fail the caller, and after work that failed the work's own error is the one reported.
 */
async function withCatalog(connectionString, options, work) {
    // Work's first call on the catalog is the check's transaction where it can be.
    const catalog = await openChecked(connectionString, options, 'on-first-use');
    const close = () => Promise.resolve()
        .then(() => catalog.close())
        .catch(() => undefined);
    let result;
    try {
        result = await work(catalog);
    }
    catch (error) {
        await close();
        throw error;
    }
    await close();
    return result;
}


/***/ }),

/***/ 16837:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Au: () => (/* binding */ sqlitePath),
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   HH: () => (/* binding */ parseConnectionString),
/* harmony export */   JF: () => (/* binding */ masksOf),
/* harmony export */   Pm: () => (/* binding */ withoutSchemaParameter),
/* harmony export */   Tz: () => (/* binding */ schemaParameter),
/* harmony export */   VY: () => (/* binding */ secretsIn),
/* harmony export */   X8: () => (/* binding */ catalogSchema)
/* harmony export */ });
/* unused harmony export MIN_MASKED_LENGTH */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(83916);
/**
 * Which engine a connection string names (README: the catalog), decided from its form alone so that
 * bad input is refused before any driver is loaded or any server is contacted.
 */

/**
 * A URL's scheme and `//`. The patterns here that a step runs write letters as [A-Za-z], not
 * [a-z] with the i flag, which matches the same: V8 builds a case-insensitive class with ICU's
 * case closure, about a million instructions the first time, at the start of every step
 * (docs/performance.md, start-up).
 */
const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const ADO_SERVER_KEY = /(^|;)\s*(server|data source|address|addr|network address)\s*=/i;
function parseConnectionString(connectionString) {
    const value = connectionString.trim();
    if (/^sqlite:/i.test(value) && value.length > 'sqlite:'.length)
        return { engine: 'sqlite', value };
    if (/^postgres(ql)?:\/\//i.test(value))
        return { engine: 'postgres', value: readableUrl(value) };
    if (/^(mssql|sqlserver):\/\//i.test(value))
        return { engine: 'mssql', value: readableUrl(value) };
    if (ADO_SERVER_KEY.test(value))
        return { engine: 'mssql', value };
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(value === ''
        ? 'The connection string is empty, so there is no catalog to use: pass sqlite:PATH, a postgres:// URL, or a SQL Server connection string (Server=...;Database=...).'
        : 'The connection string is not a form bfx-begin knows, so no catalog was contacted: use sqlite:PATH, a postgres:// URL, or a SQL Server connection string (Server=...;Database=... or mssql://).');
}
/**
 * A URL whose user name or password holds a character URLs reserve, unencoded, is read by every
 * URL parser with the host somewhere inside the password (postgres://u:p@ss/w#rd@host/db has the
 * host "ss" and the database "w"): part of the password would be looked up as a host name and
 * shown in messages. The sign is an @ after the end of the authority (the first /, ? or #): it is
 * refused before anything is contacted, and the message quotes nothing of the string. An @ the
 * authority holds twice (u:p@ss@host) is read as every parser reads it, up to the last @.
 */
function readableUrl(value) {
    const rest = value.slice(value.indexOf('://') + 3);
    const authorityEnd = rest.search(/[/?#]/);
    if (authorityEnd >= 0 && rest.includes('@', authorityEnd)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J('The connection string is a URL with an @ after its host part, as when a user name or password holds a / ? # or @ ' +
            'that is not percent-encoded, so it cannot be read safely and no catalog was contacted: percent-encode the user ' +
            'name and the password (@ as %40, / as %2F, ? as %3F, # as %23, : as %3A, % as %25), and any @ in a parameter as %40.');
    }
    return value;
}
/** The SQLite file a sqlite: connection string names. */
function sqlitePath(target) {
    return target.value.slice('sqlite:'.length);
}
/**
 * The shortest secret masked on its own. The runner masks a registered secret wherever it appears
 * in the rest of the job's log, and redact() likewise in the CLI's messages: a one-letter password
 * "a" would turn every "a" of every line into ***, and hide little, since no message quotes a
 * password in the first place (a password is only ever masked as a second line of defence). A
 * shorter password is masked only with the text around it in the connection string: the
 * userinfo of a URL (`user:pw@`), the `Password=pw` pair of a keyword string.
 */
const MIN_MASKED_LENGTH = 4;
/**
 * What to register for one secret: the secret, and each of its lines when it holds line breaks
 * (the runner masks line by line, so a secret spanning two lines would never match), each only
 * when it is at least MIN_MASKED_LENGTH characters long.
 */
function masksOf(secret) {
    const pieces = [secret, ...(/[\r\n]/.test(secret) ? secret.split(/\r\n|\r|\n/) : [])];
    return [...new Set(pieces.filter((piece) => piece.trim().length >= MIN_MASKED_LENGTH))];
}
/**
 * The parts of a connection string that must never be shown: the whole string and any password
 * it holds (URL userinfo or a password parameter, or a Password / Pwd keyword, as written and as
 * the driver reads it), as masksOf() registers them; a short password in its context instead.
 */
function secretsIn(connectionString) {
    const secrets = new Set();
    const whole = connectionString.trim();
    if (whole)
        secrets.add(whole);
    /** A password's forms (as written, decoded...) and the text around it, for a short one. */
    const password = (forms, contexts) => {
        const present = forms.filter((form) => form !== '');
        if (present.length === 0)
            return;
        const short = present.some((form) => form.length < MIN_MASKED_LENGTH);
        for (const form of [...present, ...(short ? contexts : [])])
            secrets.add(form);
    };
    if (URL_SCHEME.test(whole)) {
        // The userinfo ends at the last @ before the host, so an unencoded @ in a password stays in it.
        const url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^:/@]*):(.+)@[^@/]*(?:[/?#]|$)/.exec(whole);
        if (url)
            password([url[2], safeDecode(url[2])], [`${url[1]}:${url[2]}@`, `:${url[2]}@`]);
        // pg also reads the password from a parameter: ?password=...
        const query = /\?([^#]*)/.exec(whole)?.[1] ?? '';
        for (const pair of query.split('&')) {
            const [key, value = ''] = pair.split('=');
            if (key.toLowerCase() === 'password')
                password([value, safeDecode(value)], [`${key}=${value}`]);
        }
    }
    else {
        for (const part of keywordParts(whole)) {
            if (!['password', 'pwd'].includes(part.key.toLowerCase().replace(/[\s_]+/g, '')))
                continue;
            const pair = whole.slice(part.start, part.end).replace(/;$/, '').trim();
            const written = pair.slice(pair.indexOf('=') + 1).trim();
            const inner = written.replace(/^(["'{])(.*)["'}]$/s, '$2');
            password([written, inner, part.value], [pair]);
        }
    }
    return [...new Set([...secrets].flatMap(masksOf))];
}
/**
 * Replaces every secret in text with ***, longest first so no fragment of one survives. The
 * secrets are secretsIn()'s: none shorter than MIN_MASKED_LENGTH on its own.
 */
function redact(text, secrets) {
    return [...secrets]
        .sort((a, b) => b.length - a.length)
        .reduce((result, secret) => result.split(secret).join('***'), text);
}
/**
 * The `schema` parameter of a connection string, if any: `?schema=NAME` in a URL, `Schema=NAME`
 * in an ADO.NET string. Engines take it out before they hand the string to their driver.
 */
function schemaParameter(connectionString) {
    const text = connectionString.trim();
    if (/^[A-Za-z]+:\/\//.test(text)) {
        const query = /\?([^#]*)/.exec(text)?.[1] ?? '';
        for (const pair of query.split('&')) {
            const [key, value = ''] = pair.split('=');
            if (key.toLowerCase() === 'schema')
                return safeDecode(value);
        }
        return undefined;
    }
    return keywordParts(text)
        .filter((part) => part.key.toLowerCase() === 'schema')
        .pop()
        ?.value.trim();
}
/** The connection string without its `schema` parameter. */
function withoutSchemaParameter(connectionString) {
    const text = connectionString.trim();
    if (/^[A-Za-z]+:\/\//.test(text)) {
        return text.replace(/([?&])schema=[^&#]*&?/i, '$1').replace(/[?&](#|$)/, '$1');
    }
    return keywordParts(text)
        .filter((part) => part.key.toLowerCase() !== 'schema')
        .map((part) => text.slice(part.start, part.end))
        .join('');
}
/**
 * The `key=value;` parts of an ADO.NET string, each with its span (its `;` included). A value
 * quoted with ", ' or {} (a doubled closing character standing for itself) keeps any `;` or `=`
 * inside, so a password such as {p;Schema=x} is never taken apart. Lenient: the engine's own
 * parser refuses what is malformed.
 */
function keywordParts(text) {
    const parts = [];
    let i = 0;
    while (i < text.length) {
        const start = i;
        let key = '';
        while (i < text.length && text[i] !== '=' && text[i] !== ';')
            key += text[i++];
        let value = '';
        if (text[i] === '=') {
            i++;
            while (i < text.length && text[i] !== ';' && /\s/.test(text[i]))
                i++;
            const open = text[i];
            if (open === '"' || open === "'" || open === '{') {
                const close = open === '{' ? '}' : open;
                for (i++; i < text.length; i++) {
                    if (text[i] !== close)
                        value += text[i];
                    else if (text[i + 1] === close)
                        value += text[i++];
                    else
                        break;
                }
                while (i < text.length && text[i] !== ';')
                    i++;
            }
            else {
                while (i < text.length && text[i] !== ';')
                    value += text[i++];
            }
        }
        if (i < text.length)
            i++;
        parts.push({ key: key.trim(), value, start, end: i });
    }
    return parts;
}
function safeDecode(value) {
    try {
        return decodeURIComponent(value);
    }
    catch {
        return value;
    }
}
/**
 * A catalog schema name (SQL Server and PostgreSQL): letters, digits and underscores, not starting
 * with a digit, so that it can be quoted safely and read the same way in every report.
 */
function catalogSchema(raw, name = 'catalog-schema') {
    const value = raw.trim();
    if (value === '')
        return undefined;
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The ${name} "${raw}" is not a schema name bfx-begin accepts, so no catalog was contacted: ` +
            'use 1 to 63 letters, digits or underscores, not starting with a digit (for example bfxgh).');
    }
    // PostgreSQL keeps pg_* (pg_temp is each session's own, dropped with it) and information_schema;
    // SQL Server keeps sys and INFORMATION_SCHEMA. Refused on every engine, so a workflow that works
    // on one catalog works on another.
    if (/^pg_/i.test(value) || /^(information_schema|sys)$/i.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The ${name} "${raw}" is a schema the database keeps for itself, so no catalog was contacted: ` +
            `name a schema of your own (for example bfxgh), or leave ${name} empty for bfx.`);
    }
    return value;
}


/***/ }),

/***/ 74999:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Dm: () => (/* binding */ isExecutionIdText),
/* harmony export */   Fm: () => (/* binding */ MAX_BIGINT),
/* harmony export */   Wi: () => (/* binding */ fitRunContext),
/* harmony export */   XL: () => (/* binding */ cutToFit),
/* harmony export */   ac: () => (/* binding */ COLUMN_LENGTH),
/* harmony export */   mf: () => (/* binding */ MAX_INT32)
/* harmony export */ });
/* unused harmony export CUT_MARKER */
/** The largest value of a 64-bit signed integer: ExecutionID, AuditID, RowCount (BIGINT; SQLite's INTEGER). */
const MAX_BIGINT = 2n ** 63n - 1n;
/**
 * Whether text is an ExecutionID as bfx-begin writes one: a whole number from 1 to MAX_BIGINT, no
 * sign, no leading zero.
 */
function isExecutionIdText(text) {
    return /^[1-9]\d{0,18}$/.test(text) && BigInt(text) <= MAX_BIGINT;
}
/** The largest value of a 32-bit signed integer: PackageID, RetryLimit, RetryCount (INT). */
const MAX_INT32 = 2_147_483_647;
/** The declared length of each text column that has one; names longer than these are refused. */
const COLUMN_LENGTH = {
    /** Package.PackageName: refused. */
    packageName: 500,
    /** Execution.RunKey: refused. (PackageID, RunKey) is an index key: 4 + 2 * 800 bytes fits SQL Server's 1,700. */
    runKey: 800,
    /** ConfigVariable.VariableName: refused. */
    variableName: 128,
    /** RowCount.ObjectName: refused. */
    objectName: 400,
    /** RowCount.CountType: refused. */
    countType: 128,
    /** AuditLog.Action: bfx-begin's own words (enable, takeover...). */
    action: 40,
    /** AuditLog.Actor: cut. */
    actor: 400,
    /** Execution's run context (Repository, Workflow, Job, RunId, RunAttempt, Actor, EventName, CommitSha): cut. */
    context: 400,
};
/** Ends a value that was cut to fit its column, so that a reader knows there was more. */
const CUT_MARKER = '…';
/**
 * A value for a column whose rule is to cut: unchanged when it fits, else its first `length - 1`
 * units and the marker (never half of a surrogate pair).
 */
function cutToFit(value, length) {
    if (value === null || value.length <= length)
        return value;
    const kept = value.slice(0, length - CUT_MARKER.length);
    return (/[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept) + CUT_MARKER;
}
/** The run context as its columns hold it: every field cut to fit. */
function fitRunContext(context) {
    const fit = (value) => cutToFit(value, COLUMN_LENGTH.context);
    return {
        repository: fit(context.repository),
        workflow: fit(context.workflow),
        job: fit(context.job),
        runId: fit(context.runId),
        runAttempt: fit(context.runAttempt),
        actor: fit(context.actor),
        event: fit(context.event),
        sha: fit(context.sha),
    };
}


/***/ }),

/***/ 89017:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   IP: () => (/* binding */ fixedSchedule),
/* harmony export */   ST: () => (/* binding */ backoffSchedule),
/* harmony export */   cO: () => (/* binding */ DEFAULT_RETRY_POLICY),
/* harmony export */   pc: () => (/* binding */ retryOnSchedule),
/* harmony export */   x8: () => (/* binding */ budgetSchedule)
/* harmony export */ });
/* unused harmony export retryTransient */
/**
 * Six attempts, waiting about 8 to 15 s in all: long enough to ride out an Azure SQL failover or a
 * PostgreSQL restart, which take seconds, short enough that a catalog that stays down fails the
 * step well within a job's patience.
 */
const DEFAULT_RETRY_POLICY = { attempts: 6, baseDelayMs: 500, maxDelayMs: 8000 };
async function retryTransient(work, isTransient, policy = DEFAULT_RETRY_POLICY, onRetry = () => { }) {
    for (let attempt = 1;; attempt++) {
        try {
            return await work();
        }
        catch (error) {
            if (attempt >= policy.attempts || !isTransient(error))
                throw error;
            const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
            const delayMs = ceiling / 2 + Math.random() * (ceiling / 2);
            onRetry(error, attempt, delayMs);
            await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
    }
}
/** retryTransient, with the delays given by a schedule rather than a policy. */
async function retryOnSchedule(work, isTransient, schedule, onRetry = () => { }) {
    const started = Date.now();
    for (let attempt = 1;; attempt++) {
        try {
            return await work();
        }
        catch (error) {
            if (!isTransient(error))
                throw error;
            const delayMs = schedule({ error, attempt, elapsedMs: Date.now() - started });
            if (delayMs === undefined)
                throw error;
            onRetry(error, attempt, delayMs);
            await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
    }
}
/** The delay retryTransient waits after a failed attempt: exponential, capped, with jitter. */
function backoffDelay(policy, attempt) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return ceiling / 2 + Math.random() * (ceiling / 2);
}
/** retryTransient's schedule: policy.attempts in all, exponential backoff with jitter. */
function backoffSchedule(policy = DEFAULT_RETRY_POLICY) {
    return ({ attempt }) => (attempt >= policy.attempts ? undefined : backoffDelay(policy, attempt));
}
/**
 * Exponential backoff with jitter for as long as the next attempt would begin within budgetMs of
 * the first (policy.attempts is not used): a time budget, for faults that last a known while.
 */
function budgetSchedule(budgetMs, policy) {
    return ({ attempt, elapsedMs }) => {
        const delayMs = backoffDelay({ ...policy, attempts: Infinity }, attempt);
        return elapsedMs + delayMs > budgetMs ? undefined : delayMs;
    };
}
/** `retries` more attempts, intervalMs apart, without jitter (ADO.NET's ConnectRetryCount / ConnectRetryInterval). */
function fixedSchedule(retries, intervalMs) {
    return ({ attempt }) => (attempt > retries ? undefined : intervalMs);
}


/***/ }),

/***/ 98422:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BA: () => (/* binding */ toAuditEntry),
/* harmony export */   Bv: () => (/* binding */ packageSelectList),
/* harmony export */   G2: () => (/* binding */ toVariable),
/* harmony export */   GK: () => (/* binding */ toPackageRow),
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   RW: () => (/* binding */ executionSelectList),
/* harmony export */   S3: () => (/* binding */ contextValues),
/* harmony export */   fr: () => (/* binding */ selectList),
/* harmony export */   g0: () => (/* binding */ toExecutionStanding),
/* harmony export */   hk: () => (/* binding */ toStartedExecution),
/* harmony export */   lc: () => (/* binding */ bool),
/* harmony export */   q$: () => (/* binding */ toExecutionRow),
/* harmony export */   y8: () => (/* binding */ toStoredRowCount)
/* harmony export */ });
/* unused harmony export scalarText */
/* harmony import */ var _catalog_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(97008);

/** The run context as named values, keyed by column name (Repository, Workflow, ...). */
function contextValues(context) {
    return Object.fromEntries(Object.entries(_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .CONTEXT_COLUMNS */ .y8).map(([field, column]) => [column, context[field]]));
}
/** `p.PackageID AS packageId, ...` for a Package row aliased `p`. */
function packageSelectList(alias, quote) {
    return Object.entries(_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .PACKAGE_COLUMNS */ .zs)
        .map(([field, column]) => `${alias}.${column} AS ${quote(field)}`)
        .join(', ');
}
/** `alias.Column AS field, ...` for any of the column maps in catalog.ts. */
function selectList(alias, columns, quote) {
    return Object.entries(columns)
        .map(([field, column]) => `${alias}.${column} AS ${quote(field)}`)
        .join(', ');
}
/** The Execution columns of row `e` and the PackageName of its package row `p`. */
function executionSelectList(quote) {
    return [
        ...Object.entries(_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .EXECUTION_COLUMNS */ .r9).map(([field, column]) => `e.${column} AS ${quote(field)}`),
        `p.PackageName AS ${quote('packageName')}`,
    ].join(', ');
}
/** Drivers give text, numbers or bigints for these columns; anything else is a bug in an engine. */
function scalarText(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
        return value.toString();
    throw new TypeError(`A catalog column held a ${typeof value} where text or a number was expected.`);
}
/** scalarText, or null for SQL's NULL. */
const text = (value) => value === null || value === undefined ? null : scalarText(value);
const int = (value) => Number(value);
const time = (value) => value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : scalarText(value);
/** A flag as the drivers give it: true, 1 or '1' (SQLite, SQL Server), false, 0 or null. */
const bool = (value) => value === true || Number(value) === 1;
function toPackageRow(raw) {
    return {
        packageId: int(raw.packageId),
        packageName: scalarText(raw.packageName),
        isEnabled: bool(raw.isEnabled),
        isBatch: bool(raw.isBatch),
        retryLimit: raw.retryLimit === null || raw.retryLimit === undefined ? null : int(raw.retryLimit),
        createdTime: time(raw.createdTime) ?? '',
    };
}
function toExecutionRow(raw) {
    const endTime = time(raw.endTime);
    return {
        executionId: scalarText(raw.executionId),
        packageId: int(raw.packageId),
        packageName: scalarText(raw.packageName),
        parentExecutionId: text(raw.parentExecutionId),
        executionStatus: scalarText(raw.executionStatus),
        nextLoadStatus: scalarText(raw.nextLoadStatus),
        retryCount: int(raw.retryCount),
        startTime: time(raw.startTime) ?? '',
        endTime,
        ended: endTime !== null,
        runKey: text(raw.runKey),
        errorMessage: text(raw.errorMessage),
        repository: text(raw.repository),
        workflow: text(raw.workflow),
        job: text(raw.job),
        runId: text(raw.runId),
        runAttempt: text(raw.runAttempt),
        actor: text(raw.actor),
        event: text(raw.event),
        sha: text(raw.sha),
    };
}
/** An inserted execution's ID and StartTime, as INSERT_EXECUTION answers them. */
function toStartedExecution(raw) {
    return { executionId: scalarText(raw.executionId), startTime: time(raw.startTime) ?? '' };
}
function toVariable(raw) {
    return {
        name: scalarText(raw.name),
        value: scalarText(raw.value),
        previousValue: text(raw.previousValue),
        executionId: text(raw.executionId),
        updatedTime: time(raw.updatedTime) ?? '',
    };
}
function toStoredRowCount(raw) {
    return {
        executionId: scalarText(raw.executionId),
        objectName: scalarText(raw.objectName),
        countType: scalarText(raw.countType),
        rowCount: int(raw.rowCount),
    };
}
function toAuditEntry(raw) {
    return {
        auditId: scalarText(raw.auditId),
        packageId: raw.packageId === null || raw.packageId === undefined ? null : int(raw.packageId),
        packageName: text(raw.packageName),
        executionId: text(raw.executionId),
        action: scalarText(raw.action),
        detail: text(raw.detail),
        actor: text(raw.actor),
        createdTime: time(raw.createdTime) ?? '',
    };
}
/** What retention reads of an execution (operations.ts), from the engines' STANDING selects. */
function toExecutionStanding(raw) {
    return {
        executionId: scalarText(raw.executionId),
        parentExecutionId: text(raw.parentExecutionId),
        executionStatus: scalarText(raw.executionStatus),
        ended: bool(raw.ended),
        old: bool(raw.old),
        latest: bool(raw.latest),
        lastEnded: bool(raw.lastEnded),
        latestOfItsStatus: bool(raw.latestOfItsStatus),
        marksVariables: bool(raw.marksVariables),
    };
}


/***/ }),

/***/ 62062:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   HO: () => (/* binding */ judgeCatalog),
/* harmony export */   Xy: () => (/* binding */ UNCHECKED_EXECUTIONS),
/* harmony export */   __: () => (/* binding */ refuseLargeUpgrade),
/* harmony export */   cb: () => (/* binding */ refuseUncheckedExecutions),
/* harmony export */   n8: () => (/* binding */ EXECUTION_CHECKS)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(83916);
/**
 * Is what the catalog holds ours? Before creating or using tables, an engine reads the columns of
 * the tables that carry our names, and these rules judge them: a table of ours that is there must
 * have every column we need with a type of the right kind; columns we do not know are welcome.
 * A table of our name in another shape is someone else's (a BimlCatalog's own bfx.Package, say),
 * and is never altered or written. The catalog also records which version of our tables it holds,
 * so a later release can upgrade it in place, and an older release refuses a newer catalog.
 */

/** Does a column of type `found` hold what a column of ours of kind `needed` holds? */
function fits(needed, found) {
    return needed === 'letter' ? found === 'text' || found === 'fixed-length text' : found === needed;
}
/** What is wrong with a column of ours, in the refusal's words (found: null for a type of no kind of ours, undefined for no column). */
function misfit(column, needed, found) {
    if (found === undefined)
        return `${column} is missing`;
    if (found === 'fixed-length text' && needed === 'text') {
        return `${column} is fixed-length text, which pads every value with spaces`;
    }
    return `${column} is not ${needed === 'letter' ? 'text' : needed}`;
}
/**
 * Judges an inspection. `versions[n - 1]` is every table as version n defines it, whole; the last is
 * the version this release creates. `where` names the schema or file, `fix` says what the user can
 * do instead when a table is someone else's.
 */
function judgeCatalog(inspection, versions, where, fix) {
    const latest = versions.length;
    if (inspection.recordedVersion !== null && inspection.recordedVersion > latest) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The catalog in ${where} is at version ${inspection.recordedVersion}, newer than the version ${latest} this bfx-begin knows, ` +
            'so nothing was read or changed: use the bfx-begin release that created it, or a later one.');
    }
    const [other] = inspection.others ?? [];
    if (other) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The ${other.kind} ${other.name} in ${where} has the name of a bfx-begin table, so nothing was created, altered or written: ${fix}`);
    }
    const found = new Map();
    for (const { table, column, kind } of inspection.columns) {
        const key = table.toLowerCase();
        if (!found.has(key))
            found.set(key, new Map());
        found.get(key).set(column.toLowerCase(), kind);
    }
    const [first] = versions;
    // Tables of the first version without a recorded version: the first release made them.
    const version = inspection.recordedVersion ?? (first.some((shape) => found.has(shape.table.toLowerCase())) ? 1 : 0);
    const own = new Map((version > 0 ? versions[version - 1] : []).map((shape) => [shape.table.toLowerCase(), shape]));
    for (const newest of versions[latest - 1]) {
        const key = newest.table.toLowerCase();
        const shape = own.get(key) ?? newest;
        const columns = found.get(key);
        if (!columns) {
            if (own.has(key)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The catalog in ${where} is at version ${version} but has no table ${shape.table}, so nothing was changed: ` +
                    'restore the table, or point bfx-begin at a fresh catalog.');
            }
            continue;
        }
        const wrong = Object.entries(shape.columns)
            .filter(([column, kind]) => !fits(kind, columns.get(column.toLowerCase())))
            .map(([column, kind]) => misfit(column, kind, columns.get(column.toLowerCase())));
        if (wrong.length > 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The table ${shape.table} in ${where} is not a bfx-begin table (${wrong.join(', ')}), ` +
                `so nothing was created, altered or written: ${fix}`);
        }
        // More columns are welcome, unless no insert of ours can fill them.
        const ours = new Set(versions.flat().flatMap((v) => (v.table.toLowerCase() === key ? Object.keys(v.columns) : [])));
        const blocking = (inspection.required ?? []).find((c) => c.table.toLowerCase() === key && ![...ours].some((o) => o.toLowerCase() === c.column.toLowerCase()));
        if (blocking) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The table ${shape.table} in ${where} has a column ${blocking.column} that is NOT NULL without a default, ` +
                `so bfx-begin cannot insert its rows and nothing was written: give ${blocking.column} a default, or let it be NULL.`);
        }
    }
    return version === 0 ? { kind: 'empty' } : { kind: 'version', version };
}
/**
 * A begin upgrades a catalog in place only while it is small (catalog.ts,
 * UPGRADE_IN_BEGIN_MAX_EXECUTIONS): above that, the upgrade's index builds and checks would hold
 * the migration's lock for longer than a begin should wait, and every runner would try it again.
 * `executions` is the catalog's highest ExecutionID (0 for none).
 */
function refuseLargeUpgrade(where, from, to, executions, maxExecutions) {
    if (maxExecutions === undefined || from === 0 || from >= to || executions <= maxExecutions)
        return undefined;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The catalog in ${where} holds version ${from} of the bfx tables and about ${executions} executions, too many to upgrade ` +
        `to version ${to} inside a begin (the limit is ${maxExecutions}), so nothing was changed: run \`bfx migrate\` once ` +
        'with this connection string (it has no time limit; docs/catalog.md says what it builds), then run the step again.');
}
/**
 * Version 3 adds CHECK constraints to Execution: an execution without an EndTime is active (E, R or
 * A), and RetryCount is never negative. Rows that break them (written by hand: bfx-begin never
 * writes them) are not changed behind the user's back: the upgrade is refused, naming the first
 * and how to find the others. `where` names the catalog, `table` the Execution table as the user
 * queries it.
 */
function refuseUncheckedExecutions(where, table, count, firstExecutionId) {
    if (count === 0)
        return undefined;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The catalog in ${where} holds ${count} execution${count === 1 ? '' : 's'} that version 3 of the bfx tables refuses ` +
        `(ExecutionID ${firstExecutionId ?? '?'} ${count === 1 ? 'is' : 'is the first'}: ended without an EndTime, or a RetryCount below 0), ` +
        `so it was not upgraded and nothing was changed: find them with SELECT * FROM ${table} WHERE ${UNCHECKED_EXECUTIONS}, ` +
        'give each an EndTime (or an active status) and a RetryCount of 0 or more, then run the step again.');
}
/**
 * Version 3's CHECK constraints of Execution, in SQL every engine reads alike: only an active
 * execution (E, R or A) may have no EndTime, and RetryCount is never negative.
 */
const EXECUTION_CHECKS = [
    `EndTime IS NOT NULL OR ExecutionStatus IN ('E', 'R', 'A')`,
    `RetryCount >= 0`,
];
/** The executions those constraints refuse. */
const UNCHECKED_EXECUTIONS = `(EndTime IS NULL AND ExecutionStatus NOT IN ('E', 'R', 'A')) OR RetryCount < 0`;


/***/ }),

/***/ 10912:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ CommitOutcomeUnknown),
/* harmony export */   Q: () => (/* binding */ GuardFailure)
/* harmony export */ });
/** A driver's own guard failure, for an engine that checks a guarded step's changed count itself. */
class GuardFailure extends Error {
    name = 'GuardFailure';
}
/**
 * A round trip holding COMMIT got no answer (connection lost, request timed out): run again on a
 * new connection on every engine (docs/design.md, "A commit whose outcome is unknown").
 */
class CommitOutcomeUnknown extends Error {
    cause;
    name = 'CommitOutcomeUnknown';
    code = 'ECOMMITUNKNOWN';
    constructor(cause) {
        super(`The round trip holding COMMIT got no answer (${cause instanceof Error ? cause.message : String(cause)}): whether it committed is unknown.`);
        this.cause = cause;
    }
}


/***/ }),

/***/ 18471:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ Turns)
/* harmony export */ });
/**
 * Calls on one open catalog take turns. A transaction's work awaits between its statements, so two
 * calls made at once (Promise.all on one catalog) would otherwise send one's statements into the
 * other's transaction on the shared connection.
 */
class Turns {
    last = Promise.resolve();
    run(work) {
        const run = this.last.then(work, work);
        this.last = run.then(() => undefined, () => undefined);
        return run;
    }
}


/***/ }),

/***/ 27033:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bl: () => (/* binding */ marksBatch),
/* harmony export */   Dl: () => (/* binding */ recordedSince),
/* harmony export */   Dz: () => (/* binding */ decideParent),
/* harmony export */   Fr: () => (/* binding */ EXECUTION_STATUS_NAMES),
/* harmony export */   I2: () => (/* binding */ decideNextLoadStatus),
/* harmony export */   Oi: () => (/* binding */ reportedBeginPlan),
/* harmony export */   WN: () => (/* binding */ beginWrites),
/* harmony export */   _1: () => (/* binding */ decideEnd),
/* harmony export */   aG: () => (/* binding */ batchStartTime),
/* harmony export */   dX: () => (/* binding */ NEXT_LOAD_STATUS_NAMES),
/* harmony export */   gM: () => (/* binding */ holdsFinish),
/* harmony export */   hf: () => (/* binding */ LAST_EXECUTION_STATUS),
/* harmony export */   iU: () => (/* binding */ isRunnable),
/* harmony export */   is: () => (/* binding */ decideReset),
/* harmony export */   it: () => (/* binding */ endOutcome),
/* harmony export */   nT: () => (/* binding */ holdsVariable),
/* harmony export */   ux: () => (/* binding */ decideBegin)
/* harmony export */ });
/* unused harmony exports DEFAULT_RETRY_LIMIT, effectiveRetryLimit, batchPropagation */
/**
 * Every rule of the catalog as a pure function over what the catalog holds: begin, end, and the
 * operator's skip / resume / reset. docs/decision.md states the same rules in prose. Run control
 * (src/run-control/) reads the state under the package's lock, asks these functions, and applies
 * the plan they return; no catalog engine and no SQL text makes a decision.
 */
const DEFAULT_RETRY_LIMIT = 3;
/**
 * Whether an execution of this status runs a load: E (a new load), R (a retry), A (a resumed
 * one). Such an execution is its begin's to end; a begin that skipped the load (C) wrote a row
 * that is already ended.
 */
function isRunnable(status) {
    return status === 'E' || status === 'R' || status === 'A';
}
const EXECUTION_STATUS_NAMES = {
    E: 'Executing',
    R: 'Retry',
    A: 'Active',
    C: 'Canceled',
    S: 'Succeeded',
    F: 'Failed',
};
const NEXT_LOAD_STATUS_NAMES = {
    P: 'Pending',
    R: 'Retry',
    C: 'Canceled',
};
/**
 * Whether an execution holds what an end (or a reset) wrote. One whose commit's answer was lost
 * (the connection dropped after COMMIT was sent) runs again and finds its execution ended: when it
 * holds this end's status and message, the commit went through and the end is done, not "already
 * ended" (and a reset does not end what a begin started meanwhile). The NextLoadStatus is not
 * compared: others may have set it since (an operator's skip or resume, its batch's end).
 */
function holdsFinish(execution, finish) {
    return (execution.ended &&
        execution.executionStatus === finish.executionStatus &&
        execution.errorMessage === finish.errorMessage);
}
/**
 * Whether a variable holds what an operator's var set stored over the value it read: its value, the
 * value before as PreviousValue, and no execution's. Run again after its commit's answer was lost,
 * a var set that finds it so is done; storing again would make PreviousValue the new value.
 */
function holdsVariable(stored, set, previousValue) {
    return stored.value === set.value && stored.previousValue === previousValue && stored.executionId === null;
}
/**
 * A command run again after its COMMIT's answer was lost: its own audit entry (same execution,
 * detail, actor) among those recorded since its attempt read the newest, if that attempt
 * committed. Its effect is no proof: others may have undone it since (docs/design.md).
 */
function recordedSince(since, entry) {
    return since.find((recorded) => recorded.executionId === entry.executionId && recorded.detail === entry.detail && recorded.actor === entry.actor);
}
/**
 * The plan a begin reports. A begin whose commit's answer was lost runs again and finds the
 * execution carrying its run key, which the attempt that sent the COMMIT had not found under the
 * same lock: its own write, committed. It reports the decision it made then (insert, resume,
 * abandon and insert), not a re-entry; a re-entry is a begin that found its run's execution
 * from the start.
 */
function reportedBeginPlan(plan, sent) {
    return plan.kind === 'reenter' && sent !== undefined && beginWrites(sent) ? sent : plan;
}
/** Step 3: the retry-limit input, else the package row's RetryLimit, else 3. */
function effectiveRetryLimit(input, packageRetryLimit) {
    return input ?? packageRetryLimit ?? DEFAULT_RETRY_LIMIT;
}
/** A named parent must be an execution of the catalog: a begin cannot run under a batch that is not there. */
function decideParent(parentExecutionId, parentFound) {
    if (parentExecutionId === null)
        return { kind: 'no-parent' };
    return parentFound ? { kind: 'under-parent', parentExecutionId } : { kind: 'unknown-parent', parentExecutionId };
}
/**
 * Whether a begin's plan writes to the catalog: every plan but a re-entry (it returns what the
 * first begin wrote) and an ask (nothing is written before GitHub answers). Only a begin that
 * writes marks its package a batch and registers the load's high-water marks.
 */
function beginWrites(plan) {
    return plan.kind !== 'reenter' && plan.kind !== 'ask';
}
/**
 * Whether a begin marks its package a batch: asked to (is-batch), by a begin that writes, and not
 * a batch yet. A begin without is-batch never unmarks one.
 */
function marksBatch(plan, isBatch, packageIsBatch) {
    return beginWrites(plan) && isBatch && !packageIsBatch;
}
function decideBegin(state, retryLimitInput) {
    // 1. Re-entry: a retried call never creates a second execution.
    if (state.reentry) {
        return {
            kind: 'reenter',
            execution: state.reentry,
            reason: `This run already began execution ${state.reentry.executionId}; its values are returned unchanged.`,
        };
    }
    // 3. Effective retry limit.
    const limit = effectiveRetryLimit(retryLimitInput, state.package.retryLimit);
    // 4. Disabled.
    if (!state.package.isEnabled) {
        return {
            kind: 'insert',
            execution: { executionStatus: 'C', nextLoadStatus: 'P', ended: true },
            reason: 'The package is disabled, so this run is skipped.',
        };
    }
    // 5. Active execution: resume it below the limit, abandon it at or above; but never while the
    // run that owns it is alive (asked of GitHub first, where it can be asked).
    const active = state.active;
    if (active) {
        if (state.activeRun === 'unasked') {
            return {
                kind: 'ask',
                execution: active,
                reason: `Execution ${active.executionId} never ended; whether its run is still alive is asked of GitHub before anything is written.`,
            };
        }
        if (state.activeRun === 'alive') {
            // At the retry limit too: a live run is never abandoned.
            return {
                kind: 'yield',
                execution: active,
                executionStatus: 'C',
                nextLoadStatus: active.nextLoadStatus,
                reason: `Execution ${active.executionId} is still being loaded by a GitHub run that has not completed, ` +
                    'so this run is skipped and the catalog is left as it is.',
            };
        }
        const neverEnded = `Execution ${active.executionId} never ended` +
            (state.activeRun === 'completed' ? ' (the GitHub run that owned it has completed)' : '');
        if (active.retryCount < limit) {
            return {
                kind: 'resume',
                executionId: active.executionId,
                executionStatus: 'A',
                nextLoadStatus: 'P',
                retryCount: active.retryCount + 1,
                parentExecutionId: state.parentExecutionId ?? null,
                reason: `${neverEnded}; this run resumes it (attempt ${active.retryCount + 1} of ${limit}).`,
            };
        }
        return {
            kind: 'abandon-and-insert',
            abandoned: {
                executionId: active.executionId,
                executionStatus: 'F',
                nextLoadStatus: 'R',
                errorMessage: `Abandoned by a later begin: the execution was still active after ${active.retryCount} ` +
                    `resumption(s), the retry limit of ${limit}.`,
            },
            execution: { executionStatus: 'E', nextLoadStatus: 'C', ended: false },
            reason: `${neverEnded} and reached the retry limit of ${limit}; ` +
                'it is abandoned as failed and a fresh execution starts.',
        };
    }
    // 6. No active execution: follow the most recent execution's NextLoadStatus.
    switch (state.latestNextLoadStatus) {
        case 'R':
            return {
                kind: 'insert',
                execution: { executionStatus: 'R', nextLoadStatus: 'C', ended: false },
                reason: 'The previous execution failed, so this run retries it.',
            };
        case 'C':
            return {
                kind: 'insert',
                execution: { executionStatus: 'C', nextLoadStatus: 'C', ended: true },
                reason: 'The previous execution asked for the next run to be skipped (NextLoadStatus C), so this run is skipped.',
            };
        case 'P':
            return {
                kind: 'insert',
                execution: { executionStatus: 'E', nextLoadStatus: 'C', ended: false },
                reason: 'The previous execution ended normally, so a new load starts.',
            };
        case null:
            return {
                kind: 'insert',
                execution: { executionStatus: 'E', nextLoadStatus: 'C', ended: false },
                reason: 'The package has no execution yet, so its first load starts.',
            };
    }
}
/**
 * What an end records: the outcome it was asked for, unless what the load reported back (its
 * marks and row counts, in files or inputs) could not be read; then the load failed, with the
 * sentence that says why, and nothing it reported is stored.
 */
function endOutcome(asked, unreadableReport) {
    return unreadableReport === null ? asked : { outcome: 'failure', message: unreadableReport };
}
/**
 * A begin's BatchStartTime: for a child, its batch execution's StartTime, so that every load of
 * one batch filters on the same instant; for any other execution, its own StartTime.
 */
function batchStartTime(ownStartTime, batch) {
    return batch?.startTime ?? ownStartTime;
}
/** A begin's LastExecutionID is the package's latest execution of this status: the last load that succeeded. */
const LAST_EXECUTION_STATUS = 'S';
/**
 * What a batch's end (or reset) sets on its children: on S every child proceeds normally next
 * time (P); on F the children that succeeded are skipped next time (C), the failed keep R, and
 * the ones that never began start fresh (E). A child whose NextLoadStatus an operator set (skip,
 * resume) after it ended keeps it: the operator's word is the later one.
 */
function batchPropagation(status, children, operatorChanged = []) {
    const open = children.filter((child) => !operatorChanged.includes(child.executionId));
    return status === 'S'
        ? { executionIds: open.map((child) => child.executionId), nextLoadStatus: 'P' }
        : {
            executionIds: open.filter((child) => child.executionStatus === 'S').map((child) => child.executionId),
            nextLoadStatus: 'C',
        };
}
function decideEnd(state, outcome, message, caller) {
    const { execution, isBatch, parent, children } = state;
    const { executionId } = execution;
    const toChildren = (status) => isBatch ? batchPropagation(status, children, state.operatorChanged) : null;
    if (execution.ended) {
        // "Re-run failed jobs": only a later attempt of the run whose own end failed the batch may
        // close it again, and only while nothing came after it.
        const asksToReclose = isBatch && execution.executionStatus === 'F' && outcome === 'success' && caller !== null && 'runId' in caller;
        if (!asksToReclose)
            return { kind: 'already-ended' };
        if (!state.reclose)
            return { kind: 'read-reclose' };
        const why = recloseRefusal(state.reclose, executionId, caller);
        if (why)
            return { kind: 'already-ended', why };
        return {
            kind: 'reclose',
            endedAs: 'F',
            finish: { executionId, executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null },
            children: toChildren('S'),
            commitVariables: true,
            recordFailure: null,
        };
    }
    if (caller && !ownedBy(execution, caller))
        return ownership(state, caller);
    if (outcome === 'success') {
        // A child that succeeds after its batch has already failed is skipped by the batch's rerun.
        const batchFailed = parent !== null && parent.ended && parent.executionStatus === 'F';
        return {
            kind: 'end',
            finish: { executionId, executionStatus: 'S', nextLoadStatus: batchFailed ? 'C' : 'P', errorMessage: null },
            children: toChildren('S'),
            commitVariables: true,
            recordFailure: null,
        };
    }
    return {
        kind: 'end',
        finish: {
            executionId,
            executionStatus: 'F',
            nextLoadStatus: 'R',
            errorMessage: message ?? (outcome === 'cancelled' ? 'The job was cancelled.' : 'The job failed.'),
        },
        children: toChildren('F'),
        commitVariables: false,
        recordFailure: isBatch && caller !== null && 'runId' in caller ? { ...caller } : null,
    };
}
/** Why a success may not re-close a failed batch execution, as a clause; undefined when it may. */
function recloseRefusal(reclose, executionId, caller) {
    const { failedBy, latestExecutionId } = reclose;
    if (latestExecutionId !== executionId) {
        return `a later execution (${latestExecutionId}) of the batch has begun since it failed`;
    }
    if (!failedBy)
        return 'it was not failed by an end of a workflow run (it was abandoned or reset)';
    if (failedBy.runId !== caller.runId)
        return `it was failed by another workflow run (${failedBy.runId})`;
    if (caller.runAttempt <= failedBy.runAttempt) {
        return `only a later attempt than attempt ${failedBy.runAttempt}, whose end failed it, may close it again`;
    }
    return undefined;
}
function ownedBy(owner, caller) {
    if ('runKey' in caller)
        return owner.runKey === caller.runKey;
    return owner.runId === caller.runId;
}
/**
 * An active execution another run owns now: taken over from the caller, or never the caller's?
 * Only a takeover (begin step 5) changes an execution's owner, and each adds one to its
 * RetryCount: at RetryCount 0 the owner in the row is the only one it ever had, so the caller
 * never owned it. Otherwise the owners before are those recorded with the takeovers; if fewer
 * takeovers are recorded than RetryCount counts (made by a release that did not record them),
 * the caller may have been one of the unrecorded owners, and it is taken as a takeover.
 */
function ownership(state, caller) {
    const { execution, previousOwners } = state;
    if (execution.retryCount === 0)
        return { kind: 'not-owned' };
    if (previousOwners === undefined)
        return { kind: 'read-owners' };
    if (previousOwners.some((owner) => ownedBy(owner, caller)))
        return { kind: 'taken-over' };
    return previousOwners.length < execution.retryCount ? { kind: 'taken-over' } : { kind: 'not-owned' };
}
/** skip (C) and resume (P): the latest execution's NextLoadStatus, refused while one is active. */
function decideNextLoadStatus(state, nextLoadStatus) {
    if (!state.packageFound)
        return { kind: 'no-package' };
    if (state.active)
        return { kind: 'active', execution: state.active };
    if (!state.latest)
        return { kind: 'no-execution' };
    return { kind: 'change', executionId: state.latest.executionId, nextLoadStatus };
}
/** reset: the package's active execution ends as F / R, so that the next begin retries it (R). */
function decideReset(state, message) {
    if (!state.packageFound)
        return { kind: 'no-package' };
    if (!state.active)
        return { kind: 'none-active' };
    const failed = (executionId) => ({
        executionId,
        executionStatus: 'F',
        nextLoadStatus: 'R',
        errorMessage: message,
    });
    const succeeded = batchPropagation('F', state.activeChildren, state.operatorChanged);
    return {
        kind: 'reset',
        finish: failed(state.active.executionId),
        children: state.activeChildren.filter((child) => !child.ended).map((child) => failed(child.executionId)),
        propagation: succeeded.executionIds.length > 0 ? succeeded : null,
    };
}


/***/ }),

/***/ 83916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ BfxError)
/* harmony export */ });
/**
 * An error meant for the user: one sentence saying what went wrong, why, and what to do.
 * Anything else that escapes is a bug and is reported as one.
 */
class BfxError extends Error {
    name = 'BfxError';
}


/***/ }),

/***/ 73529:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BP: () => (/* binding */ logLine),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   dF: () => (/* binding */ logJson),
/* harmony export */   kc: () => (/* binding */ logText)
/* harmony export */ });
/**
 * The one gate between text and a step's log. The runner reads the stdout and stderr of the
 * action's steps, and of bfx in a workflow's `run:` step, line by line for workflow commands
 * (actions/runner, ActionCommand.cs): a line that starts with `::` after blanks (`::add-mask::`,
 * `::error::`, `::stop-commands::`), and a line that holds `##[` anywhere (the older form, still
 * parsed). Package names, messages, run keys, variable names, row-count objects, audit details
 * and server errors are text that users or servers control: none of it may start a command. So
 * every line the action or bfx prints passes here (src/action/log.ts, src/cli/index.ts):
 *
 * - line breaks and other characters that do not show (controls, format characters and the other
 *   default-ignorable code points, which .NET's culture-aware comparisons skip, so that
 *   `:\u200B:error::` may still read as `::error::`) are written as escapes (`\n`, `\u200b`),
 *   so text can neither begin a line of its own nor hide a command in plain sight;
 * - a line that would still start with `::` gets a backslash before it (`\::error::...`);
 * - a `##[` is written `##\[`.
 *
 * The commands the action issues itself (add-mask, the annotations) are written by
 * @actions/core, which escapes their data; outputs, state and exported variables go through the
 * runner's files, not the log.
 */
/**
 * What does not show in a log line: controls, format characters, default-ignorables, U+2028/9.
 * Made with new RegExp on first use, not written as a literal: V8 checks a literal's syntax when
 * it parses the code around it (at start-up, for webpack's modules), and for these Unicode
 * properties ICU builds their sets then, about 4.5 million instructions of every step's start-up
 * (docs/performance.md) for log lines that are nearly always printable ASCII, which
 * PRINTABLE_ASCII lets through without it.
 */
let hidden;
const HIDDEN = () => (hidden ??= new RegExp(String.raw `[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]`, 'gu'));
/** Printable ASCII, where HIDDEN finds nothing. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** The same, with the line breaks of pretty-printed JSON, which logJson keeps. */
const PRINTABLE_ASCII_LINES = /^[\x20-\x7e\n]*$/;
/** A character as its \uXXXX escape(s), one per UTF-16 unit: valid in JSON too. */
const escapeUnits = (char) => [...Array(char.length).keys()].map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
/**
 * Text a user or a server controls, on one line: line breaks and every character that does not
 * show are written escaped, so a value can neither break a listing nor begin a line of its own.
 */
function oneLine(text) {
    if (PRINTABLE_ASCII.test(text))
        return text;
    return text.replace(HIDDEN(), (char) => {
        switch (char) {
            case '\n':
                return '\\n';
            case '\r':
                return '\\r';
            case '\t':
                return '\\t';
            default:
                return escapeUnits(char);
        }
    });
}
/** One line of the log (a message, a sentence), whatever it holds: it starts no workflow command. */
function logLine(text) {
    const visible = oneLine(text);
    const unstarted = /^\s*::/.test(visible) ? visible.replace(':', '\\:') : visible;
    return unstarted.replaceAll('##[', '##\\[');
}
/** Text of several lines (a listing): each line made a logLine, the line breaks kept. */
function logText(text) {
    return text
        .split(/\r\n|\r|\n/)
        .map(logLine)
        .join('\n');
}
/**
 * A value as JSON for the log, the same value to any JSON parser: what does not show and `##[`
 * are written as \u escapes inside their strings (JSON.stringify already escapes line breaks),
 * and no line of pretty-printed JSON starts with `::`.
 */
function logJson(value) {
    // A raw line break is the layout's: in a string JSON.stringify has escaped it.
    const json = JSON.stringify(value, null, 2) ?? 'null';
    return (PRINTABLE_ASCII_LINES.test(json)
        ? json
        : json.replace(HIDDEN(), (char) => (char === '\n' ? char : escapeUnits(char)))).replaceAll('##[', '##\\u005b');
}


/***/ }),

/***/ 66683:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ parseRowCounts),
/* harmony export */   r: () => (/* binding */ parseVariables)
/* harmony export */ });
/* harmony import */ var _catalog_limits_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(74999);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(83916);


/**
 * The text's non-blank lines, numbered. A NUL byte refuses the whole text: PostgreSQL's text
 * cannot hold one, so it is refused here, the same on every engine, not stored by some.
 */
function lines(text, source) {
    const numbered = text.split(/\r?\n/).map((line, index) => ({ line, number: index + 1 }));
    const nul = numbered.find(({ line }) => line.includes('\0'));
    if (nul) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(`Line ${nul.number} of ${source} holds a NUL byte, which no catalog column can store, so nothing the load reported was stored: ` +
            'write text lines only.');
    }
    return numbered.filter(({ line }) => line.trim() !== '');
}
/** Shows a line in a message: cut when long, control characters made visible. */
function quoted(line) {
    const shown = line.length > 80 ? `${line.slice(0, 77)}...` : line;
    return JSON.stringify(shown);
}
/** `NAME=VALUE` lines; the last line for a name wins. Values are kept exactly, `=` and spaces included. */
function parseVariables(text, source) {
    const variables = new Map();
    for (const { line, number } of lines(text, source)) {
        const equals = line.indexOf('=');
        const name = equals < 0 ? '' : line.slice(0, equals).trim();
        if (equals < 0 || name === '' || name.length > _catalog_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .COLUMN_LENGTH */ .ac.variableName) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(`Line ${number} of ${source} (${quoted(line)}) is not NAME=VALUE with a name of 1 to ${_catalog_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .COLUMN_LENGTH */ .ac.variableName} characters, ` +
                'so no variable was stored: write one NAME=VALUE per line.');
        }
        variables.set(name, line.slice(equals + 1));
    }
    return variables;
}
/** `OBJECT:COUNTTYPE=N` lines, split at the last `:` before the last `=`; a later line for the same object and type wins. */
function parseRowCounts(text, source) {
    const counts = new Map();
    for (const { line, number } of lines(text, source)) {
        const equals = line.lastIndexOf('=');
        const target = equals < 0 ? '' : line.slice(0, equals);
        const colon = target.lastIndexOf(':');
        const objectName = colon < 0 ? '' : target.slice(0, colon).trim();
        const countType = colon < 0 ? '' : target.slice(colon + 1).trim();
        const value = equals < 0 ? '' : line.slice(equals + 1).trim();
        if (objectName === '' ||
            countType === '' ||
            objectName.length > _catalog_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .COLUMN_LENGTH */ .ac.objectName ||
            countType.length > _catalog_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .COLUMN_LENGTH */ .ac.countType ||
            !/^\d{1,15}$/.test(value)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(`Line ${number} of ${source} (${quoted(line)}) is not OBJECT:COUNTTYPE=N with N a whole number >= 0, ` +
                'so no row count was stored: write lines such as dbo.Customer:Insert=120.');
        }
        counts.set(JSON.stringify([objectName, countType]), { objectName, countType, rowCount: Number(value) });
    }
    return [...counts.values()];
}


/***/ }),

/***/ 42767:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $m: () => (/* binding */ previousOwner),
/* harmony export */   DX: () => (/* binding */ VAR_SET),
/* harmony export */   Et: () => (/* binding */ OPERATOR_NEXT_LOAD),
/* harmony export */   IY: () => (/* binding */ RESUME),
/* harmony export */   Wn: () => (/* binding */ batchFailureDetail),
/* harmony export */   XG: () => (/* binding */ batchFailure),
/* harmony export */   _1: () => (/* binding */ BATCH_FAILURE),
/* harmony export */   _Z: () => (/* binding */ SKIP),
/* harmony export */   nF: () => (/* binding */ takeoverDetail),
/* harmony export */   pD: () => (/* binding */ yieldDetail),
/* harmony export */   wg: () => (/* binding */ YIELD),
/* harmony export */   yA: () => (/* binding */ TAKEOVER)
/* harmony export */ });
/** The audit actions of an operator's skip and resume: a batch's end leaves what they set alone. */
const SKIP = 'skip';
const RESUME = 'resume';
const OPERATOR_NEXT_LOAD = [SKIP, RESUME];
const YIELD = 'yield';
const yieldDetail = (runKey, reason) => `Run ${runKey} was skipped: ${reason}`;
const VAR_SET = 'var set';
/** The audit action of a takeover (begin step 5, resume): its detail names the run it was taken from. */
const TAKEOVER = 'takeover';
/**
 * The detail of a takeover's audit entry: a sentence for bfx history that begins with the run
 * keys, JSON-quoted, so that previousOwner() reads the one it was taken from back exactly.
 */
function takeoverDetail(runKey, from, reason) {
    const workflowRun = from.runId === null ? '' : ` (workflow run ${from.runId})`;
    return `Run ${JSON.stringify(runKey)} took it over from run ${JSON.stringify(from.runKey ?? '')}${workflowRun}: ${reason}`;
}
/** The run a takeover's audit entry says the execution was taken from; undefined for a detail of another form. */
function previousOwner(detail) {
    const quoted = String.raw `"(?:[^"\\]|\\.)*"`;
    const match = new RegExp(String.raw `^Run ${quoted} took it over from run (${quoted})(?: \(workflow run (\d+)\))?:`).exec(detail ?? '');
    if (!match)
        return undefined;
    const runKey = JSON.parse(match[1]);
    return { runKey: runKey === '' ? null : runKey, runId: match[2] ?? null };
}
/**
 * The audit action recorded when a workflow run's end fails a batch execution: a later attempt of
 * that run may close it again (docs/batches.md, "Re-run failed jobs"); nothing else may.
 */
const BATCH_FAILURE = 'batch failed';
/** The detail of a batch failure's audit entry, readable in bfx history and read back by batchFailure(). */
function batchFailureDetail(failure, message) {
    return `Ended F by workflow run ${JSON.stringify(failure.runId)}, attempt ${failure.runAttempt}${message ? `: ${message}` : '.'}`;
}
/** The run attempt a batch failure's audit entry names; undefined for a detail of another form. */
function batchFailure(detail) {
    const match = /^Ended F by workflow run ("(?:[^"\\]|\\.)*"), attempt (\d+)/.exec(detail ?? '');
    if (!match)
        return undefined;
    return { runId: JSON.parse(match[1]), runAttempt: Number(match[2]) };
}


/***/ }),

/***/ 60030:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  qN: () => (/* reexport */ begin),
  _N: () => (/* reexport */ end)
});

// UNUSED EXPORTS: BATCH_FAILURE, TAKEOVER, batchFailure, batchFailureDetail, pollInterval, previousOwner, takeoverDetail

// EXTERNAL MODULE: ./src/decision.ts
var decision = __nccwpck_require__(27033);
// EXTERNAL MODULE: ./src/catalog/limits.ts
var limits = __nccwpck_require__(74999);
// EXTERNAL MODULE: ./src/run-control/audit-entries.ts
var audit_entries = __nccwpck_require__(42767);
;// CONCATENATED MODULE: ./src/run-control/live-run.ts
/** Waiting for a live run: ask every 30 s, or more often for short time-outs (at least every second). */
function pollInterval(timeoutMs) {
    return Math.min(30_000, Math.max(1_000, Math.round(timeoutMs / 20)));
}
/** The owner of an active execution that was taken over, or begun, while this run asked GitHub about another. */
function arrived(before, active, final) {
    return {
        executionId: active.executionId,
        runKey: active.runKey,
        report: {
            ...before.report,
            owner: ownerOf(active),
            verdict: { run: 'alive', status: 'began while this run was asking GitHub', url: null },
        },
        final,
    };
}
const isSame = (checked, active) => checked.executionId === active.executionId && checked.runKey === active.runKey;
/** Whether a plan was decided about the execution the verdict is about (step 5). */
function isAbout(checked, plan) {
    switch (plan.kind) {
        case 'resume':
            return plan.executionId === checked.executionId;
        case 'abandon-and-insert':
            return plan.abandoned.executionId === checked.executionId;
        case 'yield':
        case 'ask':
            return plan.execution.executionId === checked.executionId;
        default:
            return false;
    }
}
const ownerOf = (active) => ({
    executionId: active.executionId,
    repository: active.repository,
    runId: active.runId,
    runAttempt: active.runAttempt,
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// EXTERNAL MODULE: ./src/run-control/rows.ts
var rows = __nccwpck_require__(92428);
;// CONCATENATED MODULE: ./src/run-control/begin.ts





/**
 * Thrown inside the begin's transaction when the rules refuse the begin, so that the transaction
 * rolls back what its lock wrote (the package it registered); beginPass catches it and returns the
 * refusal.
 */
class Refused extends Error {
    refusal;
    constructor(refusal) {
        super(`The begin was refused (${refusal.kind}).`);
        this.refusal = refusal;
    }
}
/**
 * Begin: the decision of docs/decision.md, in one transaction holding the package's lock.
 *
 * With request.liveRun, an active execution is not resumed before GitHub says whether its run is
 * alive, and no HTTP request is made while a transaction is open: a first transaction finds the
 * active execution and writes nothing (plan 'ask'), the run is asked about outside of it, and the
 * begin transaction runs again with the verdict. The verdict is used only if the active execution
 * is still the one asked about (same ExecutionID and RunKey, read under the lock). If it changed
 * hands meanwhile, or a new execution began, its owner began it while this run was asking: that
 * run is alive (docs/decision.md, "An owner that arrived while GitHub was asked"), so this begin
 * yields to it at once (on-live-run skip) or waits for it like any live run (wait), and never
 * fails because other runs are busy. Nothing active: one transaction, exactly as without a check.
 *
 * A begin the rules refuse (a parent-execution-id not in the catalog) returns the refusal, its
 * transaction rolled back: nothing begun, nothing registered.
 */
async function begin(catalog, request) {
    const live = request.liveRun;
    let checked;
    let waitingSince;
    for (;;) {
        const pass = await beginPass(catalog, request, (active) => {
            if (!live)
                return undefined;
            if (!checked)
                return 'unasked';
            if (isSame(checked, active))
                return checked.final ? checked.report.verdict.run : 'unasked';
            if (live.onLiveRun === 'wait')
                return 'unasked';
            // Arrived while this run was asking, and on-live-run skip: yield to it in this very pass.
            checked = arrived(checked, active, true);
            return 'alive';
        });
        if (pass.kind === 'refused')
            return pass.refusal;
        if (pass.kind === 'done') {
            if (!checked)
                return pass.result;
            const decisive = checked.final && isAbout(checked, pass.result.plan);
            return { ...pass.result, liveRun: { ...checked.report, decisive } };
        }
        const { active } = pass;
        const options = live;
        if (checked && !isSame(checked, active)) {
            // Arrived while this run was asking (on-live-run wait): alive, waited for like any live run.
            waitingSince ??= Date.now();
            checked = arrived(checked, active, false);
            continue;
        }
        if (checked) {
            // Asked before and alive: on-live-run wait, with time left. Wait, then ask again.
            const left = waitingSince + options.timeoutMs - Date.now();
            await sleep(Math.max(0, Math.min(options.pollMs ?? pollInterval(options.timeoutMs), left)));
        }
        const owner = ownerOf(active);
        const verdict = await options.check(owner);
        const now = Date.now();
        // The time-out counts from the first live answer, across owners: one budget per begin.
        if (verdict.run === 'alive')
            waitingSince ??= now;
        const report = {
            owner,
            verdict,
            checks: (checked?.report.checks ?? 0) + 1,
            waitedMs: waitingSince === undefined ? 0 : now - waitingSince,
            decisive: false,
        };
        const final = verdict.run !== 'alive' || options.onLiveRun === 'skip' || now >= waitingSince + options.timeoutMs;
        checked = { executionId: active.executionId, runKey: active.runKey, report, final };
    }
}
/**
 * One begin transaction: decides with the live-run verdict given for the active execution, if any,
 * or refuses.
 */
function beginPass(catalog, request, activeRun) {
    const lock = {
        packageName: request.packageName,
        register: { retryLimit: request.retryLimit ?? null, isBatch: request.isBatch ?? false },
        parentExecutionId: request.parentExecutionId,
    };
    // The plan an attempt sent with its COMMIT: a transient fault after it (the answer lost) runs the
    // begin again, which finds its own execution by run key and reports this plan, not a re-entry.
    let sent;
    const passed = catalog.transaction(lock, `begin package "${request.packageName}"`, async (tx) => {
        const [pkg, reentry, active, latest, parent, yielded] = await Promise.all([
            tx.package(),
            tx.executionWithRunKey(request.runKey),
            tx.activeExecution(),
            tx.lastEndedExecution(),
            request.parentExecutionId === undefined ? null : tx.anyExecution(request.parentExecutionId),
            sent?.kind === 'yield' ? tx.executionAudit(sent.execution.executionId, audit_entries/* YIELD */.wg) : [],
        ]);
        if (!pkg)
            throw new Error(`The catalog did not register package "${request.packageName}" under its lock.`);
        const parentPlan = (0,decision/* decideParent */.Dz)(request.parentExecutionId ?? null, parent !== null);
        if (parentPlan.kind === 'unknown-parent')
            throw new Refused(parentPlan);
        const plan = (0,decision/* decideBegin */.ux)({
            package: pkg,
            reentry,
            active,
            latestNextLoadStatus: latest?.nextLoadStatus ?? null,
            activeRun: active ? activeRun(active) : undefined,
            parentExecutionId: request.parentExecutionId ?? null,
        }, request.retryLimit);
        /**
         * The writes of the plan, then what the outputs read after them, then the commit: one round
         * trip where the engine can send them together. `started` is the execution the begin returns:
         * the row read under the lock (re-entry, yield, resume), or the insert's own answer (its
         * StartTime is the server's clock, returned by the insert itself). Its StartTime is the batch's
         * for a batch, or its own.
         */
        const finishing = async (started, values, writes) => {
            // The plan's writes (and an insert) were issued before this call; these follow in the same
            // tick, and engines run calls in the order they were made, so the read below sees the writes.
            const marked = (0,decision/* marksBatch */.Bl)(plan, request.isBatch ?? false, pkg.isBatch) ? tx.markBatch() : undefined;
            const registered = (0,decision/* beginWrites */.WN)(plan) && (request.variables?.length ?? 0) > 0
                ? tx.registerVariables(request.variables)
                : undefined;
            if ((0,decision/* beginWrites */.WN)(plan))
                sent = plan;
            // An inserted execution is not counted: the last one with LAST_EXECUTION_STATUS before it is any.
            const before = started instanceof Promise ? null : started.executionId;
            const [execution, { lastExecutionId, variables }] = await Promise.all([
                started,
                tx.lastExecutionAndVariables(decision/* LAST_EXECUTION_STATUS */.hf, before),
                ...writes,
                marked,
                registered,
                // A read-only pass commits too, in the same round trip as its last reads.
                tx.commit(),
            ]);
            return {
                kind: 'done',
                result: {
                    kind: 'begun',
                    executionId: execution.executionId,
                    executionStatus: values.executionStatus,
                    nextLoadStatus: values.nextLoadStatus,
                    retryCount: values.retryCount,
                    plan: (0,decision/* reportedBeginPlan */.Oi)(plan, sent),
                    batchStartTime: (0,decision/* batchStartTime */.aG)(execution.startTime, parent),
                    lastExecutionId,
                    variables: Object.fromEntries(variables.map((variable) => [variable.name, variable.value])),
                },
            };
        };
        switch (plan.kind) {
            case 'reenter':
                return finishing(reentry, plan.execution, []);
            case 'ask':
                // Nothing written: the transaction commits its reads only, and GitHub is asked outside it.
                return { kind: 'ask', active: active };
            case 'yield': {
                // Nothing a later begin reads changes: the live execution is its run's. Only the audit log
                // tells that this run stood aside, once.
                const entry = {
                    executionId: plan.execution.executionId,
                    action: audit_entries/* YIELD */.wg,
                    detail: (0,audit_entries/* yieldDetail */.pD)(request.runKey, plan.reason),
                    actor: (0,limits/* cutToFit */.XL)(request.context.actor, limits/* COLUMN_LENGTH */.ac.actor),
                };
                return finishing(active, { ...plan, retryCount: plan.execution.retryCount }, (0,decision/* recordedSince */.Dl)(yielded, entry) ? [] : [tx.recordAudit(entry)]);
            }
            case 'resume': {
                const { executionId, executionStatus, nextLoadStatus, retryCount, parentExecutionId } = plan;
                const takeover = tx.takeOverExecution({
                    executionId,
                    executionStatus,
                    nextLoadStatus,
                    retryCount,
                    parentExecutionId,
                    ...owner(request),
                });
                // Who owned it before: an end by that run is then told a takeover from a wiring mistake.
                const recorded = tx.recordAudit({
                    executionId,
                    action: audit_entries/* TAKEOVER */.yA,
                    detail: (0,audit_entries/* takeoverDetail */.nF)(request.runKey, active, plan.reason),
                    actor: (0,limits/* cutToFit */.XL)(request.context.actor, limits/* COLUMN_LENGTH */.ac.actor),
                });
                return finishing(active, plan, [takeover, recorded]);
            }
            case 'insert':
                return finishing(insert(tx, pkg, plan.execution, request), { ...plan.execution, retryCount: 0 }, []);
            case 'abandon-and-insert': {
                // The abandoned row ends first: one package has at most one active execution at any moment.
                const abandoned = (0,rows/* finish */.O9)(tx, plan.abandoned);
                const inserted = insert(tx, pkg, plan.execution, request);
                return finishing(inserted, { ...plan.execution, retryCount: 0 }, [abandoned]);
            }
        }
    });
    return passed.catch((error) => {
        // A refusal rolled the transaction back (the package its lock registered): the refusal is the answer.
        if (error instanceof Refused)
            return { kind: 'refused', refusal: error.refusal };
        throw error;
    });
}
/** The run a begin records as the execution's owner, its context cut to fit the columns (catalog/limits.ts). */
const owner = (request) => ({ runKey: request.runKey, context: (0,limits/* fitRunContext */.Wi)(request.context) });
function insert(tx, pkg, execution, request) {
    return tx.insertExecution({
        packageId: pkg.packageId,
        parentExecutionId: request.parentExecutionId ?? null,
        executionStatus: execution.executionStatus,
        nextLoadStatus: execution.nextLoadStatus,
        retryCount: 0,
        ended: execution.ended,
        errorMessage: null,
        ...owner(request),
    });
}

;// CONCATENATED MODULE: ./src/run-control/end.ts



/**
 * End: how an execution ended, under the lock of its batch's package (if any) and of its own
 * (docs/decision.md). A batch's end sets its children's NextLoadStatus in the same transaction,
 * under their packages' locks; an end that records S commits the load's high-water marks; row
 * counts are kept whatever the outcome.
 */
function end(catalog, request) {
    const { executionId } = request;
    // What an attempt sent with its COMMIT: a transient fault after it (the answer lost) runs the end
    // again, which then reports what the catalog holds rather than "already ended".
    let sent;
    return catalog.transaction({ executionId }, `end execution ${executionId}`, async (tx) => {
        const [pkg, { execution, parent, children: unlocked }] = await Promise.all([
            tx.package(),
            tx.executionFamily(executionId),
        ]);
        let children = unlocked;
        if (!execution || !pkg)
            return { kind: 'not-found' };
        if (sent && (0,decision/* holdsFinish */.gM)(execution, sent.finish)) {
            const { kind, committedVariables } = sent;
            return { kind, execution, children: pkg.isBatch ? children : [], committedVariables };
        }
        // A batch's children: their packages locked, then the children read again and what an operator
        // set on them, so that nothing that locks only a child's package (a skip or resume, a reset, a
        // delete or purge of it, a begin that moves it to no batch) slips in between. Its own lock keeps
        // new children out: their begins hold it shared.
        let operatorChanged = [];
        if (children.length > 0) {
            [, children, operatorChanged] = await Promise.all([
                tx.lockPackages((0,rows/* ascending */.V_)(children.map((child) => child.packageId))),
                tx.children(executionId),
                tx.auditedExecutions((0,rows/* ids */.dK)(children), audit_entries/* OPERATOR_NEXT_LOAD */.Et),
            ]);
        }
        const state = { execution, isBatch: pkg.isBatch, parent, children, operatorChanged };
        let plan = (0,decision/* decideEnd */._1)(state, request.outcome, request.message, request.caller);
        if (plan.kind === 'read-owners') {
            const takeovers = await tx.executionAudit(executionId, audit_entries/* TAKEOVER */.yA);
            // An entry that does not read as a takeover (written by hand) counts as unrecorded.
            const previousOwners = takeovers.flatMap((entry) => (0,audit_entries/* previousOwner */.$m)(entry.detail) ?? []);
            plan = (0,decision/* decideEnd */._1)({ ...state, previousOwners }, request.outcome, request.message, request.caller);
        }
        else if (plan.kind === 'read-reclose') {
            const [failures, latest] = await Promise.all([
                tx.executionAudit(executionId, audit_entries/* BATCH_FAILURE */._1),
                tx.latestExecution(),
            ]);
            const failedBy = failures.length > 0 ? ((0,audit_entries/* batchFailure */.XG)(failures[failures.length - 1].detail) ?? null) : null;
            const reclose = { failedBy, latestExecutionId: latest.executionId };
            plan = (0,decision/* decideEnd */._1)({ ...state, reclose }, request.outcome, request.message, request.caller);
        }
        if (plan.kind === 'read-owners' || plan.kind === 'read-reclose') {
            throw new Error(`decideEnd asked twice for more of execution ${executionId} (${plan.kind}).`);
        }
        if (plan.kind === 'already-ended')
            return { kind: plan.kind, execution, why: plan.why };
        if (plan.kind === 'taken-over' || plan.kind === 'not-owned')
            return { kind: plan.kind, execution };
        const changed = plan.children?.executionIds ?? [];
        const committedVariables = plan.commitVariables ? (request.variables ?? []) : [];
        sent = { kind: plan.kind === 'end' ? 'ended' : 'reclosed', finish: plan.finish, committedVariables };
        const [ended, , , , childrenAfter] = await Promise.all([
            plan.kind === 'end' ? (0,rows/* finish */.O9)(tx, plan.finish) : tx.refinishExecution(plan.finish, plan.endedAs),
            changed.length > 0 && tx.setNextLoadStatuses(changed, plan.children.nextLoadStatus),
            committedVariables.length > 0 && tx.storeVariables(committedVariables, executionId),
            (request.rowCounts?.length ?? 0) > 0 && tx.saveRowCounts(executionId, request.rowCounts),
            pkg.isBatch ? tx.children(executionId) : [],
            plan.recordFailure &&
                tx.recordAudit({
                    executionId,
                    action: audit_entries/* BATCH_FAILURE */._1,
                    detail: (0,audit_entries/* batchFailureDetail */.Wn)(plan.recordFailure, plan.finish.errorMessage),
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

;// CONCATENATED MODULE: ./src/run-control/index.ts
/**
 * Run control: every change to a package's executions, on any catalog engine. Each operation opens
 * one transaction holding the package's lock, reads the state, asks decision.ts what to do,
 * applies the plan, and builds the result. The action and the CLI call these functions; the
 * engines underneath only lock, read and write.
 *
 * The story, file by file: begin.ts (a package's next execution), live-run.ts (asking GitHub
 * whether an active execution's run is alive, and waiting for it), end.ts (how an execution
 * ended), audit-entries.ts (what they record and read back). The operator's commands on a package
 * (package-commands.ts: enable, skip, resume, reset, var set) and on the catalog
 * (catalog-commands.ts: check, purge, rename, delete) are imported from their files directly, not
 * from here: no begin or end runs them, so the action's main file never loads them
 * (scripts/build.mjs checks it).
 */






/***/ }),

/***/ 92428:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   O9: () => (/* binding */ finish),
/* harmony export */   V_: () => (/* binding */ ascending),
/* harmony export */   dK: () => (/* binding */ ids)
/* harmony export */ });
const ids = (rows) => rows.map((row) => row.executionId);
/** Packages locked in ascending PackageID order, each once: the lock order. */
const ascending = (ids) => [...new Set(ids)].sort((a, b) => a - b);
const finish = (tx, plan) => tx.finishExecution(plan);


/***/ }),

/***/ 73861:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Er: () => (/* binding */ statusName),
/* harmony export */   Gx: () => (/* binding */ minutes),
/* harmony export */   HW: () => (/* binding */ nextName),
/* harmony export */   O2: () => (/* binding */ beginLine),
/* harmony export */   Sk: () => (/* binding */ endLine),
/* harmony export */   jx: () => (/* binding */ refusedBeginSentence),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   rt: () => (/* binding */ runName),
/* harmony export */   ts: () => (/* binding */ liveRunSentence)
/* harmony export */ });
/* harmony import */ var _decision_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(27033);
/* harmony import */ var _log_text_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(73529);


const statusName = (code) => `${code} (${_decision_js__WEBPACK_IMPORTED_MODULE_0__/* .EXECUTION_STATUS_NAMES */ .Fr[code] ?? 'unknown'})`;
const nextName = (code) => `${code} (${_decision_js__WEBPACK_IMPORTED_MODULE_0__/* .NEXT_LOAD_STATUS_NAMES */ .dX[code] ?? 'unknown'})`;
function beginLine(packageName, result) {
    return (`${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(packageName)}: ExecutionID ${result.executionId}, ExecutionStatus ${statusName(result.executionStatus)}, ` +
        `NextLoadStatus ${nextName(result.nextLoadStatus)}.`);
}
/**
 * Why a begin was refused, as one sentence (what, why, what to do). `parentName` is how the shell
 * names parent-execution-id: the action's input, or bfx's option.
 */
function refusedBeginSentence(refusal, parentName, location) {
    return (`The ${parentName} ${refusal.parentExecutionId} is not an execution in the catalog ${location}, so nothing was begun: ` +
        "pass the ExecutionID output of the batch's begin step, on the same catalog.");
}
function endLine(execution) {
    return (`${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(execution.packageName)}: execution ${execution.executionId} ended as ${statusName(execution.executionStatus)} ` +
        `after ${duration(execution)}; NextLoadStatus ${nextName(execution.nextLoadStatus)}.`);
}
function duration(execution) {
    if (!execution.endTime)
        return 'still running';
    const ms = Date.parse(execution.endTime) - Date.parse(execution.startTime);
    if (!Number.isFinite(ms))
        return 'an unknown time';
    const seconds = Math.round(ms / 1000);
    return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
/** "run 123 (attempt 2) of acme/loads", or, for an execution begun outside GitHub, who owns it. */
function runName(owner) {
    if (!owner.runId)
        return `the run that owns execution ${owner.executionId}`;
    return `run ${owner.runId} (attempt ${owner.runAttempt ?? '1'})${owner.repository ? ` of ${owner.repository}` : ''}`;
}
/** "1 min 5 s", "12 s". */
function minutes(ms) {
    const seconds = Math.round(ms / 1000);
    return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
/**
 * What GitHub said about the run owning the active execution, as one sentence for an annotation
 * (what, why, what to do), and the kind of annotation: a notice when this run yields to a live
 * run, a warning when the run could not be checked and the execution is resumed anyway.
 */
function liveRunSentence(report) {
    const { owner, verdict } = report;
    const waited = report.waitedMs > 0 ? ` after waiting ${minutes(report.waitedMs)}` : '';
    if (!report.decisive) {
        return {
            kind: 'info',
            text: `Execution ${owner.executionId} ended or changed hands while ${runName(owner)} was checked${waited}, ` +
                'so this run decided from what the catalog holds now.',
        };
    }
    switch (verdict.run) {
        case 'alive':
            return {
                kind: 'notice',
                text: `Execution ${owner.executionId} is still being loaded by ${runName(owner)} (status ${verdict.status}` +
                    `${report.waitedMs > 0 ? `, waited ${minutes(report.waitedMs)}` : ''}), ` +
                    `so this run is skipped and changes nothing: follow that run at ${verdict.url}, ` +
                    (report.waitedMs > 0
                        ? 'or raise live-run-timeout to wait longer.'
                        : 'or use on-live-run: wait to wait for it.'),
            };
        case 'completed':
            return {
                kind: 'info',
                text: `${capitalize(ownerOfExecution(owner, 'owned'))} has completed` +
                    `${verdict.conclusion ? ` (${verdict.conclusion})` : ''}${waited}, so the execution was interrupted.`,
            };
        case 'unknown':
            return {
                kind: 'warning',
                text: `Whether ${ownerOfExecution(owner, 'owns')} is still running could not be checked ` +
                    `because ${verdict.why}, so the execution is treated as interrupted: ${verdict.todo}.`,
            };
    }
}
const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1);
/**
 * "run 12 (attempt 1) of acme/loads, which owns execution 8," (commas included); a run with no id is already named
 * by its execution ("the run that owns execution 8"), so it is not said twice.
 */
function ownerOfExecution(owner, verb) {
    return owner.runId ? `${runName(owner)}, which ${verb} execution ${owner.executionId},` : runName(owner);
}


/***/ }),

/***/ 60397:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Df: () => (/* binding */ runKeyLength),
/* harmony export */   G6: () => (/* binding */ timeoutMs),
/* harmony export */   Iz: () => (/* binding */ retryLimit),
/* harmony export */   R8: () => (/* binding */ DEFAULT_CONNECT_TIMEOUT_SECONDS),
/* harmony export */   X8: () => (/* reexport safe */ _catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_2__.X8),
/* harmony export */   bu: () => (/* binding */ outcome),
/* harmony export */   cF: () => (/* binding */ connectionString),
/* harmony export */   il: () => (/* binding */ DEFAULT_REQUEST_TIMEOUT_SECONDS),
/* harmony export */   jG: () => (/* binding */ liveRunTimeoutMs),
/* harmony export */   oZ: () => (/* binding */ packageName),
/* harmony export */   qK: () => (/* binding */ parentExecutionId),
/* harmony export */   uY: () => (/* binding */ executionId),
/* harmony export */   v2: () => (/* binding */ onLiveRun)
/* harmony export */ });
/* unused harmony export DEFAULT_LIVE_RUN_TIMEOUT_MINUTES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(83916);
/* harmony import */ var _catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(16837);
/* harmony import */ var _catalog_limits_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(74999);



/**
 * The one rule for a package name, the same for every input of the action and every bfx command,
 * so that the action and the CLI store and find the same package for the same text: white space
 * around the name is dropped (the runner's inputs always dropped it), and what is left is the
 * name, kept exactly (case, inner spaces and all), of at least 1 character and at most the
 * column's length (COLUMN_LENGTH.packageName, catalog/limits.ts). `name` is how the
 * value is called where the user gave it: an input name or a CLI argument.
 */
function packageName(raw, name = 'package-name') {
    const value = raw.trim();
    if (value === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(`The ${name} is empty, so there is no package to run: give the name of the package to load.`);
    }
    // Counted in UTF-16 units, as SQL Server's NVARCHAR counts them, so a name that fits one
    // engine fits them all.
    if (value.length > _catalog_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .COLUMN_LENGTH */ .ac.packageName) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(`The ${name} is ${value.length} characters long, more than the catalog's ${_catalog_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .COLUMN_LENGTH */ .ac.packageName}: use a shorter package name.`);
    }
    return value;
}
function wholeNumber(raw, name, min, max, what) {
    const value = raw.trim();
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(`The ${name} "${raw}" is not ${what}: give a whole number from ${min} to ${max}.`);
    }
    return Number(value);
}
/** An empty value means "not given". */
function retryLimit(raw, name = 'retry-limit') {
    if (raw.trim() === '')
        return undefined;
    return wholeNumber(raw, name, 0, _catalog_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_INT32 */ .mf, 'a whole number of retries');
}
function executionId(raw, name = 'execution-id') {
    const value = raw.trim();
    if (!(0,_catalog_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .isExecutionIdText */ .Dm)(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(value === ''
            ? `The ${name} is empty, so there is no execution to end: pass the ExecutionID output of the begin step.`
            : `The ${name} "${raw}" is not an ExecutionID: pass the ExecutionID output of the begin step (a whole number from 1 to ${_catalog_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_BIGINT */ .Fm}).`);
    }
    return value;
}
/**
 * A run key given by hand is kept exactly, so one too long for its column is refused rather than
 * cut (a cut key would be another run's); `outcome` says what was therefore not done.
 */
function runKeyLength(value, name, outcome) {
    if (value.length > _catalog_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .COLUMN_LENGTH */ .ac.runKey) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(`The ${name} is ${value.length} characters long, more than the ${_catalog_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .COLUMN_LENGTH */ .ac.runKey} the catalog keeps, so ${outcome}: use a shorter run key.`);
    }
}
/** An empty value means "not given". */
function parentExecutionId(raw, name = 'parent-execution-id') {
    return raw.trim() === '' ? undefined : executionId(raw, name);
}
function outcome(raw, name = 'status') {
    const value = raw.trim().toLowerCase();
    if (value === 'success' || value === 'failure' || value === 'cancelled')
        return value;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(`The ${name} "${raw}" is not an outcome bfx-begin knows, so the execution was not ended: use success, failure or cancelled.`);
}
function timeoutMs(raw, name, defaultSeconds) {
    if (raw.trim() === '')
        return defaultSeconds * 1000;
    return wholeNumber(raw, name, 1, 3600, 'a number of seconds') * 1000;
}
/** The catalog-schema input: one rule, kept with the connection string's schema parameter. */

function connectionString(raw, name = 'connection-string') {
    if (raw.trim() === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(`The ${name} is empty, so there is no catalog to use: pass sqlite:PATH, a postgres:// URL, or a SQL Server connection string, usually from a secret.`);
    }
    (0,_catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_2__/* .parseConnectionString */ .HH)(raw);
    return raw.trim();
}
/** on-live-run: what begin does when the run owning the active execution is still alive. */
function onLiveRun(raw, name = 'on-live-run') {
    const value = raw.trim().toLowerCase();
    if (value === '')
        return 'skip';
    if (value === 'skip' || value === 'wait')
        return value;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(`The ${name} "${raw}" is not a choice bfx-begin knows, so nothing was begun: use skip (skip this run while the other one runs) or wait (wait for it to complete).`);
}
/** live-run-timeout: minutes, decimals allowed (`.5`, `0.5` and `1.` are written as people write them); at most the 5 days a self-hosted job may run. */
function liveRunTimeoutMs(raw, name = 'live-run-timeout') {
    const value = raw.trim();
    if (value === '')
        return DEFAULT_LIVE_RUN_TIMEOUT_MINUTES * 60_000;
    if (!/^(\d+\.?\d*|\.\d+)$/.test(value) || Number(value) > MAX_LIVE_RUN_TIMEOUT_MINUTES) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(`The ${name} "${raw}" is not a number of minutes, so nothing was begun: give a number from 0 to ${MAX_LIVE_RUN_TIMEOUT_MINUTES} (0.5 is 30 seconds).`);
    }
    return Math.round(Number(value) * 60_000);
}
const DEFAULT_LIVE_RUN_TIMEOUT_MINUTES = 60;
const MAX_LIVE_RUN_TIMEOUT_MINUTES = 7200;
const DEFAULT_CONNECT_TIMEOUT_SECONDS = 15;
const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;


/***/ }),

/***/ 94627:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_MODULE__unbundled_js_cd2de0b4__;

/***/ }),

/***/ 42613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("assert");

/***/ }),

/***/ 20181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("buffer");

/***/ }),

/***/ 35317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("child_process");

/***/ }),

/***/ 49140:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("constants");

/***/ }),

/***/ 76982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("crypto");

/***/ }),

/***/ 7194:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("dgram");

/***/ }),

/***/ 72250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("dns");

/***/ }),

/***/ 24434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("events");

/***/ }),

/***/ 79896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("fs");

/***/ }),

/***/ 58611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("http");

/***/ }),

/***/ 65692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("https");

/***/ }),

/***/ 69278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("net");

/***/ }),

/***/ 34589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:assert");

/***/ }),

/***/ 16698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:buffer");

/***/ }),

/***/ 31421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:child_process");

/***/ }),

/***/ 37540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:console");

/***/ }),

/***/ 77598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:crypto");

/***/ }),

/***/ 53053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:diagnostics_channel");

/***/ }),

/***/ 40610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:dns");

/***/ }),

/***/ 78474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:events");

/***/ }),

/***/ 73024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:fs");

/***/ }),

/***/ 51455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:fs/promises");

/***/ }),

/***/ 37067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:http");

/***/ }),

/***/ 32467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:http2");

/***/ }),

/***/ 44708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:https");

/***/ }),

/***/ 77030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:net");

/***/ }),

/***/ 48161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:os");

/***/ }),

/***/ 76760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:process");

/***/ }),

/***/ 41792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:querystring");

/***/ }),

/***/ 26848:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:readline/promises");

/***/ }),

/***/ 80099:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:sqlite");

/***/ }),

/***/ 57075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:stream");

/***/ }),

/***/ 41692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:tls");

/***/ }),

/***/ 73136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:url");

/***/ }),

/***/ 57975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:util");

/***/ }),

/***/ 73429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:util/types");

/***/ }),

/***/ 75919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:worker_threads");

/***/ }),

/***/ 38522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("node:zlib");

/***/ }),

/***/ 70857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("os");

/***/ }),

/***/ 16928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("stream");

/***/ }),

/***/ 13193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("string_decoder");

/***/ }),

/***/ 64756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("tls");

/***/ }),

/***/ 52018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("tty");

/***/ }),

/***/ 87016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("url");

/***/ }),

/***/ 39023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("util");

/***/ }),

/***/ 98253:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_require("util/types");

/***/ }),

/***/ 96251:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Yz: () => (/* binding */ debug),
  N4: () => (/* binding */ endGroup),
  dN: () => (/* binding */ exportVariable),
  V4: () => (/* binding */ getInput),
  Gu: () => (/* binding */ getState),
  pq: () => (/* binding */ info),
  lm: () => (/* binding */ notice),
  LZ: () => (/* binding */ saveState),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ setSecret),
  Oh: () => (/* binding */ startGroup),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: ExitCode, addPath, error, getBooleanInput, getIDToken, getMultilineInput, group, isDebug, markdownSummary, platform, setCommandEcho, summary, toPlatformPath, toPosixPath, toWin32Path

var external_os_ = { EOL: process.platform === 'win32' ? '\r\n' : '\n', platform: () => process.platform, arch: () => process.arch };
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
var external_crypto_ = { randomUUID: randomUUIDWithoutCrypto };
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(79896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(16928);
// EXTERNAL MODULE: external "./unbundled.js"
var external_unbundled_js_ = __nccwpck_require__(94627);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const access = async (...args) => external_fs_.accessSync(...args), appendFile = async (...args) => external_fs_.appendFileSync(...args), writeFile = async (...args) => external_fs_.writeFileSync(...args);
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return __awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return __awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = (/* unused pure expression or super */ null && (_summary));
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_.platform();
const arch = external_os_.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return file_command_issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    command_issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    command_issueCommand('set-output', { name }, toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    command_issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    command_issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    command_issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return file_command_issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    command_issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ programs)
/* harmony export */ });
/**
 * The one bundle behind dist/ (scripts/build.mjs): the action's main and post steps, the end
 * action and the bfx CLI share it, so the code they share and the catalog drivers ship once.
 * dist/main, dist/end, dist/report and dist/cli each hold an entry file of two statements, written by the
 * build: `import { programs } from '../index.js'` and `await programs.NAME()`. Nothing runs until
 * one of these is called.
 *
 * The action's code is in the bundle's main file ("eager": evaluated only when called, but not a
 * chunk of its own), so the main step, whose start-up is measured, loads one file besides its
 * engine: as a chunk, webpack split it further (@actions/core into a chunk of its own) and the
 * step read three. The CLI is a chunk, which the action's steps never read.
 */
const programs = {
    /** action.yml's main and post steps: dist/main/index.js. */
    main: async () => {
        const action = await Promise.resolve(/* import() eager */).then(__nccwpck_require__.bind(__nccwpck_require__, 34078));
        action.writeLogDirectly();
        await action.runMainOrPost();
    },
    /** end/action.yml: dist/end/index.js. */
    end: async () => {
        const action = await Promise.resolve(/* import() eager */).then(__nccwpck_require__.bind(__nccwpck_require__, 34078));
        action.writeLogDirectly();
        await action.runEndAction();
    },
    /** report/action.yml: dist/report/index.js. A chunk: the begin and end steps never read it. */
    report: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(586), __nccwpck_require__.e(658)]).then(__nccwpck_require__.bind(__nccwpck_require__, 31658))).runReportAction(),
    /** The bfx command, package.json's bin: dist/cli/index.js. It runs when its module is evaluated. */
    cli: async () => {
        await Promise.all(/* import() */[__nccwpck_require__.e(586), __nccwpck_require__.e(486)]).then(__nccwpck_require__.bind(__nccwpck_require__, 70486));
    },
};

var __webpack_exports__programs = __webpack_exports__.c;
export { __webpack_exports__programs as programs };

const randomUUIDWithoutCrypto = (() => {
// The randomUUID() that scripts/build.mjs gives @actions/core's file-command.js in place of
// node:crypto's (see coreBindings() there): a version 4 UUID from 16 bytes of the kernel's random
// source, read from /dev/urandom, which is where node:crypto's come from too. Where there is no
// such device (Windows), it is node:crypto's own. The build copies this function into the bundle's
// main file, so it imports nothing: it takes what it uses from the process.
function randomUUID() {
  const fs = process.getBuiltinModule('node:fs');
  let bytes;
  try {
    const fd = fs.openSync('/dev/urandom', 'r');
    try {
      bytes = Buffer.alloc(16);
      if (fs.readSync(fd, bytes, 0, 16, null) !== 16) bytes = undefined;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    bytes = undefined;
  }
  if (!bytes) return process.getBuiltinModule('node:crypto').randomUUID();
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

return randomUUID;
})();
