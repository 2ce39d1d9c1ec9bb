#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 27625:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ openCatalog),
/* harmony export */   w: () => (/* binding */ withCatalog)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(83916);
/* harmony import */ var _connection_string_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(16837);
/**
 * Connection string -> catalog engine. Only the driver of the engine in use is loaded: the
 * engines are imported on demand, so a SQLite begin never pays for mssql or pg.
 */


async function openCatalog(connectionString, options) {
    const target = (0,_connection_string_js__WEBPACK_IMPORTED_MODULE_0__/* .parseConnectionString */ .HH)(connectionString);
    let catalog;
    switch (target.engine) {
        case 'sqlite':
            catalog = await (await importSqliteEngine()).open((0,_connection_string_js__WEBPACK_IMPORTED_MODULE_0__/* .sqlitePath */ .Au)(target), options);
            break;
        case 'postgres':
            catalog = await (await Promise.all(/* import() */[__nccwpck_require__.e(849), __nccwpck_require__.e(468)]).then(__nccwpck_require__.bind(__nccwpck_require__, 79468))).open(target.value, options);
            break;
        case 'mssql':
            catalog = await (await Promise.all(/* import() */[__nccwpck_require__.e(271), __nccwpck_require__.e(73)]).then(__nccwpck_require__.bind(__nccwpck_require__, 61073))).open(target.value, options);
            break;
    }
    try {
        if (!(await catalog.exists())) {
            if (!options.createCatalog) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(`The catalog ${catalog.location} has no bfx tables and create-catalog is false, so nothing was created: ` +
                    'deploy them with `bfx migrate` or set create-catalog to true.');
            }
            await catalog.migrate();
        }
        return catalog;
    }
    catch (error) {
        await catalog.close();
        throw error;
    }
}
async function importSqliteEngine() {
    try {
        return await __nccwpck_require__.e(/* import() */ 407).then(__nccwpck_require__.bind(__nccwpck_require__, 61407));
    }
    catch (error) {
        if (error.code === 'ERR_UNKNOWN_BUILTIN_MODULE') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BfxError */ .J(`The embedded SQLite catalog needs node:sqlite, which Node.js ${process.version} does not have: run bfx with Node.js 24.`);
        }
        throw error;
    }
}
/** Opens the catalog, runs work on it, and closes it whatever happens. */
async function withCatalog(connectionString, options, work) {
    const catalog = await openCatalog(connectionString, options);
    try {
        return await work(catalog);
    }
    finally {
        await catalog.close();
    }
}


/***/ }),

/***/ 16837:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Au: () => (/* binding */ sqlitePath),
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   HH: () => (/* binding */ parseConnectionString),
/* harmony export */   VY: () => (/* binding */ secretsIn)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(83916);
/**
 * Which engine a connection string names (SPEC section 5), decided from its form alone so that
 * bad input is refused before any driver is loaded or any server is contacted.
 */

const ADO_SERVER_KEY = /(^|;)\s*(server|data source|address|addr|network address)\s*=/i;
function parseConnectionString(connectionString) {
    const value = connectionString.trim();
    if (/^sqlite:/i.test(value) && value.length > 'sqlite:'.length)
        return { engine: 'sqlite', value };
    if (/^postgres(ql)?:\/\//i.test(value))
        return { engine: 'postgres', value };
    if (/^(mssql|sqlserver):\/\//i.test(value) || ADO_SERVER_KEY.test(value))
        return { engine: 'mssql', value };
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(value === ''
        ? 'The connection string is empty, so there is no catalog to use: pass sqlite:PATH, a postgres:// URL, or a SQL Server connection string (Server=...;Database=...).'
        : 'The connection string is not a form bfx-begin knows, so no catalog was contacted: use sqlite:PATH, a postgres:// URL, or a SQL Server connection string (Server=...;Database=... or mssql://).');
}
/** The SQLite file a sqlite: connection string names. */
function sqlitePath(target) {
    return target.value.slice('sqlite:'.length);
}
/**
 * The parts of a connection string that must never be shown: the whole string and any password
 * it holds (URL userinfo, or a Password / Pwd keyword).
 */
function secretsIn(connectionString) {
    const secrets = new Set();
    const whole = connectionString.trim();
    if (whole)
        secrets.add(whole);
    // The userinfo ends at the last @ before the host, so an unencoded @ in a password stays in it.
    const url = /^[a-z]+:\/\/[^:/@]*:(.+)@[^@/]*(?:\/|$)/i.exec(whole);
    if (url?.[1]) {
        secrets.add(url[1]);
        try {
            secrets.add(decodeURIComponent(url[1]));
        }
        catch {
            // A password that is not valid percent-encoding is masked as written.
        }
    }
    for (const match of whole.matchAll(/(?:^|;)\s*(?:password|pwd)\s*=\s*("(?:[^"]|"")*"|'(?:[^']|'')*'|\{(?:[^}]|\}\})*\}|[^;]*)/gi)) {
        const raw = match[1].trim();
        if (raw)
            secrets.add(raw);
        const unquoted = raw.replace(/^(["'{])(.*)["'}]$/s, '$2');
        if (unquoted)
            secrets.add(unquoted);
    }
    return [...secrets];
}
/** Replaces every secret in text with ***, longest first so no fragment of one survives. */
function redact(text, secrets) {
    return [...secrets]
        .sort((a, b) => b.length - a.length)
        .reduce((result, secret) => result.split(secret).join('***'), text);
}


/***/ }),

/***/ 1737:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ resume),
/* harmony export */   _r: () => (/* binding */ migrate),
/* harmony export */   b8: () => (/* binding */ disable),
/* harmony export */   cL: () => (/* binding */ reset),
/* harmony export */   iv: () => (/* binding */ skip),
/* harmony export */   sS: () => (/* binding */ enable)
/* harmony export */ });
/* harmony import */ var _catalog_connect_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(27625);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(83916);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(58750);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(70665);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3567);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(60776);
/** bfx enable, disable, skip, resume, reset and migrate: what an operator changes by hand. */






function packageArgument(command, args, extra = {}) {
    const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_2__/* .parse */ .qg)(command, args, extra);
    const packageName = _settings_js__WEBPACK_IMPORTED_MODULE_3__/* .packageName */ .oZ((0,_options_js__WEBPACK_IMPORTED_MODULE_2__/* .single */ .J0)(command, positionals, 'package name'), 'package name');
    return { values, packageName, settings: (0,_options_js__WEBPACK_IMPORTED_MODULE_2__/* .catalogSettings */ .LF)(values, false) };
}
const notRegistered = (packageName, command) => new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .BfxError */ .J(`Package "${packageName}" is not in the catalog, so bfx ${command} changed nothing: check the name with bfx status.`);
function enabling(enabled) {
    const command = enabled ? 'enable' : 'disable';
    return {
        summary: enabled ? 'let a package run again' : 'skip every run of a package until it is enabled',
        help: `Usage: bfx ${command} PACKAGE [options]

${enabled ? 'Enables PACKAGE: its next begin decides as usual.' : 'Disables PACKAGE: every begin logs a skipped execution (C / P) until bfx enable.'}

${_options_js__WEBPACK_IMPORTED_MODULE_2__/* .CATALOG_HELP */ .OH}`,
        async run(args) {
            const { packageName, settings } = packageArgument(command, args);
            const pkg = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_5__/* .withCatalog */ .w)(settings.connectionString, settings, (catalog) => catalog.setEnabled(packageName, enabled));
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

${_options_js__WEBPACK_IMPORTED_MODULE_2__/* .CATALOG_HELP */ .OH}`,
        async run(args) {
            const { packageName, settings } = packageArgument(command, args);
            const change = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_5__/* .withCatalog */ .w)(settings.connectionString, settings, (catalog) => catalog.setNextLoadStatus(packageName, status));
            switch (change.kind) {
                case 'no-package':
                    throw notRegistered(packageName, command);
                case 'no-execution':
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .BfxError */ .J(`Package "${packageName}" has no execution yet, so there is no NextLoadStatus to change: ${status === 'C' ? 'disable it instead with bfx disable' : 'its first begin already starts a load'}.`);
                case 'active':
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .BfxError */ .J(`Execution ${change.execution.executionId} of "${packageName}" is still active, and its end would overwrite the change, so bfx ${command} changed nothing: end it or run bfx reset first.`);
                case 'changed':
                    return {
                        text: `${packageName}: execution ${change.execution.executionId} now has NextLoadStatus ${status}; the next begin ${status === 'C' ? 'is skipped' : 'starts a new load'}.`,
                        json: (0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .executionJson */ .F)(change.execution),
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
${_options_js__WEBPACK_IMPORTED_MODULE_2__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, packageName, settings } = packageArgument('reset', args, { message: { type: 'string' } });
        const message = values.message ?? 'Reset by bfx reset.';
        const result = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_5__/* .withCatalog */ .w)(settings.connectionString, settings, (catalog) => catalog.reset(packageName, message));
        switch (result.kind) {
            case 'no-package':
                throw notRegistered(packageName, 'reset');
            case 'none-active':
                return { text: `${packageName} has no active execution; nothing to reset.`, json: { Result: 'none-active' } };
            case 'reset':
                return { text: (0,_report_js__WEBPACK_IMPORTED_MODULE_0__/* .endLine */ .Sk)(result.execution), json: { Result: 'reset', ...(0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .executionJson */ .F)(result.execution) } };
        }
    },
};
const migrate = {
    summary: 'create the catalog tables and indexes that are missing',
    help: `Usage: bfx migrate [options]

Creates the catalog's tables and indexes where they are missing (safe to run again, and at the
same time as other runs). For DBAs who deploy the catalog themselves and run the action with
create-catalog: false.

${_options_js__WEBPACK_IMPORTED_MODULE_2__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_2__/* .parse */ .qg)('migrate', args, {});
        if (positionals.length > 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .BfxError */ .J('bfx migrate takes no arguments, so it did nothing: run bfx migrate --help.');
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_2__/* .catalogSettings */ .LF)(values, true);
        const catalog = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_5__/* .openCatalog */ .O)(settings.connectionString, settings);
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ executionJson),
/* harmony export */   d: () => (/* binding */ executionLine)
/* harmony export */ });
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(70665);

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
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(16837);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(83916);
/* harmony import */ var _admin_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1737);
/* harmony import */ var _inspect_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(86850);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(94175);
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ history),
/* harmony export */   h: () => (/* binding */ status)
/* harmony export */ });
/* harmony import */ var _catalog_connect_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(27625);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(83916);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(58750);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3567);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(60776);
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   J0: () => (/* binding */ single),
/* harmony export */   LF: () => (/* binding */ catalogSettings),
/* harmony export */   OH: () => (/* binding */ CATALOG_HELP),
/* harmony export */   qg: () => (/* binding */ parse)
/* harmony export */ });
/* unused harmony export DEFAULT_CONNECTION_STRING */
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(83916);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(58750);
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ end),
/* harmony export */   q: () => (/* binding */ begin)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _catalog_connect_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(27625);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(83916);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(58750);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(70665);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3567);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(60776);
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
Prints ExecutionID, ExecutionStatus and NextLoadStatus.

Options:
      --retry-limit N          how many times an interrupted execution is resumed (default: the
                               package's RetryLimit, else 3)
      --parent-execution-id N  the ExecutionID of the batch this package runs under
      --run-key KEY            identifies this run: a begin with the same key returns the same
                               execution (default: a new key, printed with the result)
      --no-create-catalog      fail instead of creating missing catalog tables
${_options_js__WEBPACK_IMPORTED_MODULE_3__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .parse */ .qg)('begin', args, {
            'retry-limit': { type: 'string' },
            'parent-execution-id': { type: 'string' },
            'run-key': { type: 'string' },
            'no-create-catalog': { type: 'boolean' },
        });
        const packageName = _settings_js__WEBPACK_IMPORTED_MODULE_4__/* .packageName */ .oZ((0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .single */ .J0)('begin', positionals, 'package name'), 'package name');
        const retryLimit = _settings_js__WEBPACK_IMPORTED_MODULE_4__/* .retryLimit */ .Iz(values['retry-limit'] ?? '', '--retry-limit');
        const parentExecutionId = _settings_js__WEBPACK_IMPORTED_MODULE_4__/* .parentExecutionId */ .qK(values['parent-execution-id'] ?? '', '--parent-execution-id');
        const runKey = values['run-key'] ?? `cli:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
        if (runKey.trim() === '')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J('The --run-key is empty, so bfx begin did nothing: give a key, or leave --run-key out.');
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .catalogSettings */ .LF)(values, !values['no-create-catalog']);
        const result = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_6__/* .withCatalog */ .w)(settings.connectionString, settings, (catalog) => catalog.begin({
            packageName,
            retryLimit,
            parentExecutionId,
            runKey,
            context: { ...NO_CONTEXT, actor: process.env.USER ?? null },
        }));
        return {
            text: `${(0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .beginLine */ .O2)(packageName, result)}\n${result.plan.reason}\nRun key: ${runKey}`,
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
${_options_js__WEBPACK_IMPORTED_MODULE_3__/* .CATALOG_HELP */ .OH}`,
    async run(args) {
        const { values, positionals } = (0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .parse */ .qg)('end', args, {
            status: { type: 'string' },
            message: { type: 'string' },
            'run-key': { type: 'string' },
        });
        const executionId = _settings_js__WEBPACK_IMPORTED_MODULE_4__/* .executionId */ .uY((0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .single */ .J0)('end', positionals, 'ExecutionID'), 'ExecutionID');
        const outcome = _settings_js__WEBPACK_IMPORTED_MODULE_4__/* .outcome */ .bu(values.status ?? 'success', '--status');
        const settings = (0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .catalogSettings */ .LF)(values, false);
        const result = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_6__/* .withCatalog */ .w)(settings.connectionString, settings, (catalog) => catalog.end({
            executionId,
            outcome,
            message: values.message ?? null,
            caller: values['run-key'] ? { runKey: values['run-key'] } : null,
        }));
        switch (result.kind) {
            case 'not-found':
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BfxError */ .J(`Execution ${executionId} is not in the catalog, so nothing was ended: check the ExecutionID and the connection string.`);
            case 'ended':
                return { text: (0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .endLine */ .Sk)(result.execution), json: { Result: 'ended', ...(0,_command_js__WEBPACK_IMPORTED_MODULE_2__/* .executionJson */ .F)(result.execution) } };
            case 'already-ended':
                return {
                    text: `Execution ${executionId} had already ended as ${(0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .statusName */ .Er)(result.execution.executionStatus)}; it was left as it is.`,
                    json: { Result: 'already-ended', ...(0,_command_js__WEBPACK_IMPORTED_MODULE_2__/* .executionJson */ .F)(result.execution) },
                };
            case 'taken-over':
                return {
                    text: `Execution ${executionId} was left to the run that took it over.`,
                    warning: `Execution ${executionId} was taken over by run ${result.execution.runKey}; it is left to that run to end.`,
                    json: { Result: 'taken-over', ...(0,_command_js__WEBPACK_IMPORTED_MODULE_2__/* .executionJson */ .F)(result.execution) },
                };
        }
    },
};


/***/ }),

/***/ 27033:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Fr: () => (/* binding */ EXECUTION_STATUS_NAMES),
/* harmony export */   _1: () => (/* binding */ decideEnd),
/* harmony export */   dX: () => (/* binding */ NEXT_LOAD_STATUS_NAMES),
/* harmony export */   ux: () => (/* binding */ decideBegin)
/* harmony export */ });
/* unused harmony exports DEFAULT_RETRY_LIMIT, effectiveRetryLimit */
/**
 * SPEC section 3 (begin) and section 4 (end) as pure functions over what the catalog holds.
 * Every catalog engine reads a BeginState inside its transaction, asks decideBegin() what to do,
 * and applies the returned plan; no engine makes a decision of its own.
 */
const DEFAULT_RETRY_LIMIT = 3;
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
/** Step 3: the retry-limit input, else the package row's RetryLimit, else 3. */
function effectiveRetryLimit(input, packageRetryLimit) {
    return input ?? packageRetryLimit ?? DEFAULT_RETRY_LIMIT;
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
    // 5. Active execution: resume it below the limit, abandon it at or above.
    const active = state.active;
    if (active) {
        if (active.retryCount < limit) {
            return {
                kind: 'resume',
                executionId: active.executionId,
                retryCount: active.retryCount + 1,
                reason: `Execution ${active.executionId} never ended; this run resumes it ` +
                    `(attempt ${active.retryCount + 1} of ${limit}).`,
            };
        }
        return {
            kind: 'abandon-and-insert',
            abandonedId: active.executionId,
            abandonMessage: `Abandoned by a later begin: the execution was still active after ${active.retryCount} ` +
                `resumption(s), the retry limit of ${limit}.`,
            execution: { executionStatus: 'E', nextLoadStatus: 'C', ended: false },
            reason: `Execution ${active.executionId} never ended and reached the retry limit of ${limit}; ` +
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
function decideEnd(execution, outcome, message, caller) {
    if (execution.ended)
        return { kind: 'already-ended', execution };
    if (caller && !ownedBy(execution, caller))
        return { kind: 'taken-over', execution };
    if (outcome === 'success') {
        return { kind: 'end', executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null };
    }
    return {
        kind: 'end',
        executionStatus: 'F',
        nextLoadStatus: 'R',
        errorMessage: message ?? (outcome === 'cancelled' ? 'The job was cancelled.' : 'The job failed.'),
    };
}
function ownedBy(execution, caller) {
    if ('runKey' in caller)
        return execution.runKey === caller.runKey;
    return execution.runId === caller.runId;
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

/***/ 70665:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Er: () => (/* binding */ statusName),
/* harmony export */   HW: () => (/* binding */ nextName),
/* harmony export */   O2: () => (/* binding */ beginLine),
/* harmony export */   Sk: () => (/* binding */ endLine)
/* harmony export */ });
/* unused harmony export duration */
/* harmony import */ var _decision_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(27033);

const statusName = (code) => `${code} (${_decision_js__WEBPACK_IMPORTED_MODULE_0__/* .EXECUTION_STATUS_NAMES */ .Fr[code] ?? 'unknown'})`;
const nextName = (code) => `${code} (${_decision_js__WEBPACK_IMPORTED_MODULE_0__/* .NEXT_LOAD_STATUS_NAMES */ .dX[code] ?? 'unknown'})`;
function beginLine(packageName, result) {
    return (`${packageName}: ExecutionID ${result.executionId}, ExecutionStatus ${statusName(result.executionStatus)}, ` +
        `NextLoadStatus ${nextName(result.nextLoadStatus)}.`);
}
function endLine(execution) {
    return (`${execution.packageName}: execution ${execution.executionId} ended as ${statusName(execution.executionStatus)} ` +
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


/***/ }),

/***/ 58750:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G6: () => (/* binding */ timeoutMs),
/* harmony export */   Iz: () => (/* binding */ retryLimit),
/* harmony export */   R8: () => (/* binding */ DEFAULT_CONNECT_TIMEOUT_SECONDS),
/* harmony export */   bu: () => (/* binding */ outcome),
/* harmony export */   cF: () => (/* binding */ connectionString),
/* harmony export */   il: () => (/* binding */ DEFAULT_REQUEST_TIMEOUT_SECONDS),
/* harmony export */   oZ: () => (/* binding */ packageName),
/* harmony export */   qK: () => (/* binding */ parentExecutionId),
/* harmony export */   uY: () => (/* binding */ executionId)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(83916);
/* harmony import */ var _catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(16837);


const MAX_PACKAGE_NAME_LENGTH = 500;
const MAX_INT32 = 2_147_483_647;
/** `name` is how the value is called where the user gave it: an input name or a CLI flag. */
function packageName(raw, name = 'package-name') {
    if (raw.trim() === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The ${name} is empty, so there is no package to run: give the name of the package to load.`);
    }
    // Counted in UTF-16 units, as SQL Server's NVARCHAR(500) counts them, so a name that fits one
    // engine fits them all.
    if (raw.length > MAX_PACKAGE_NAME_LENGTH) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The ${name} is ${raw.length} characters long, more than the catalog's ${MAX_PACKAGE_NAME_LENGTH}: use a shorter package name.`);
    }
    return raw;
}
function wholeNumber(raw, name, min, max, what) {
    const value = raw.trim();
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The ${name} "${raw}" is not ${what}: give a whole number from ${min} to ${max}.`);
    }
    return Number(value);
}
/** An empty value means "not given". */
function retryLimit(raw, name = 'retry-limit') {
    if (raw.trim() === '')
        return undefined;
    return wholeNumber(raw, name, 0, MAX_INT32, 'a whole number of retries');
}
function executionId(raw, name = 'execution-id') {
    const value = raw.trim();
    if (!/^[1-9]\d{0,17}$/.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(value === ''
            ? `The ${name} is empty, so there is no execution to end: pass the ExecutionID output of the begin step.`
            : `The ${name} "${raw}" is not an ExecutionID: pass the ExecutionID output of the begin step (a positive whole number).`);
    }
    return value;
}
/** An empty value means "not given". */
function parentExecutionId(raw, name = 'parent-execution-id') {
    return raw.trim() === '' ? undefined : executionId(raw, name);
}
function outcome(raw, name = 'status') {
    const value = raw.trim().toLowerCase();
    if (value === 'success' || value === 'failure' || value === 'cancelled')
        return value;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The ${name} "${raw}" is not an outcome bfx-begin knows, so the execution was not ended: use success, failure or cancelled.`);
}
function timeoutMs(raw, name, defaultSeconds) {
    if (raw.trim() === '')
        return defaultSeconds * 1000;
    return wholeNumber(raw, name, 1, 3600, 'a number of seconds') * 1000;
}
function connectionString(raw, name = 'connection-string') {
    if (raw.trim() === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The ${name} is empty, so there is no catalog to use: pass sqlite:PATH, a postgres:// URL, or a SQL Server connection string, usually from a secret.`);
    }
    (0,_catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_1__/* .parseConnectionString */ .HH)(raw);
    return raw.trim();
}
const DEFAULT_CONNECT_TIMEOUT_SECONDS = 15;
const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;


/***/ }),

/***/ 42613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 20181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 35317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 49140:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("constants");

/***/ }),

/***/ 76982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 7194:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dgram");

/***/ }),

/***/ 72250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 24434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 79896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 58611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 65692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 69278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 31421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 77598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 53053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 78474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 73024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 51455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 37067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 44708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 48161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 76760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 80099:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 57075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 73136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 57975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 38522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 70857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 16928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 13193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 53557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 64756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 52018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 87016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 39023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 98253:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util/types");

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
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(70486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
