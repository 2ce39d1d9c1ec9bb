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
/* harmony import */ var _catalog_connect_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(27625);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83916);
/* harmony import */ var _run_control_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38166);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(58750);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(70665);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3567);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(60776);
/** bfx enable, disable, skip, resume, reset and migrate: what an operator changes by hand. */







function packageArgument(command, args, extra = {}) {
    const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .parse */ .qg)(command, args, extra);
    const packageName = _settings_js__WEBPACK_IMPORTED_MODULE_4__/* .packageName */ .oZ((0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .single */ .J0)(command, positionals, 'package name'), 'package name');
    return { values, packageName, settings: (0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .catalogSettings */ .LF)(values, false) };
}
const notRegistered = (packageName, command) => new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`Package "${packageName}" is not in the catalog, so bfx ${command} changed nothing: check the name with bfx status.`);
function enabling(enabled) {
    const command = enabled ? 'enable' : 'disable';
    return {
        summary: enabled ? 'let a package run again' : 'skip every run of a package until it is enabled',
        help: `Usage: bfx ${command} PACKAGE [options]

${enabled ? 'Enables PACKAGE: its next begin decides as usual.' : 'Disables PACKAGE: every begin logs a skipped execution (C / P) until bfx enable.'}

${_options_js__WEBPACK_IMPORTED_MODULE_3__/* .CATALOG_HELP */ .OH}`,
        async run(args) {
            const { packageName, settings } = packageArgument(command, args);
            const pkg = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_6__/* .withCatalog */ .w)(settings.connectionString, settings, (catalog) => (0,_run_control_js__WEBPACK_IMPORTED_MODULE_0__/* .setEnabled */ .kv)(catalog, packageName, enabled));
            if (!pkg)
                throw notRegistered(packageName, command);
            return {
                text: `${packageName} is ${enabled ? 'enabled' : 'disabled'}.`,
                json: { PackageID: pkg.packageId, PackageName: pkg.packageName, IsEnabled: pkg.isEnabled },
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

${_options_js__WEBPACK_IMPORTED_MODULE_3__/* .CATALOG_HELP */ .OH}`,
        async run(args) {
            const { packageName, settings } = packageArgument(command, args);
            const change = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_6__/* .withCatalog */ .w)(settings.connectionString, settings, (catalog) => (0,_run_control_js__WEBPACK_IMPORTED_MODULE_0__/* .setNextLoadStatus */ .YB)(catalog, packageName, status));
            switch (change.kind) {
                case 'no-package':
                    throw notRegistered(packageName, command);
                case 'no-execution':
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`Package "${packageName}" has no execution yet, so there is no NextLoadStatus to change: ${status === 'C' ? 'disable it instead with bfx disable' : 'its first begin already starts a load'}.`);
                case 'active':
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`Execution ${change.execution.executionId} of "${packageName}" is still active, and its end would overwrite the change, so bfx ${command} changed nothing: end it or run bfx reset first.`);
                case 'changed':
                    return {
                        text: `${packageName}: execution ${change.execution.executionId} now has NextLoadStatus ${status}; the next begin ${status === 'C' ? 'is skipped' : 'starts a new load'}.`,
                        json: (0,_command_js__WEBPACK_IMPORTED_MODULE_2__/* .executionJson */ .F)(change.execution),
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
    summary: 'end a stuck active execution as failed',
    help: `Usage: bfx reset PACKAGE [options]

Ends the package's active execution (one that started and never ended) as F / R, so the next
begin retries it as R instead of resuming it.

Options:
      --message TEXT  why it was reset (default: "Reset by bfx reset.")
${_options_js__WEBPACK_IMPORTED_MODULE_3__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, packageName, settings } = packageArgument('reset', args, { message: { type: 'string' } });
        const message = values.message ?? 'Reset by bfx reset.';
        const result = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_6__/* .withCatalog */ .w)(settings.connectionString, settings, (catalog) => (0,_run_control_js__WEBPACK_IMPORTED_MODULE_0__/* .reset */ .cL)(catalog, packageName, message));
        switch (result.kind) {
            case 'no-package':
                throw notRegistered(packageName, 'reset');
            case 'none-active':
                return { text: `${packageName} has no active execution; nothing to reset.`, json: { Result: 'none-active' } };
            case 'reset':
                return { text: (0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .endLine */ .Sk)(result.execution), json: { Result: 'reset', ...(0,_command_js__WEBPACK_IMPORTED_MODULE_2__/* .executionJson */ .F)(result.execution) } };
        }
    },
};
const migrate = {
    summary: 'create the catalog tables and indexes that are missing',
    help: `Usage: bfx migrate [options]

Creates the catalog's tables and indexes where they are missing (safe to run again, and at the
same time as other runs). For DBAs who deploy the catalog themselves and run the action with
create-catalog: false.

${_options_js__WEBPACK_IMPORTED_MODULE_3__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .parse */ .qg)('migrate', args, {});
        if (positionals.length > 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J('bfx migrate takes no arguments, so it did nothing: run bfx migrate --help.');
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .catalogSettings */ .LF)(values, true);
        const catalog = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_6__/* .openCatalog */ .O)(settings.connectionString, settings);
        try {
            await catalog.migrate();
            return {
                text: `The ${catalog.engine} catalog ${catalog.location} is up to date.`,
                json: { Engine: catalog.engine, Location: catalog.location },
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
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(70665);

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
    const error = execution.errorMessage ? `  ${execution.errorMessage}` : '';
    return (`${execution.executionId.padStart(8)}  ${(0,_report_js__WEBPACK_IMPORTED_MODULE_0__/* .statusName */ .Er)(execution.executionStatus).padEnd(15)} ` +
        `next ${(0,_report_js__WEBPACK_IMPORTED_MODULE_0__/* .nextName */ .HW)(execution.nextLoadStatus).padEnd(13)} retries ${execution.retryCount}  ` +
        `started ${execution.startTime}  ${ended}${error}`);
}


/***/ }),

/***/ 70486:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(16837);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _admin_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1737);
/* harmony import */ var _inspect_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(86850);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(94175);
/** bfx: the same begin, end and catalog as the action, from a shell. */





const COMMANDS = {
    begin: _run_js__WEBPACK_IMPORTED_MODULE_2__/* .begin */ .q,
    end: _run_js__WEBPACK_IMPORTED_MODULE_2__/* .end */ ._,
    status: _inspect_js__WEBPACK_IMPORTED_MODULE_1__/* .status */ .h,
    history: _inspect_js__WEBPACK_IMPORTED_MODULE_1__/* .history */ .b,
    enable: _admin_js__WEBPACK_IMPORTED_MODULE_0__/* .enable */ .sS,
    disable: _admin_js__WEBPACK_IMPORTED_MODULE_0__/* .disable */ .b8,
    skip: _admin_js__WEBPACK_IMPORTED_MODULE_0__/* .skip */ .iv,
    resume: _admin_js__WEBPACK_IMPORTED_MODULE_0__/* .resume */ .U,
    reset: _admin_js__WEBPACK_IMPORTED_MODULE_0__/* .reset */ .cL,
    migrate: _admin_js__WEBPACK_IMPORTED_MODULE_0__/* .migrate */ ._r,
};
const USAGE = `Usage: bfx COMMAND [options]

BimlFlex-style batch orchestration: decide whether a data-pipeline package executes, retries,
resumes or is skipped, and log its executions in a catalog database.

Commands:
${Object.entries(COMMANDS)
    .map(([name, command]) => `  ${name.padEnd(8)} ${command.summary}`)
    .join('\n')}

Run bfx COMMAND --help for a command's options. The catalog is --connection-string, else
$BFX_CONNECTION_STRING, else sqlite:.bfx/catalog.db.`;
async function main(argv) {
    const [name, ...args] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
        console.log(USAGE);
        return name === undefined ? 1 : 0;
    }
    const command = COMMANDS[name];
    if (!command)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BfxError */ .J(`"${name}" is not a bfx command, so nothing was done: run bfx --help for the list.`);
    if (args.includes('--help') || args.includes('-h')) {
        console.log(command.help);
        return 0;
    }
    const json = args.includes('--json');
    const result = await command.run(args);
    if (result.warning)
        console.error(`warning: ${result.warning}`);
    console.log(json ? JSON.stringify(result.json, null, 2) : result.text);
    return 0;
}
function secrets(argv) {
    const index = argv.findIndex((arg) => arg === '--connection-string' || arg === '-c');
    const given = index >= 0
        ? argv[index + 1]
        : argv
            .find((arg) => arg.startsWith('--connection-string='))
            ?.split('=')
            .slice(1)
            .join('=');
    return [given, process.env.BFX_CONNECTION_STRING].flatMap((value) => (value ? (0,_catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_4__/* .secretsIn */ .VY)(value) : []));
}
const argv = process.argv.slice(2);
try {
    process.exitCode = await main(argv);
}
catch (error) {
    const message = error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BfxError */ .J
        ? error.message
        : `bfx stopped on an unexpected error (${error instanceof Error ? error.message : String(error)}): rerun with BFX_DEBUG=1 and report it.`;
    console.error(`error: ${(0,_catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(message, secrets(argv))}`);
    if (process.env.BFX_DEBUG && error instanceof Error && error.stack)
        console.error((0,_catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(error.stack, secrets(argv)));
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
/* harmony import */ var _catalog_connect_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(27625);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(58750);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3567);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(60776);
/** bfx status and bfx history: what the catalog holds, read only. */





const status = {
    summary: 'show packages with their latest and active executions',
    help: `Usage: bfx status [PACKAGE] [options]

Shows each package (or only PACKAGE): enabled or not, its retry limit, its latest execution and
the one still active, if any.

${_options_js__WEBPACK_IMPORTED_MODULE_1__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)('status', args, {});
        if (positionals.length > 1)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BfxError */ .J('bfx status takes at most one package name, so it did nothing: run bfx status --help.');
        const packageName = positionals[0] === undefined ? undefined : _settings_js__WEBPACK_IMPORTED_MODULE_3__/* .packageName */ .oZ(positionals[0], 'package name');
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_1__/* .catalogSettings */ .LF)(values, false);
        const packages = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_4__/* .withCatalog */ .w)(settings.connectionString, settings, (catalog) => catalog.status(packageName));
        if (packageName !== undefined && packages.length === 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BfxError */ .J(`Package "${packageName}" is not in the catalog: its first begin registers it.`);
        }
        const text = packages.length
            ? packages
                .map((pkg) => [
                `${pkg.packageName}  ${pkg.isEnabled ? 'enabled' : 'DISABLED'}  retry limit ${pkg.retryLimit ?? 'default (3)'}`,
                `  latest: ${pkg.latest ? (0,_command_js__WEBPACK_IMPORTED_MODULE_0__/* .executionLine */ .d)(pkg.latest).trim() : 'none'}`,
                ...(pkg.active && pkg.active.executionId !== pkg.latest?.executionId
                    ? [`  active: ${(0,_command_js__WEBPACK_IMPORTED_MODULE_0__/* .executionLine */ .d)(pkg.active).trim()}`]
                    : []),
            ].join('\n'))
                .join('\n')
            : 'The catalog has no packages yet.';
        return {
            text,
            json: packages.map((pkg) => ({
                PackageID: pkg.packageId,
                PackageName: pkg.packageName,
                IsEnabled: pkg.isEnabled,
                RetryLimit: pkg.retryLimit,
                CreatedTime: pkg.createdTime,
                Latest: pkg.latest && (0,_command_js__WEBPACK_IMPORTED_MODULE_0__/* .executionJson */ .F)(pkg.latest),
                Active: pkg.active && (0,_command_js__WEBPACK_IMPORTED_MODULE_0__/* .executionJson */ .F)(pkg.active),
            })),
        };
    },
};
const history = {
    summary: "list a package's executions, newest first",
    help: `Usage: bfx history PACKAGE [options]

Lists the package's most recent executions, newest first.

Options:
  -n, --limit N  how many executions (default 20)
${_options_js__WEBPACK_IMPORTED_MODULE_1__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)('history', args, { limit: { type: 'string', short: 'n' } });
        const packageName = _settings_js__WEBPACK_IMPORTED_MODULE_3__/* .packageName */ .oZ((0,_options_js__WEBPACK_IMPORTED_MODULE_1__/* .single */ .J0)('history', positionals, 'package name'), 'package name');
        const limitValue = values.limit;
        const limit = limitValue === undefined ? 20 : _settings_js__WEBPACK_IMPORTED_MODULE_3__/* .retryLimit */ .Iz(limitValue, '--limit');
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_1__/* .catalogSettings */ .LF)(values, false);
        const executions = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_4__/* .withCatalog */ .w)(settings.connectionString, settings, (catalog) => catalog.history(packageName, limit));
        return {
            text: executions.length ? executions.map(_command_js__WEBPACK_IMPORTED_MODULE_0__/* .executionLine */ .d).join('\n') : `${packageName} has no executions.`,
            json: executions.map(_command_js__WEBPACK_IMPORTED_MODULE_0__/* .executionJson */ .F),
        };
    },
};


/***/ }),

/***/ 60776:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J0: () => (/* binding */ single),
/* harmony export */   LF: () => (/* binding */ catalogSettings),
/* harmony export */   OH: () => (/* binding */ CATALOG_HELP),
/* harmony export */   qg: () => (/* binding */ parse)
/* harmony export */ });
/* unused harmony export DEFAULT_CONNECTION_STRING */
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(58750);
/** Command-line parsing shared by every bfx command: the catalog options and --json. */



const DEFAULT_CONNECTION_STRING = 'sqlite:.bfx/catalog.db';
const CATALOG_OPTIONS = {
    'connection-string': { type: 'string', short: 'c' },
    'connect-timeout': { type: 'string' },
    'request-timeout': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
};
const CATALOG_HELP = `Catalog options:
  -c, --connection-string S  the catalog: sqlite:PATH, postgres://..., or a SQL Server connection
                             string (default: $BFX_CONNECTION_STRING, else ${DEFAULT_CONNECTION_STRING})
      --connect-timeout SEC  seconds to wait for the catalog server (default ${_settings_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_CONNECT_TIMEOUT_SECONDS */ .R8})
      --request-timeout SEC  seconds to wait for one catalog request or lock (default ${_settings_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_REQUEST_TIMEOUT_SECONDS */ .il})
      --json                 print JSON for scripts instead of text
  -h, --help                 show this help`;
function parse(command, args, options) {
    try {
        return (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({ args, options: { ...CATALOG_OPTIONS, ...options }, allowPositionals: true, strict: true });
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BfxError */ .J(`${error.message.split('\n')[0].replace(/\.$/, '')}, so bfx ${command} did nothing: see bfx ${command} --help.`);
    }
}
function catalogSettings(values, createCatalog) {
    const raw = values['connection-string'] ?? (process.env.BFX_CONNECTION_STRING || DEFAULT_CONNECTION_STRING);
    return {
        connectionString: _settings_js__WEBPACK_IMPORTED_MODULE_1__/* .connectionString */ .cF(raw, '--connection-string'),
        createCatalog,
        connectTimeoutMs: _settings_js__WEBPACK_IMPORTED_MODULE_1__/* .timeoutMs */ .G6(values['connect-timeout'] ?? '', '--connect-timeout', _settings_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_CONNECT_TIMEOUT_SECONDS */ .R8),
        requestTimeoutMs: _settings_js__WEBPACK_IMPORTED_MODULE_1__/* .timeoutMs */ .G6(values['request-timeout'] ?? '', '--request-timeout', _settings_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_REQUEST_TIMEOUT_SECONDS */ .il),
    };
}
/** The one positional argument a command takes, e.g. the package name. */
function single(command, positionals, what) {
    if (positionals.length !== 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BfxError */ .J(`bfx ${command} takes one ${what}, and ${positionals.length} were given, so it did nothing: run bfx ${command} --help.`);
    }
    return positionals[0];
}


/***/ }),

/***/ 94175:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ end),
/* harmony export */   q: () => (/* binding */ begin)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _catalog_connect_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(27625);
/* harmony import */ var _run_control_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38166);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(83916);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(58750);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(70665);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3567);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(60776);
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
Prints ExecutionID, ExecutionStatus and NextLoadStatus. Unlike the action, it does not ask GitHub
whether the run owning an active execution is still running: check with bfx status first.

Options:
      --retry-limit N          how many times an interrupted execution is resumed (default: the
                               package's RetryLimit, else 3)
      --parent-execution-id N  the ExecutionID of the batch this package runs under
      --run-key KEY            identifies this run: a begin with the same key returns the same
                               execution (default: a new key, printed with the result)
      --no-create-catalog      fail instead of creating missing catalog tables
${_options_js__WEBPACK_IMPORTED_MODULE_4__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_4__/* .parse */ .qg)('begin', args, {
            'retry-limit': { type: 'string' },
            'parent-execution-id': { type: 'string' },
            'run-key': { type: 'string' },
            'no-create-catalog': { type: 'boolean' },
        });
        const packageName = _settings_js__WEBPACK_IMPORTED_MODULE_5__/* .packageName */ .oZ((0,_options_js__WEBPACK_IMPORTED_MODULE_4__/* .single */ .J0)('begin', positionals, 'package name'), 'package name');
        const retryLimit = _settings_js__WEBPACK_IMPORTED_MODULE_5__/* .retryLimit */ .Iz(values['retry-limit'] ?? '', '--retry-limit');
        const parentExecutionId = _settings_js__WEBPACK_IMPORTED_MODULE_5__/* .parentExecutionId */ .qK(values['parent-execution-id'] ?? '', '--parent-execution-id');
        const runKey = values['run-key'] ?? `cli:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
        if (runKey.trim() === '')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J('The --run-key is empty, so bfx begin did nothing: give a key, or leave --run-key out.');
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_4__/* .catalogSettings */ .LF)(values, !values['no-create-catalog']);
        const result = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_7__/* .withCatalog */ .w)(settings.connectionString, settings, (catalog) => (0,_run_control_js__WEBPACK_IMPORTED_MODULE_1__/* .begin */ .qN)(catalog, {
            packageName,
            retryLimit,
            parentExecutionId,
            runKey,
            context: { ...NO_CONTEXT, actor: process.env.USER ?? null },
        }));
        return {
            text: `${(0,_report_js__WEBPACK_IMPORTED_MODULE_2__/* .beginLine */ .O2)(packageName, result)}\n${result.plan.reason}\nRun key: ${runKey}`,
            json: {
                ExecutionID: result.executionId,
                ExecutionStatus: result.executionStatus,
                NextLoadStatus: result.nextLoadStatus,
                RetryCount: result.retryCount,
                Decision: result.plan.kind,
                Reason: result.plan.reason,
                RunKey: runKey,
            },
        };
    },
};
const end = {
    summary: 'log how an execution ended',
    help: `Usage: bfx end EXECUTION_ID [options]

Ends the execution: success gives S / P (the next run proceeds), failure or cancelled gives F / R
(the next run retries). An execution that has already ended is left as it is.

Options:
      --status S      success, failure or cancelled (default success)
      --message TEXT  why it failed, kept on the execution
      --run-key KEY   the run key given to begin: if another run has since taken the execution
                      over, it is left to that run
${_options_js__WEBPACK_IMPORTED_MODULE_4__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_4__/* .parse */ .qg)('end', args, {
            status: { type: 'string' },
            message: { type: 'string' },
            'run-key': { type: 'string' },
        });
        const executionId = _settings_js__WEBPACK_IMPORTED_MODULE_5__/* .executionId */ .uY((0,_options_js__WEBPACK_IMPORTED_MODULE_4__/* .single */ .J0)('end', positionals, 'ExecutionID'), 'ExecutionID');
        const outcome = _settings_js__WEBPACK_IMPORTED_MODULE_5__/* .outcome */ .bu(values.status ?? 'success', '--status');
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_4__/* .catalogSettings */ .LF)(values, false);
        const result = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_7__/* .withCatalog */ .w)(settings.connectionString, settings, (catalog) => (0,_run_control_js__WEBPACK_IMPORTED_MODULE_1__/* .end */ ._N)(catalog, {
            executionId,
            outcome,
            message: values.message ?? null,
            caller: values['run-key'] ? { runKey: values['run-key'] } : null,
        }));
        switch (result.kind) {
            case 'not-found':
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BfxError */ .J(`Execution ${executionId} is not in the catalog, so nothing was ended: check the ExecutionID and the connection string.`);
            case 'ended':
                return { text: (0,_report_js__WEBPACK_IMPORTED_MODULE_2__/* .endLine */ .Sk)(result.execution), json: { Result: 'ended', ...(0,_command_js__WEBPACK_IMPORTED_MODULE_3__/* .executionJson */ .F)(result.execution) } };
            case 'already-ended':
                return {
                    text: `Execution ${executionId} had already ended as ${(0,_report_js__WEBPACK_IMPORTED_MODULE_2__/* .statusName */ .Er)(result.execution.executionStatus)}; it was left as it is.`,
                    json: { Result: 'already-ended', ...(0,_command_js__WEBPACK_IMPORTED_MODULE_3__/* .executionJson */ .F)(result.execution) },
                };
            case 'taken-over':
                return {
                    text: `Execution ${executionId} was left to the run that took it over.`,
                    warning: `Execution ${executionId} was taken over by run ${result.execution.runKey}; it is left to that run to end.`,
                    json: { Result: 'taken-over', ...(0,_command_js__WEBPACK_IMPORTED_MODULE_3__/* .executionJson */ .F)(result.execution) },
                };
        }
    },
};


/***/ })

};
