export const id = 769;
export const ids = [769];
export const modules = {

/***/ 79769:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  beginTexts: () => (/* binding */ beginTexts),
  bind: () => (/* binding */ bind),
  openDriver: () => (/* binding */ openDriver)
});

// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(83849);
// EXTERNAL MODULE: ./src/catalog/catalog.ts
var catalog = __webpack_require__(97008);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/catalog/retry.ts
var retry = __webpack_require__(89017);
// EXTERNAL MODULE: ./src/catalog/sql/driver.ts
var driver = __webpack_require__(10912);
;// CONCATENATED MODULE: ./src/catalog/postgres/faults.ts
/**
 * PostgreSQL and pg faults: which are worth another attempt (isTransient), which mean the
 * connection is gone (isConnectionLoss), and the one sentence a user reads for each (explain):
 * what failed, why, what to do. No sentence ever holds the connection string or the password.
 */



/** Server errors worth another attempt on a fresh transaction or connection. */
const TRANSIENT_CODES = new Set([
    '40001', // serialization_failure
    '40P01', // deadlock_detected
    '57P01', // admin_shutdown
    '57P02', // crash_shutdown
    '57P03', // cannot_connect_now (starting up, shutting down, recovering)
    '53300', // too_many_connections
]);
/** Worth retrying while connecting at open: the server is there but not ready or full. */
const CONNECT_RETRY_CODES = new Set(['57P03', '53300']);
const SOCKET_CODES = new Set([
    'ECONNRESET',
    'EPIPE',
    'ECONNABORTED',
    'ECONNREFUSED',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
]);
/** division_by_zero: raised on purpose by a guarded update that did not change its rows (statements.ts GUARD). */
const GUARD_FAILED = '22012';
const codeOf = (error) => error?.code;
const messageOf = (error) => String(error?.message ?? error);
/** A fault in the connection itself (as opposed to an error the server reported on a statement). */
function isConnectionLoss(error) {
    if (error instanceof driver/* CommitOutcomeUnknown */.I)
        return true;
    const code = codeOf(error);
    if (code && (SOCKET_CODES.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code)))
        return true;
    return /Connection terminated|not queryable|Client was closed|timeout expired|Query read timeout/i.test(messageOf(error));
}
/**
 * Whether a fault is worth running the transaction again from the start. A dropped or refused
 * connection counts only once the server has answered (everConnected): before that it is a wrong
 * host or port, not a server that went away.
 */
function isTransient(error, everConnected) {
    if (error instanceof errors/* BfxError */.J)
        return false;
    const code = codeOf(error);
    if (code && TRANSIENT_CODES.has(code))
        return true;
    // A COMMIT's answer lost (the core's wrapping of a lost connection or a read timeout): run again.
    if (error instanceof driver/* CommitOutcomeUnknown */.I)
        return true;
    // A client-side read timeout of a round trip without COMMIT is not retried: the request
    // timeout has already been spent, and the transaction went with the connection (nothing changed).
    if (/Query read timeout/i.test(messageOf(error)))
        return false;
    return everConnected && isConnectionLoss(error);
}
/** Whether connecting at open is worth another attempt. */
const isTransientAtConnect = (error) => CONNECT_RETRY_CODES.has(codeOf(error) ?? '');
/** A migration tripped over an object (schema, table, index, type row) another migration just created. */
const isDuplicateObject = (error) => ['42P06', '42P07', '42710', '23505'].includes(codeOf(error) ?? '');
/** A write met another row's unique key (unique_violation). */
const isUniqueViolation = (error) => codeOf(error) === '23505';
/** A guarded update (take-over, finish, next load status) did not change its rows: the server refused it on purpose. */
const isGuardFailure = (error) => codeOf(error) === GUARD_FAILED;
/** pg could not parse the connection string; its message may quote the string, so only the error's name is kept. */
function unreadableConnectionString(error) {
    return new errors/* BfxError */.J(`The postgres:// connection string could not be read (${error instanceof Error ? error.name : 'invalid'}), so no catalog was contacted: ` +
        'write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE, with special characters in the password percent-encoded.');
}
/**
 * One sentence for the user: what failed, why, what to do. `what` is the operation ('connect' while
 * opening); firstFault is the first of several transient faults, when retries were spent.
 */
function explain(error, server, what, firstFault) {
    if (error instanceof errors/* BfxError */.J)
        return error;
    const code = codeOf(error) ?? '';
    const message = messageOf(error);
    const at = `the PostgreSQL server at ${server.host}:${server.port}`;
    const catalog = `the PostgreSQL catalog ${server.location}`;
    const seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
    const sentence = (text) => new errors/* BfxError */.J(text.charAt(0).toUpperCase() + text.slice(1));
    const connecting = what === 'connect';
    const outcome = connecting ? 'so no catalog was contacted' : `so bfx could not ${what}`;
    switch (code) {
        case '28P01':
            return sentence(`${at} refused the password of user "${server.user}" (28P01 password authentication failed), ${outcome}: ` +
                'check the user name and password in the connection string.');
        case '28000':
            return sentence(`${at} does not let user "${server.user}" connect to database "${server.database}" from here (28000: ${message}), ${outcome}: ` +
                'check the user name, or ask the DBA to allow it in pg_hba.conf.');
        case '3D000':
            return sentence(`the database "${server.database}" does not exist on ${at} (3D000), ${outcome}: ` +
                `create it (CREATE DATABASE ${server.database}) or fix the database name in the connection string.`);
        case '42501':
            return sentence(`user "${server.user}" lacks a permission the catalog ${server.location} needs (42501: ${message}), ${outcome}: ` +
                'grant it (see the PostgreSQL permissions in the README), or have a DBA deploy the catalog with `bfx migrate`.');
        case '55P03':
            return sentence(`a lock in ${catalog} stayed held by another session for longer than the request timeout of ${seconds(server.requestTimeoutMs)} ` +
                `(55P03 lock timeout), ${outcome} and nothing was changed: wait for the other run of the package to finish, or raise request-timeout.`);
        case '57014':
            return sentence(`${catalog} did not finish a request within the request timeout of ${seconds(server.requestTimeoutMs)} ` +
                `(57014 ${message}), ${outcome} and nothing was changed: check the server's load, or raise request-timeout.`);
        case '53300':
            return sentence(`${at} has no free connection (53300 too many connections), ${outcome}: raise max_connections, use a pooler, or run fewer jobs at once.`);
        case '57P03':
            return sentence(`${at} is not accepting connections yet (57P03: ${message}), ${outcome}: wait for it to finish starting or recovering, then rerun.`);
    }
    if (code === '08P01' && /startup parameter/i.test(message)) {
        return sentence(`${at} (or a pooler in front of it) refused a setting of the connection string (08P01: ${message}), ${outcome}: ` +
            "remove that parameter from the connection string, or add it to the pooler's ignore_startup_parameters.");
    }
    if (/does not support SSL/i.test(message)) {
        return sentence(`${at} does not accept SSL connections and the connection string asks for SSL (sslmode or ssl), ${outcome}: ` +
            'enable SSL on the server, or use sslmode=disable on a network you trust.');
    }
    if (/CERT|certificate|self.signed|altname/i.test(`${code} ${message}`)) {
        return sentence(`${at} presented a TLS certificate bfx could not verify (${code || message}), ${outcome}: ` +
            "give the server's CA with sslrootcert=PATH, or use sslmode=no-verify to encrypt without verifying.");
    }
    // A host that is a folder names a Unix socket: connecting finds no socket file there, or may not open it.
    if (connecting && ['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM'].includes(code)) {
        const socket = `${server.host.replace(/\/$/, '')}/.s.PGSQL.${server.port}`;
        return sentence(code === 'EACCES' || code === 'EPERM'
            ? `this user may not open the PostgreSQL socket ${socket} (${code}), ${outcome}: ` +
                "run bfx as a user in the socket's group, or connect over TCP with a host name instead."
            : `no PostgreSQL server listens on the socket ${socket} (${code}: there is no such socket file), ${outcome}: ` +
                'check the socket folder (the host) and the port in the connection string, and that the server runs on this machine.');
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        return sentence(`the PostgreSQL host "${server.host}" could not be found (${code}), ${outcome}: check the host name in the connection string.`);
    }
    if (connecting && code === 'ECONNREFUSED') {
        return sentence(`${at} refused the connection (ECONNREFUSED: no server is listening there), ${outcome}: ` +
            'check the host and port in the connection string, and that the server is running.');
    }
    if (connecting &&
        (/timeout expired|connection timeout/i.test(message) || ['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code))) {
        return sentence(`${at} did not answer within the connect timeout of ${seconds(server.connectTimeoutMs)} (${code || message}), ${outcome}: ` +
            'check the host, the port and any firewall in between, or raise connect-timeout.');
    }
    if (error instanceof driver/* CommitOutcomeUnknown */.I) {
        const cause = error.cause;
        const lost = /Query read timeout/i.test(messageOf(cause))
            ? `${at} did not answer a COMMIT within the request timeout of ${seconds(server.requestTimeoutMs)}`
            : `the connection to ${at} was lost after a COMMIT was sent (${codeOf(cause) ?? messageOf(cause)})`;
        return sentence(`${lost}, and bfx could not read back what ${catalog} holds afterwards, ` +
            `so bfx cannot tell whether it managed to ${what}: check the server, then rerun (a rerun with the same run key returns the same execution).`);
    }
    if (/Query read timeout/i.test(message)) {
        // A round trip without COMMIT (one holding COMMIT is CommitOutcomeUnknown): the transaction
        // went with the connection pg closed.
        return sentence(`${at} stopped answering for longer than the request timeout of ${seconds(server.requestTimeoutMs)}, ${outcome} and nothing was changed: ` +
            'check the server, then rerun (a rerun with the same run key returns the same execution).');
    }
    if (isConnectionLoss(error) || TRANSIENT_CODES.has(code)) {
        const cause = (fault) => {
            const faultCode = codeOf(fault);
            if (faultCode && /^E[A-Z]+$/.test(faultCode))
                return faultCode;
            return faultCode ? `${faultCode}: ${messageOf(fault)}` : messageOf(fault);
        };
        const first = firstFault ?? error;
        const still = cause(error) === cause(first) ? '' : `, then ${cause(error)}`;
        const attempts = retry/* DEFAULT_RETRY_POLICY */.cO.attempts;
        if (!isConnectionLoss(first)) {
            return sentence(`${catalog} failed to ${what} ${attempts} times in a row with a transient error (${cause(first)}${still}), so bfx gave up: ` +
                "rerun the step (a rerun with the same run key returns the same execution), and check the server's load if it keeps happening.");
        }
        return sentence(`${at} went away while bfx tried to ${what} (${cause(first)}${still}) and was not back after ${attempts} attempts, so bfx gave up: ` +
            'check that the server is running and reachable, then rerun (a rerun with the same run key returns the same execution).');
    }
    return error;
}
/** This engine's fault classification, as the SQL core reads it, with the server its sentences name. */
function faults(server) {
    return {
        isTransient,
        isConnectionLoss,
        isGuardFailure,
        isUniqueViolation,
        schedule: (0,retry/* backoffSchedule */.ST)(),
        explain: (error, what, firstFault) => explain(error, server, what, firstFault),
    };
}

;// CONCATENATED MODULE: ./src/catalog/postgres/pipeline.ts
/**
 * A round trip's statements as ONE extended-protocol batch: Parse, Bind, Describe and Execute of
 * each (unnamed, as pg sends them), then a single Sync, written to the socket at once. pg's own
 * pipeline mode closes every statement with a Sync of its own, so the server flushes an answer
 * and a ReadyForQuery per statement, and pg keeps a query object, a promise and a read timer per
 * statement; here it is one of each per round trip (docs/performance.md, "PostgreSQL: where the
 * time goes").
 *
 * The server runs the statements in order. When one fails, it skips everything up to the Sync: the
 * statements after it (a COMMIT among them) never run, and their outcome is the same error. The
 * transaction is then aborted; the caller rolls it back.
 */


/**
 * The batch's messages, byte for byte as pg-protocol's serializer writes them for pg's Query
 * (test/catalog/postgres/pipeline.test.ts compares them), in one Buffer: pg makes a Buffer of
 * each message (Parse, Bind, Describe, Execute per statement and the Sync: about 40 for a round
 * trip), and node's stream queues each one and hands the socket a writev of them all; one write
 * of one Buffer costs the client less CPU (docs/performance.md, "PostgreSQL: where the time goes").
 *
 * Parse: the unnamed statement, the text, no parameter types (the server infers them).
 * Bind: the unnamed portal and statement, a text format code per value, the values (-1: null),
 * one result format code, text. Describe the unnamed portal, Execute it for all its rows.
 */
const DESCRIBE_EXECUTE = Buffer.from([0x44, 0, 0, 0, 6, 0x50, 0, 0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0]);
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);
/** Parse messages by statement text: a statement's text is the same every time it is sent. */
const parses = new Map();
const PARSES_KEPT = 1000;
function parseMessage(text) {
    let message = parses.get(text);
    if (!message) {
        const length = Buffer.byteLength(text);
        message = Buffer.alloc(1 + 4 + 1 + length + 1 + 2);
        message[0] = 0x50;
        message.writeInt32BE(message.length - 1, 1);
        message.write(text, 6);
        // Statements come from a fixed set of texts; a caller that varied them would not grow this for ever.
        if (parses.size >= PARSES_KEPT)
            parses.clear();
        parses.set(text, message);
    }
    return message;
}
function encodeBatch(statements) {
    let size = SYNC.length;
    for (const { text, values } of statements) {
        size += parseMessage(text).length + 15 + 6 * values.length + DESCRIBE_EXECUTE.length;
        for (const value of values)
            if (value !== null)
                size += Buffer.byteLength(value);
    }
    const buffer = Buffer.allocUnsafe(size);
    let at = 0;
    for (const { text, values } of statements) {
        const parse = parseMessage(text);
        buffer.set(parse, at);
        at += parse.length;
        const bind = at;
        buffer[at] = 0x42;
        at += 5;
        buffer[at++] = 0;
        buffer[at++] = 0;
        const count = values.length;
        at = buffer.writeUInt16BE(count, at);
        buffer.fill(0, at, at + 2 * count);
        at = buffer.writeUInt16BE(count, at + 2 * count);
        for (const value of values) {
            if (value === null) {
                at = buffer.writeInt32BE(-1, at);
            }
            else {
                const length = buffer.write(value, at + 4);
                buffer.writeInt32BE(length, at);
                at += 4 + length;
            }
        }
        at = buffer.writeUInt16BE(1, at);
        at = buffer.writeUInt16BE(0, at);
        buffer.writeInt32BE(at - bind - 1, bind + 1);
        buffer.set(DESCRIBE_EXECUTE, at);
        at += DESCRIBE_EXECUTE.length;
    }
    buffer.set(SYNC, at);
    return buffer;
}
const { utils } = esm/* default */.Ay;
/**
 * The values as pg writes them (its prepareValue: arrays as array literals, booleans as true and
 * false, ...), before anything is sent: a value pg cannot write fails here, not halfway through a
 * batch on the wire.
 */
const prepared = (statement) => ({
    text: statement.text,
    values: statement.values.map((value) => utils.prepareValue(value)),
});
/**
 * Shapes by statement text, per set of type parsers: the same text answers the same columns, so
 * the parsers are looked up once, not for every answer (the RowDescription is still read and
 * compared, so a changed table is seen).
 */
const shapes = new WeakMap();
function shapeOf(types, text, fields) {
    let known = shapes.get(types);
    if (!known)
        shapes.set(types, (known = new Map()));
    const cached = known.get(text);
    if (cached &&
        cached.names.length === fields.length &&
        fields.every((field, i) => field.name === cached.names[i] && field.dataTypeID === cached.oids[i])) {
        return cached;
    }
    const shape = {
        names: fields.map((field) => field.name),
        oids: fields.map((field) => field.dataTypeID),
        parsers: fields.map((field) => types.getTypeParser(field.dataTypeID, field.format === 'binary' ? 'binary' : 'text')),
    };
    known.set(text, shape);
    return shape;
}
const isLetter = (code) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isDigit = (code) => code >= 48 && code <= 57;
/**
 * A CommandComplete tag read as pg reads it ("INSERT 0 3", "UPDATE 1", "BEGIN"): the command is
 * the leading letters, and the row count the last of at most two numbers after it, each behind one
 * space (pg's /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/, without a regex match and its array per
 * statement).
 */
function commandTag(text) {
    let at = 0;
    while (at < text.length && isLetter(text.charCodeAt(at)))
        at++;
    if (at === 0)
        return { command: '', rowCount: null };
    const command = text.slice(0, at);
    let rowCount = null;
    for (let group = 0; group < 2 && text.charCodeAt(at) === 32 && isDigit(text.charCodeAt(at + 1)); group++) {
        let end = at + 2;
        while (end < text.length && isDigit(text.charCodeAt(end)))
            end++;
        rowCount = Number(text.slice(at + 1, end));
        at = end;
    }
    return { command, rowCount };
}
/**
 * One batch, submitted to pg as a single query: pg runs its queries one after the other on the
 * connection (in pipeline mode, writing each as soon as it is queued), hands this one every answer
 * message up to its ReadyForQuery, and calls back once.
 *
 * pg takes a query object in pipeline mode only if it is a pg.Query (client.js refuses other
 * query classes there), so a Batch is one by its prototype (below), without running pg.Query's
 * constructor: that copies a config with property descriptors and makes a Result and an event
 * emitter, none of which a batch uses, for each round trip (docs/performance.md, "PostgreSQL:
 * where the time goes"). Every method pg calls on its active query while a batch is answered is
 * the batch's own; those it inherits (a portal suspended, a COPY) are for answers no statement of
 * ours gets.
 */
class Batch {
    statements;
    types;
    /** Set by the constructor; pg's client wraps it with its read timeout. */
    callback;
    done = [];
    /** The statement whose answer is being read (each ends with its CommandComplete). */
    at = 0;
    shape;
    /** The rows of that statement so far (not named rows: pg reads a query's rows as its paging option). */
    collected = [];
    rowError;
    constructor(statements, types, finished) {
        this.statements = statements;
        this.types = types;
        let settled = false;
        // pg calls back with an error (ErrorResponse, or a connection lost) or, at ReadyForQuery,
        // without one; either way the results so far are this batch's.
        this.callback = (error) => {
            if (settled)
                return;
            settled = true;
            const failure = error ?? this.rowError;
            finished(failure === undefined
                ? { results: this.done }
                : { results: this.done, error: failure, ranAll: error === undefined });
        };
    }
    submit(connection) {
        const { stream } = connection;
        if (stream.writable)
            stream.write(encodeBatch(this.statements));
    }
    handleRowDescription(message) {
        this.shape = shapeOf(this.types, this.statements[this.at]?.text ?? '', message.fields);
        this.collected = [];
    }
    handleDataRow(message) {
        const { shape } = this;
        if (this.rowError !== undefined || !shape)
            return;
        try {
            const row = {};
            for (let i = 0; i < shape.names.length; i++) {
                const raw = message.fields[i];
                row[shape.names[i]] = raw === null || raw === undefined ? null : shape.parsers[i](raw);
            }
            this.collected.push(row);
        }
        catch (error) {
            // A value pg cannot read: the batch fails at this statement, once the server is done (it
            // runs the statements after it all the same: ranAll).
            this.rowError = error;
        }
    }
    handleCommandComplete(message) {
        const { command, rowCount } = commandTag(message.text);
        const result = { command, rowCount, rows: this.collected };
        this.at++;
        this.shape = undefined;
        this.collected = [];
        if (this.rowError === undefined)
            this.done.push(result);
    }
    handleEmptyQuery() {
        // No statement of ours is empty; pg's answer to one would be a result without a command.
        this.handleCommandComplete({ text: '' });
    }
    /** An ErrorResponse, or the connection lost or timed out (pg's read timeout). */
    handleError(error) {
        this.callback(error);
    }
    handleReadyForQuery() {
        this.callback();
    }
}
Object.setPrototypeOf(Batch.prototype, esm/* default.Query */.Ay.Query.prototype);
/**
 * Sends the statements as one batch on the client (pg in pipeline mode, so it goes out behind
 * whatever was queued before it, in the same write when the caller corks the socket around both)
 * and answers the results of those that ran, and the first failure.
 */
function sendBatch(client, statements, types) {
    return new Promise((resolve) => {
        void client.query(new Batch(statements, types, resolve));
    });
}
const COMMIT = { text: 'COMMIT', values: [] };
const ROLLED_BACK = 'The server answered COMMIT with ROLLBACK: the transaction had failed earlier, and was rolled back.';
/**
 * One round trip: BEGIN and its limits, the statements and a COMMIT go as batches of one Sync
 * each, so that the server answers them in one flush; DDL is a simple query. Everything is queued
 * on pg's pipeline at once, inside one cork, so the round trip leaves in one write. A statement
 * that cannot be bound fails, and nothing from it on is sent: the steps after it fail with it, so
 * a COMMIT behind it never runs.
 */
async function sendSteps(client, steps, types, writer) {
    const pending = [];
    let unbound;
    let batch = [];
    const sendQueued = () => {
        if (batch.length === 0)
            return;
        const sent = batch;
        batch = [];
        const answered = sendBatch(client, sent.flatMap((entry) => entry.bound), types).then(({ results, error, ranAll }) => {
            let next = 0;
            return sent.map(({ step, bound }) => {
                const first = next;
                next += bound.length;
                // A COMMIT behind a row that could not be read ran all the same: what it did is re-read.
                if (next > results.length && ranAll && step.kind === 'commit') {
                    return { ok: false, error: new driver/* CommitOutcomeUnknown */.I(error) };
                }
                if (next > results.length)
                    return { ok: false, error };
                // A COMMIT of a transaction aborted in an earlier batch of the round trip (a DDL step
                // between them) is answered ROLLBACK, not an error: it committed nothing.
                if (step.kind === 'commit' && results[first].command !== 'COMMIT') {
                    return { ok: false, error: new Error(ROLLED_BACK) };
                }
                return {
                    ok: true,
                    answer: writer.answer(bound.length === 1 ? results[first] : results.slice(first, next), step),
                };
            });
        });
        pending.push(answered);
    };
    const { stream } = client.connection;
    stream.cork();
    try {
        for (const [at, step] of steps.entries()) {
            if (step.kind === 'ddl') {
                sendQueued();
                pending.push(client.query(writer.ddl(step)).then((result) => [{ ok: true, answer: writer.answer(result, step) }], (error) => [{ ok: false, error }]));
                continue;
            }
            try {
                const bound = step.kind === 'commit' ? [COMMIT] : step.kind === 'begin' ? writer.begin(step) : [writer.bound(step)];
                batch.push({ step, bound });
            }
            catch (error) {
                unbound = { at, error };
                break;
            }
        }
        sendQueued();
    }
    finally {
        stream.uncork();
    }
    const outcomes = (await Promise.all(pending)).flat();
    if (unbound)
        for (let at = unbound.at; at < steps.length; at++)
            outcomes.push({ ok: false, error: unbound.error });
    return outcomes;
}

// EXTERNAL MODULE: ./src/catalog/shape.ts
var shape = __webpack_require__(62062);
// EXTERNAL MODULE: ./src/catalog/limits.ts
var limits = __webpack_require__(74999);
// EXTERNAL MODULE: ./src/catalog/sql/migration.ts
var migration = __webpack_require__(78836);
;// CONCATENATED MODULE: ./src/catalog/postgres/schema.ts
/**
 * The PostgreSQL catalog's tables (docs/postgres.md), in a schema of the user's choosing (default
 * bfx), with the column names of the column maps in catalog.ts. The schema name is folded to lower
 * case, as PostgreSQL folds an unquoted one, and quoted; table and column names are unquoted, so
 * PostgreSQL folds them to lower case and users can write them in any case (SELECT ExecutionStatus
 * FROM bfx.Execution). The statements that read and write them are in queries.ts.
 *
 * VERSIONS is what each version of the catalog holds, for shape.ts to judge; STEPS is what each
 * version adds, object by object, for migrate() to create what is missing and say what it created.
 */




/** The catalog server's clock, in UTC, as a timestamp without time zone. */
const UTC_NOW = `(now() at time zone 'utc')`;
/** pg_advisory_xact_lock key serializing migrations: 'bfx_migr' in ASCII. */
const MIGRATE_LOCK_KEY = '7090165577455085426';
/** The schema as PostgreSQL stores it: an unquoted name folds to lower case, and so does this one. */
const schemaName = (schema) => schema.toLowerCase();
/** The schema as the statements write it: folded and quoted ("bfxgh"). The name is validated (letters, digits, _). */
const quotedSchema = (schema) => `"${schemaName(schema)}"`;
/** The tables of each version, for shape.ts: PostgreSQL stores every kind as itself. */
const VERSIONS = catalog/* TABLE_VERSIONS */.T3;
/**
 * PostgreSQL type names (pg_type.typname) -> the kinds shape.ts judges; any other type is of no kind
 * of ours. bpchar is char(n): fixed-length, padded with spaces, which only the status letters take.
 */
function typeKind(typeName) {
    switch (typeName) {
        case 'int2':
        case 'int4':
        case 'int8':
            return 'integer';
        case 'varchar':
        case 'text':
            return 'text';
        case 'bpchar':
            return 'fixed-length text';
        case 'bool':
            return 'boolean';
        case 'timestamp':
            return 'timestamp';
        default:
            return null;
    }
}
/**
 * The objects each version adds, in the order they are created: STEPS(schema)[n - 1] takes a
 * catalog from version n - 1 to n. Every statement is also IF NOT EXISTS, a second line of defence
 * behind the advisory lock migrate() holds. The schema itself is created by SCHEMA, only when it
 * is missing.
 */
function steps(schema) {
    const s = quotedSchema(schema);
    return [
        [
            {
                kind: 'table',
                table: 'Package',
                ddl: `
CREATE TABLE IF NOT EXISTS ${s}.Package (
  PackageID    integer      GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  PackageName  varchar(${limits/* COLUMN_LENGTH */.ac.packageName}) NOT NULL,
  IsEnabled    boolean      NOT NULL DEFAULT true,
  RetryLimit   integer      NULL CHECK (RetryLimit >= 0),
  CreatedTime  timestamp    NOT NULL DEFAULT ${UTC_NOW},
  CONSTRAINT UX_Package_PackageName UNIQUE (PackageName)
)`,
            },
            {
                kind: 'table',
                table: 'Execution',
                ddl: `
CREATE TABLE IF NOT EXISTS ${s}.Execution (
  ExecutionID       bigint    GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  PackageID         integer   NOT NULL REFERENCES ${s}.Package (PackageID),
  ParentExecutionID bigint    NULL,
  ExecutionStatus   char(1)   NOT NULL CHECK (ExecutionStatus IN ('E', 'R', 'A', 'C', 'S', 'F')),
  NextLoadStatus    char(1)   NOT NULL CHECK (NextLoadStatus IN ('P', 'R', 'C')),
  RetryCount        integer   NOT NULL DEFAULT 0,
  StartTime         timestamp NOT NULL DEFAULT ${UTC_NOW},
  EndTime           timestamp NULL,
  RunKey            text      NULL,
  ErrorMessage      text      NULL,
  Repository        text      NULL,
  Workflow          text      NULL,
  Job               text      NULL,
  RunId             text      NULL,
  RunAttempt        text      NULL,
  Actor             text      NULL,
  EventName         text      NULL,
  CommitSha         text      NULL
)`,
            },
            {
                kind: 'index',
                table: 'Execution',
                name: 'IX_Execution_Package_RunKey',
                ddl: `CREATE INDEX IF NOT EXISTS IX_Execution_Package_RunKey ON ${s}.Execution (PackageID, RunKey)`,
            },
            {
                kind: 'index',
                table: 'Execution',
                name: 'IX_Execution_Package_Latest',
                ddl: `CREATE INDEX IF NOT EXISTS IX_Execution_Package_Latest ON ${s}.Execution (PackageID, ExecutionID)`,
            },
            {
                kind: 'index',
                table: 'Execution',
                name: 'UX_Execution_Package_Active',
                ddl: `CREATE UNIQUE INDEX IF NOT EXISTS UX_Execution_Package_Active ON ${s}.Execution (PackageID) WHERE EndTime IS NULL`,
            },
        ],
        [
            {
                kind: 'table',
                table: 'CatalogVersion',
                ddl: `
CREATE TABLE IF NOT EXISTS ${s}.CatalogVersion (
  Version     integer   PRIMARY KEY,
  AppliedTime timestamp NOT NULL DEFAULT ${UTC_NOW}
)`,
            },
            {
                // A constant default: PostgreSQL adds the column without rewriting the table, and every
                // existing package reads false.
                kind: 'column',
                table: 'Package',
                column: 'IsBatch',
                ddl: `ALTER TABLE ${s}.Package ADD COLUMN IF NOT EXISTS IsBatch boolean NOT NULL DEFAULT false`,
            },
            {
                kind: 'index',
                table: 'Execution',
                name: 'IX_Execution_Parent',
                ddl: `CREATE INDEX IF NOT EXISTS IX_Execution_Parent ON ${s}.Execution (ParentExecutionID)`,
            },
            {
                kind: 'table',
                table: 'ConfigVariable',
                ddl: `
CREATE TABLE IF NOT EXISTS ${s}.ConfigVariable (
  PackageID     integer      NOT NULL REFERENCES ${s}.Package (PackageID),
  VariableName  varchar(${limits/* COLUMN_LENGTH */.ac.variableName}) NOT NULL,
  VariableValue text         NOT NULL,
  PreviousValue text         NULL,
  ExecutionID   bigint       NULL,
  UpdatedTime   timestamp    NOT NULL,
  PRIMARY KEY (PackageID, VariableName)
)`,
            },
            {
                kind: 'table',
                table: 'RowCount',
                ddl: `
CREATE TABLE IF NOT EXISTS ${s}.RowCount (
  ExecutionID bigint       NOT NULL REFERENCES ${s}.Execution (ExecutionID),
  ObjectName  varchar(${limits/* COLUMN_LENGTH */.ac.objectName}) NOT NULL,
  CountType   varchar(${limits/* COLUMN_LENGTH */.ac.countType}) NOT NULL,
  RowCount    bigint       NOT NULL CHECK (RowCount >= 0),
  PRIMARY KEY (ExecutionID, ObjectName, CountType)
)`,
            },
            {
                kind: 'table',
                table: 'AuditLog',
                ddl: `
CREATE TABLE IF NOT EXISTS ${s}.AuditLog (
  AuditID     bigint       GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  PackageID   integer      NOT NULL REFERENCES ${s}.Package (PackageID),
  ExecutionID bigint       NULL,
  Action      varchar(${limits/* COLUMN_LENGTH */.ac.action})  NOT NULL,
  Detail      text         NULL,
  Actor       varchar(${limits/* COLUMN_LENGTH */.ac.actor}) NULL,
  CreatedTime timestamp    NOT NULL DEFAULT ${UTC_NOW}
)`,
            },
            {
                kind: 'index',
                table: 'AuditLog',
                name: 'IX_AuditLog_Package',
                ddl: `CREATE INDEX IF NOT EXISTS IX_AuditLog_Package ON ${s}.AuditLog (PackageID, AuditID)`,
            },
        ],
        // Version 3: the indexes of LastExecutionID, of the execution that ended last (the one a begin
        // follows) and of an execution's audit records, and the
        // checks of Execution (validated on every row as they are added: an upgrade refuses rows that
        // break them before it gets here).
        [
            {
                kind: 'index',
                table: 'Execution',
                name: 'IX_Execution_Package_Status',
                ddl: `CREATE INDEX IF NOT EXISTS IX_Execution_Package_Status ON ${s}.Execution (PackageID, ExecutionStatus, ExecutionID)`,
            },
            {
                kind: 'index',
                table: 'Execution',
                name: 'IX_Execution_Package_Ended',
                ddl: `CREATE INDEX IF NOT EXISTS IX_Execution_Package_Ended ON ${s}.Execution (PackageID, EndTime, ExecutionID)`,
            },
            {
                kind: 'index',
                table: 'AuditLog',
                name: 'IX_AuditLog_Execution',
                ddl: `CREATE INDEX IF NOT EXISTS IX_AuditLog_Execution ON ${s}.AuditLog (ExecutionID, Action)`,
            },
            ...shape/* EXECUTION_CHECKS */.n8.map((check, i) => ({
                kind: 'constraint',
                table: 'Execution',
                name: CHECK_NAMES[i],
                ddl: `ALTER TABLE ${s}.Execution ADD CONSTRAINT ${CHECK_NAMES[i]} CHECK (${check})`,
            })),
        ],
        // Version 4: the record of a deleted package names no package.
        [
            {
                kind: 'nullable',
                table: 'AuditLog',
                column: 'PackageID',
                ddl: `ALTER TABLE ${s}.AuditLog ALTER COLUMN PackageID DROP NOT NULL`,
            },
        ],
    ];
}
/** Version 3's CHECK constraints of Execution, in the order of EXECUTION_CHECKS. */
const CHECK_NAMES = ['CK_Execution_EndTime', 'CK_Execution_RetryCount'];
/**
 * Creates the schema only when it is missing: CREATE SCHEMA IF NOT EXISTS would still ask for
 * CREATE on the database, so a user with CREATE on a schema that a DBA made can migrate.
 */
function createSchema(schema) {
    return `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = '${schemaName(schema)}') THEN
    CREATE SCHEMA ${quotedSchema(schema)};
  END IF;
END $$`;
}
/** pg_class.relkind, in words, for an object of a table's name that is no table. */
const RELATION_KINDS = {
    v: 'view',
    m: 'materialized view',
    S: 'sequence',
    f: 'foreign table',
    i: 'index',
    I: 'partitioned index',
    c: 'composite type',
};
const WORDS = { typeKind, objectKind: (kind) => RELATION_KINDS[kind] ?? 'relation' };
/** A string constant of ours as an SQL literal (names of letters, digits and underscores: nothing to escape). */
const literal = (value) => `'${value}'`;
/**
 * The names of a kind the steps create, as PostgreSQL stores them (our unquoted names fold to
 * lower case), as an SQL array.
 */
const storedNames = (objects, kind) => `ARRAY[${(0,migration/* stepNames */.Ve)(objects, kind)
    .map((name) => literal(name.toLowerCase()))
    .join(', ')}]::text[]`;
/**
 * What the schema holds, in one statement that needs no privilege on the tables (migration.ts's
 * InspectAnswer): the columns (name and type) of the tables that carry our names, those of their
 * columns an insert must fill (NOT NULL, no default), the objects of those names that are no
 * tables (a view, a sequence...), and the indexes and constraints of ours that are there. The
 * names are written in (the schema's is validated: letters, digits, underscores). Only lower-case
 * column names count: our statements name them unquoted, so a quoted "PackageID" is not the column
 * they use.
 */
function INSPECT(schema) {
    const objects = steps(schema);
    const inSchema = `n.nspname = ${literal(schemaName(schema))}`;
    const ours = `${inSchema} AND c.relname = ANY (${storedNames(objects, 'table')})`;
    return `
SELECT
  (SELECT coalesce(json_agg(json_build_object('table', c.relname, 'column', coalesce(a.attname, ''), 'type', t.typname)), '[]')
     FROM pg_catalog.pg_class c
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_catalog.pg_attribute a
       ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = lower(a.attname)
     LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    WHERE ${ours} AND c.relkind IN ('r', 'p')) AS "columns",
  (SELECT coalesce(json_agg(json_build_object('table', c.relname, 'column', a.attname)), '[]')
     FROM pg_catalog.pg_class c
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE ${ours} AND c.relkind IN ('r', 'p')
      AND a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = '') AS "required",
  (SELECT coalesce(json_agg(json_build_object('name', c.relname, 'kind', c.relkind)), '[]')
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE ${ours} AND c.relkind NOT IN ('r', 'p')) AS "others",
  (SELECT coalesce(json_agg(json_build_object('name', c.relname)), '[]')
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE ${inSchema} AND c.relkind = 'i' AND c.relname = ANY (${storedNames(objects, 'index')})) AS "indexes",
  (SELECT coalesce(json_agg(json_build_object('name', con.conname)), '[]')
     FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_namespace n ON n.oid = con.connamespace
    WHERE ${inSchema} AND con.conname = ANY (${storedNames(objects, 'constraint')})) AS "constraints"`;
}
/** What the SQL core inspects and migrates this schema's catalog with (location: host:port/database). */
function catalogSchema(schema, location) {
    const objects = steps(schema);
    return {
        where: `schema ${schemaName(schema)} of the PostgreSQL catalog ${location}`,
        foreignTableFix: 'choose another catalog-schema (or the schema parameter of the connection string) for the bfx-begin tables.',
        executionTable: `${schemaName(schema)}.Execution`,
        versions: VERSIONS,
        inspection: (answer) => (0,migration/* inspectionOf */.Ms)(answer, WORDS),
        migration(from, answer) {
            // The schema is no object of the steps: a fresh catalog's first table is created after it,
            // in the same step, so what a migration reports is the catalog's tables, indexes and constraints.
            const text = (object, position) => from === 0 && position === 0 ? `${createSchema(schema)};\n${object.ddl}` : object.ddl;
            return (0,migration/* migrationSteps */.W$)(objects, from, (0,migration/* foundObjects */.B6)(answer), text);
        },
    };
}

// EXTERNAL MODULE: ./src/catalog/rows.ts
var rows = __webpack_require__(98422);
;// CONCATENATED MODULE: ./src/catalog/postgres/statements.ts
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




/** PostgreSQL folds unquoted aliases to lower case: the camelCase field names are quoted. */
const quote = (field) => `"${field}"`;
const PACKAGE_LIST = (0,rows/* packageSelectList */.Bv)('p', quote);
const EXECUTION_LIST = (0,rows/* executionSelectList */.RW)(quote);
const CONTEXT = Object.values(catalog/* CONTEXT_COLUMNS */.y8);
const VARIABLE_LIST = (0,rows/* selectList */.fr)('v', catalog/* VARIABLE_COLUMNS */.nl, quote);
const ROW_COUNT_LIST = (0,rows/* selectList */.fr)('r', catalog/* ROW_COUNT_COLUMNS */.Xs, quote);
const AUDIT_LIST = `${(0,rows/* selectList */.fr)('a', catalog/* AUDIT_COLUMNS */.kF, quote)}, p.PackageName AS ${quote('packageName')}`;
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
const statements_MIGRATE_LOCK_KEY = '7090165577455085426';
/** Every statement of a catalog in this schema. */
function statements(schema) {
    const s = quotedSchema(schema);
    const PACKAGE = `${s}.Package`;
    const EXECUTION_TABLE = `${s}.Execution`;
    const EXECUTION = `SELECT ${EXECUTION_LIST} FROM ${EXECUTION_TABLE} e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID`;
    // ---- the lock ----------------------------------------------------------------------------------
    const LOCKED_PACKAGE_ID = {
        name: `(SELECT PackageID FROM ${PACKAGE} WHERE PackageName = @PackageName)`,
        execution: `(SELECT PackageID FROM ${EXECUTION_TABLE} WHERE ExecutionID = @LockExecutionID)`,
    };
    /** The package of the parent execution: named by a begin (@LockParentExecutionID), or the locked execution's. */
    const PARENT_PACKAGE_ID = {
        name: `(SELECT PackageID FROM ${EXECUTION_TABLE} WHERE ExecutionID = @LockParentExecutionID)`,
        execution: `(SELECT x.PackageID FROM ${EXECUTION_TABLE} x
     WHERE x.ExecutionID = (SELECT ParentExecutionID FROM ${EXECUTION_TABLE} WHERE ExecutionID = @LockExecutionID))`,
    };
    /** One statement per lock key, the locked package's ID written in where `id` is used. */
    const byKey = (statement) => ({
        name: statement(LOCKED_PACKAGE_ID.name, 'name'),
        execution: statement(LOCKED_PACKAGE_ID.execution, 'execution'),
    });
    /**
     * Executions of any package the transaction holds exclusively: its own, and those of
     * lockPackages (@LockedPackageIDs, the IDs locked so far). Not the parent's: a child holds its
     * batch's package shared, beside the batch's other children, and changes none of its executions.
     */
    const inLockedPackage = (alias, id) => `(${alias}.PackageID = ${id} OR ${alias}.PackageID = ANY (@LockedPackageIDs::integer[]))`;
    /**
     * A package's lock, held to COMMIT: the row, FOR UPDATE (the package's own) or FOR SHARE (the
     * batch's package, for one of its children: the children of one batch begin and end side by
     * side, while the batch's own begin, end, reset and re-close, which lock it FOR UPDATE, wait for
     * them all and they for it).
     */
    const lockPackage = (id, mode, also = '') => `SELECT ${PACKAGE_LIST} FROM ${PACKAGE} p WHERE p.PackageID = ${id}${also} FOR ${mode}`;
    /** The catalog's clock @Minutes (or another parameter) minutes ago. */
    const minutesAgo = (parameter) => `(${UTC_NOW} - make_interval(mins => ${parameter}::integer))`;
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
    const NAMED = (alias) => `(@PackageName::varchar IS NULL OR ${alias}.PackageName = @PackageName::varchar)`;
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
        LOCK_PARENT_PACKAGE_SHARED: byKey((id, key) => lockPackage(PARENT_PACKAGE_ID[key], 'SHARE', ` AND p.PackageID IS DISTINCT FROM ${id}`)),
        /** More packages' locks, after the transaction's own, in ascending PackageID order. */
        LOCK_PACKAGES_EXCLUSIVE: `
SELECT p.PackageID AS "packageId" FROM ${PACKAGE} p WHERE p.PackageID = ANY (@PackageIDs::integer[]) ORDER BY p.PackageID FOR UPDATE`,
        // ---- reads of the locked package --------------------------------------------------------------
        EXECUTION_WITH_RUN_KEY: byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} AND e.RunKey = @RunKey ORDER BY e.ExecutionID DESC LIMIT 1`),
        ACTIVE_EXECUTION: byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} AND e.EndTime IS NULL LIMIT 1`),
        LATEST_EXECUTION: byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} ORDER BY e.ExecutionID DESC LIMIT 1`),
        LAST_ENDED_EXECUTION: byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} AND e.EndTime IS NOT NULL ORDER BY e.EndTime DESC, e.ExecutionID DESC LIMIT 1`),
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
        LAST_EXECUTION_AND_VARIABLES: byKey((id) => `
SELECT l.ExecutionID AS "lastExecutionId", ${VARIABLE_LIST}
  FROM (SELECT (SELECT e.ExecutionID FROM ${EXECUTION_TABLE} e
                 WHERE e.PackageID = ${id} AND e.ExecutionStatus = @ExecutionStatus
                   AND (@BeforeExecutionID::bigint IS NULL OR e.ExecutionID < @BeforeExecutionID::bigint)
                 ORDER BY e.ExecutionID DESC LIMIT 1) AS ExecutionID) l
  LEFT JOIN ${s}.ConfigVariable v ON v.PackageID = ${id}
 ORDER BY v.VariableName`),
        VARIABLES: byKey((id) => `SELECT ${VARIABLE_LIST} FROM ${s}.ConfigVariable v WHERE v.PackageID = ${id} ORDER BY v.VariableName`),
        /** The package's audit entries of one execution with one action, oldest first. */
        EXECUTION_AUDIT: byKey((id) => `
SELECT ${AUDIT_LIST} FROM ${s}.AuditLog a JOIN ${PACKAGE} p ON p.PackageID = a.PackageID
 WHERE a.PackageID = ${id} AND a.ExecutionID = @ExecutionID::bigint AND a.Action = @Action::varchar
 ORDER BY a.AuditID`),
        /** The package's audit entries with one action, above an AuditID, newest first. */
        PACKAGE_AUDIT: byKey((id) => `
SELECT ${AUDIT_LIST} FROM ${s}.AuditLog a JOIN ${PACKAGE} p ON p.PackageID = a.PackageID
 WHERE a.PackageID = ${id} AND a.Action = @Action::varchar
   AND a.AuditID > COALESCE(@AfterAuditID::bigint, 0)
 ORDER BY a.AuditID DESC LIMIT @Limit::bigint`),
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
        TAKE_OVER_EXECUTION: byKey((id) => `
WITH changed AS (
  UPDATE ${EXECUTION_TABLE}
     SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, RetryCount = @RetryCount,
         ParentExecutionID = @ParentExecutionID, RunKey = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
   WHERE ExecutionID = @ExecutionID AND PackageID = ${id} AND EndTime IS NULL
  RETURNING 1)
SELECT guard.one FROM ${GUARD}`),
        /**
         * Guarded like the take-over: only an active execution of a locked package. Returns the ended
         * row. The LEFT JOIN keeps the guard's row, and its ON clause uses the guard's value, so the
         * planner can neither skip it nor drop it as unused.
         */
        FINISH_EXECUTION: byKey((id) => `
WITH changed AS (
  UPDATE ${EXECUTION_TABLE} x
     SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
         ErrorMessage = @ErrorMessage
   WHERE x.ExecutionID = @ExecutionID AND ${inLockedPackage('x', id)} AND x.EndTime IS NULL
  RETURNING x.*)
SELECT ${EXECUTION_LIST}
  FROM ${GUARD} LEFT JOIN (changed e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID) ON guard.one = 1`),
        /** Guarded: only an ended execution of a locked package whose status is still @EndedAs. */
        REFINISH_EXECUTION: byKey((id) => `
WITH changed AS (
  UPDATE ${EXECUTION_TABLE} x
     SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
         ErrorMessage = @ErrorMessage
   WHERE x.ExecutionID = @ExecutionID AND ${inLockedPackage('x', id)} AND x.EndTime IS NOT NULL
     AND x.ExecutionStatus = @EndedAs
  RETURNING x.*)
SELECT ${EXECUTION_LIST}
  FROM ${GUARD} LEFT JOIN (changed e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID) ON guard.one = 1`),
        /** Guarded: only an execution of a locked package. Returns the changed row. */
        SET_NEXT_LOAD_STATUS: byKey((id) => `
WITH changed AS (
  UPDATE ${EXECUTION_TABLE} x SET NextLoadStatus = @NextLoadStatus
   WHERE x.ExecutionID = @ExecutionID AND ${inLockedPackage('x', id)}
  RETURNING x.*)
SELECT ${EXECUTION_LIST}
  FROM ${GUARD} LEFT JOIN (changed e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID) ON guard.one = 1`),
        /** Guarded: every one of @ExecutionIDs, each of a locked package; answers a row per changed execution. */
        SET_NEXT_LOAD_STATUSES: byKey((id) => `
WITH changed AS (
  UPDATE ${EXECUTION_TABLE} x SET NextLoadStatus = @NextLoadStatus
   WHERE x.ExecutionID = ANY (@ExecutionIDs::bigint[]) AND ${inLockedPackage('x', id)}
  RETURNING x.ExecutionID)
SELECT e.ExecutionID AS "executionId" FROM ${GUARD} LEFT JOIN changed e ON guard.one = 1`),
        SET_ENABLED: byKey((id) => `UPDATE ${PACKAGE} p SET IsEnabled = @IsEnabled WHERE p.PackageID = ${id} RETURNING ${PACKAGE_LIST}`),
        MARK_BATCH: byKey((id) => `UPDATE ${PACKAGE} SET IsBatch = true WHERE PackageID = ${id}`),
        /** Adds the names the package does not have yet (@Names with @Values); the others are left as they are. */
        REGISTER_VARIABLES: byKey((id) => `
INSERT INTO ${s}.ConfigVariable (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT p.PackageID, v.name, v.value, NULL, NULL, ${UTC_NOW}
  FROM ${PACKAGE} p CROSS JOIN unnest(@Names::text[], @Values::text[]) AS v (name, value)
 WHERE p.PackageID = ${id}
ON CONFLICT (PackageID, VariableName) DO NOTHING`),
        /** Each value replaces the one before, which is kept as PreviousValue (null for a new name). */
        STORE_VARIABLES: byKey((id) => `
INSERT INTO ${s}.ConfigVariable AS c (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT p.PackageID, v.name, v.value, NULL, @ExecutionID::bigint, ${UTC_NOW}
  FROM ${PACKAGE} p CROSS JOIN unnest(@Names::text[], @Values::text[]) AS v (name, value)
 WHERE p.PackageID = ${id}
ON CONFLICT (PackageID, VariableName) DO UPDATE
   SET PreviousValue = c.VariableValue, VariableValue = excluded.VariableValue,
       ExecutionID = excluded.ExecutionID, UpdatedTime = excluded.UpdatedTime`),
        /** A count for the same execution, object and type replaces the earlier one. */
        SAVE_ROW_COUNTS: `
INSERT INTO ${s}.RowCount AS r (ExecutionID, ObjectName, CountType, RowCount)
SELECT @ExecutionID::bigint, c.objectName, c.countType, c.rowCount
  FROM unnest(@ObjectNames::text[], @CountTypes::text[], @RowCounts::bigint[]) AS c (objectName, countType, rowCount)
ON CONFLICT (ExecutionID, ObjectName, CountType) DO UPDATE SET RowCount = excluded.RowCount`,
        RECORD_AUDIT: byKey((id) => `
INSERT INTO ${s}.AuditLog (PackageID, ExecutionID, Action, Detail, Actor)
SELECT p.PackageID, @ExecutionID::bigint, @Action, @Detail, @Actor FROM ${PACKAGE} p WHERE p.PackageID = ${id}`),
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
        MIGRATE_LOCK: `SELECT pg_advisory_xact_lock(${statements_MIGRATE_LOCK_KEY})`,
        /** The catalog's highest ExecutionID (how many executions it has recorded), and the executions version 3's checks refuse. */
        UPGRADE_SIZE: `
SELECT (SELECT max(ExecutionID) FROM ${EXECUTION_TABLE}) AS "executions",
       (SELECT count(*) FROM ${EXECUTION_TABLE} WHERE ${shape/* UNCHECKED_EXECUTIONS */.Xy}) AS "unchecked",
       (SELECT min(ExecutionID) FROM ${EXECUTION_TABLE} WHERE ${shape/* UNCHECKED_EXECUTIONS */.Xy}) AS "firstUnchecked"`,
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
        RENAME_PACKAGE: byKey((id) => `UPDATE ${PACKAGE} p SET PackageName = @NewName::varchar WHERE p.PackageID = ${id} RETURNING ${PACKAGE_LIST}`),
        // A whole package, children before parents; the executions' count is DELETE_PACKAGE_EXECUTIONS's.
        DELETE_PACKAGE_ROW_COUNTS: byKey((id) => `DELETE FROM ${s}.RowCount WHERE ExecutionID IN (SELECT ExecutionID FROM ${EXECUTION_TABLE} WHERE PackageID = ${id})`),
        DELETE_PACKAGE_AUDIT: byKey((id) => `DELETE FROM ${s}.AuditLog WHERE PackageID = ${id}`),
        DELETE_PACKAGE_VARIABLES: byKey((id) => `DELETE FROM ${s}.ConfigVariable WHERE PackageID = ${id}`),
        DELETE_PACKAGE_EXECUTIONS: byKey((id) => `DELETE FROM ${EXECUTION_TABLE} WHERE PackageID = ${id}`),
        DELETE_PACKAGE: byKey((id) => `DELETE FROM ${PACKAGE} WHERE PackageID = ${id}`),
        /** @AfterExecutionID is null for the first page. */
        PURGE_CANDIDATES: byKey((id) => `${STANDING}
 WHERE e.PackageID = ${id} AND e.StartTime < ${minutesAgo('@Minutes')}
   AND (@AfterExecutionID::bigint IS NULL OR e.ExecutionID > @AfterExecutionID::bigint)
 ORDER BY e.ExecutionID LIMIT @Limit`),
        STANDINGS: `${STANDING} WHERE e.ExecutionID = ANY (@ExecutionIDs::bigint[])`,
        CHILD_STANDINGS: `${STANDING} WHERE e.ParentExecutionID = ANY (@ExecutionIDs::bigint[])`,
        // Of the locked package only: the row counts, audit entries and rows of these executions.
        DELETE_EXECUTION_ROW_COUNTS: byKey((id) => `DELETE FROM ${s}.RowCount WHERE ExecutionID IN (
  SELECT ExecutionID FROM ${EXECUTION_TABLE} WHERE PackageID = ${id} AND ExecutionID = ANY (@ExecutionIDs::bigint[]))`),
        DELETE_EXECUTION_AUDIT: byKey((id) => `DELETE FROM ${s}.AuditLog WHERE PackageID = ${id} AND ExecutionID = ANY (@ExecutionIDs::bigint[])`),
        DELETE_EXECUTIONS: byKey((id) => `DELETE FROM ${EXECUTION_TABLE} WHERE PackageID = ${id} AND ExecutionID = ANY (@ExecutionIDs::bigint[])`),
        DELETE_OLD_AUDIT: byKey((id) => `
DELETE FROM ${s}.AuditLog WHERE AuditID IN (
  SELECT a.AuditID FROM ${s}.AuditLog a
   WHERE a.PackageID = ${id} AND a.CreatedTime < ${minutesAgo('@Minutes')}
     AND (a.ExecutionID IS NULL OR NOT EXISTS (SELECT 1 FROM ${EXECUTION_TABLE} x WHERE x.ExecutionID = a.ExecutionID))
   ORDER BY a.AuditID LIMIT @Limit)`),
        /** Newest first. */
        AUDIT: `
SELECT ${AUDIT_LIST} FROM ${s}.AuditLog a JOIN ${PACKAGE} p ON p.PackageID = a.PackageID
 WHERE p.PackageName = @PackageName
 ORDER BY a.AuditID DESC LIMIT @Limit`,
    };
}

;// CONCATENATED MODULE: ./src/catalog/postgres/driver.ts
/**
 * The PostgreSQL driver of the SQL core (src/catalog/sql/driver.ts): one pg connection in
 * pipeline mode. send() writes every step of a round trip at once without waiting for an answer
 * (the statements as one batch with one Sync, pipeline.ts), and the server runs them in order, so
 * a package transaction is "BEGIN, locks, reads" in one round trip and "writes, COMMIT" in the
 * next. When a step fails, the server aborts the transaction and skips the rest of the batch: the
 * steps behind it fail with the same error, a COMMIT among them never runs, and the core rolls
 * back.
 *
 * Every transaction is READ COMMITTED whatever the database's default (each statement sees what
 * was committed before it started, so a read pipelined behind a lock sees every transaction that
 * held it), with its server-side limits set LOCAL (they also hold behind a transaction-mode
 * pooler, which refuses them as startup parameters): a lock wait or a slow statement ends with a
 * clean rollback and a clear code, and a runner that hangs mid-transaction cannot hold its
 * package's lock for ever.
 */






const TIMESTAMP_OID = 1114;
/** timestamp without time zone, stored in UTC: '2025-01-02 03:04:05.678901' -> '2025-01-02T03:04:05.678901Z'. */
function utcTimestamp(value) {
    return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
}
/** Type parsers for this engine's clients only; pg's global parsers are left as they are. */
const TYPES = {
    getTypeParser: ((oid, format) => oid === TIMESTAMP_OID && format !== 'binary'
        ? utcTimestamp
        : esm/* default.types */.Ay.types.getTypeParser(oid, format)),
};
/**
 * How each kind of transaction begins: statements sent in the round trip's batch, in front of its
 * other statements (pipeline.ts), so that the server answers the whole round trip at once. The
 * limits are set LOCAL by one SELECT of set_config(..., true). The statement limit has a second's
 * headroom over the lock limit, so that a lock wait is reported as one. Numbers only: nothing
 * user-given reaches this text.
 */
function beginTexts(requestTimeoutMs) {
    const ms = (value) => Math.max(1, Math.round(value));
    const local = (setting, value) => `set_config('${setting}', '${ms(value)}', true)`;
    const limited = [
        'BEGIN ISOLATION LEVEL READ COMMITTED',
        `SELECT ${[
            local('lock_timeout', requestTimeoutMs),
            local('statement_timeout', requestTimeoutMs + 1000),
            local('idle_in_transaction_session_timeout', requestTimeoutMs),
        ].join(', ')}`,
    ];
    return {
        package: limited,
        migrate: limited,
        // The report's reads: one snapshot, in which now() is the same for every statement.
        snapshot: ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'],
    };
}
const compiled = new Map();
/** `... WHERE PackageName = @PackageName` with { PackageName } -> `... WHERE PackageName = $1` with [value]. */
function bind(sql, params) {
    let statement = compiled.get(sql);
    if (!statement) {
        const names = [];
        const text = sql.replace(/@([A-Za-z]\w*)/g, (_, name) => {
            if (!names.includes(name))
                names.push(name);
            return `$${names.indexOf(name) + 1}`;
        });
        statement = { text, names };
        compiled.set(sql, statement);
    }
    const values = statement.names.map((name) => {
        if (!(name in params))
            throw new Error(`No value was given for @${name} in: ${sql.trim().slice(0, 80)}`);
        return wireValue(params[name], name);
    });
    return { text: statement.text, values };
}
/**
 * A value of a type pg sends as it is (null, text, a number, a boolean, an array of texts or
 * numbers), checked here, before anything of the round trip is written, rather than by pg as it
 * writes each query: a value that cannot be sent fails its step before the steps behind it leave
 * (see send).
 */
function wireValue(value, name) {
    const plain = (item) => item === null || ['string', 'number', 'boolean'].includes(typeof item);
    if (value === undefined || plain(value))
        return value;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number'))
        return value;
    throw new Error(`The value given for @${name} is not one a statement can bind (${typeof value}).`);
}
/**
 * A statement's answer: its rows, and the rows an INSERT, UPDATE or DELETE changed. A guarded
 * update is an UPDATE inside WITH whose guard fails it unless it changed exactly @GuardedRows rows
 * (one or more), which it answers, one row each (statements.ts): what it changed is the rows it
 * answers.
 */
function answer(result, guarded = false) {
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    if (guarded)
        return { rows: last.rows, changed: last.rows.length };
    const changed = ['INSERT', 'UPDATE', 'DELETE'].includes(last.command) ? (last.rowCount ?? 0) : 0;
    return { rows: last.rows, changed };
}
function openDriver(connectionString, options) {
    const config = {
        connectionString,
        connectionTimeoutMillis: options.connectTimeoutMs,
        // The server-side limits are set per transaction (beginTexts); this client-side one is only
        // the backstop for a server that stops answering.
        query_timeout: options.requestTimeoutMs + 5000,
        fallback_application_name: 'bfx-begin',
        keepAlive: true,
        pipeline: true,
        types: TYPES,
    };
    let probe;
    try {
        probe = new esm/* default.Client */.Ay.Client(config);
    }
    catch (error) {
        throw unreadableConnectionString(error);
    }
    const host = probe.host || 'localhost';
    const port = probe.port || 5432;
    const database = probe.database || probe.user || '';
    const location = `${host}:${port}/${database}`;
    const schema = options.schema ?? catalog/* DEFAULT_CATALOG_SCHEMA */._S;
    const begins = beginTexts(options.requestTimeoutMs);
    let client = null;
    const writer = {
        begin: (step) => begins[step.mode].map((text) => ({ text, values: [] })),
        ddl: (step) => step.text,
        bound: (step) => prepared(bind(step.text, step.params)),
        answer: (result, step) => answer(result, step.kind === 'statement' && step.guarded !== undefined),
    };
    const forget = (lost) => {
        if (client === lost)
            client = null;
        lost.end().catch(() => undefined);
    };
    return {
        engine: 'postgres',
        location,
        statements: statements(schema),
        schema: catalogSchema(schema, location),
        faults: faults({
            host,
            port,
            database,
            user: probe.user || '',
            location,
            connectTimeoutMs: options.connectTimeoutMs,
            requestTimeoutMs: options.requestTimeoutMs,
        }),
        async connect() {
            if (client)
                return;
            const opening = new esm/* default.Client */.Ay.Client(config);
            // A connection lost while idle is reported as an event: forget it, the next call reconnects.
            opening.on('error', () => forget(opening));
            opening.on('end', () => {
                if (client === opening)
                    client = null;
            });
            try {
                await opening.connect();
            }
            catch (error) {
                opening.end().catch(() => undefined);
                throw error;
            }
            client = opening;
        },
        async send(steps) {
            const open = client;
            if (!open)
                throw new Error('The PostgreSQL catalog has no open connection.');
            const outcomes = await sendSteps(open, steps, TYPES, writer);
            // The connection went away during the round trip: its transaction is gone with it, and
            // whether a COMMIT among its steps took effect is unknown.
            const lost = outcomes.find((outcome) => !outcome.ok && isConnectionLoss(outcome.error));
            if (lost && !lost.ok)
                throw lost.error;
            return outcomes;
        },
        async rollback() {
            const open = client;
            if (!open)
                return;
            try {
                await open.query('ROLLBACK');
            }
            catch {
                forget(open);
            }
        },
        drop() {
            if (client)
                forget(client);
        },
        async close() {
            const open = client;
            client = null;
            if (open)
                await open.end().catch(() => undefined);
        },
    };
}


/***/ }),

/***/ 78836:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B6: () => (/* binding */ foundObjects),
/* harmony export */   Ms: () => (/* binding */ inspectionOf),
/* harmony export */   Ve: () => (/* binding */ stepNames),
/* harmony export */   W$: () => (/* binding */ migrationSteps)
/* harmony export */ });
/* unused harmony exports readInspectAnswer, isPresent, describeObject */
/* harmony import */ var _catalog_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97008);
/**
 * The migration plan, written once for every engine: the objects each catalog version adds, the
 * names INSPECT looks for, how its answer reads (for shape.ts, and as the objects a catalog
 * already holds), and how a migration names what it created. An engine's schema.ts says only what
 * differs: its steps (the DDL per version, as CatalogObjects), its INSPECT text, its words for
 * type names and object kinds, and the text it sends for an object (the DDL as it is, or wrapped
 * in the engine's own guard).
 */

/**
 * The names of the objects of a kind the steps create, once each, as the steps write them: what
 * INSPECT looks for (a catalog version's objects are all in the steps, so no list of names is kept
 * beside them).
 */
function stepNames(steps, kind) {
    const names = steps.flat().flatMap((object) => {
        if (object.kind !== kind)
            return [];
        return object.kind === 'table' ? [object.table] : 'name' in object ? [object.name] : [];
    });
    return [...new Set(names)];
}
const INSPECT_FIELDS = ['schemas', 'columns', 'required', 'others', 'indexes', 'constraints', 'triggers'];
/** INSPECT's one row, its lists read (no row: nothing found). */
function readInspectAnswer(answer) {
    const row = answer.rows[0] ?? {};
    const list = (value) => Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? JSON.parse(value) : [];
    return Object.fromEntries(INSPECT_FIELDS.map((field) => [field, list(row[field])]));
}
/** INSPECT's answer as shape.ts judges a catalog (the core adds RECORDED_VERSION's). */
function inspectionOf(answer, words) {
    const found = readInspectAnswer(answer);
    return {
        columns: found.columns.map(({ table, column, type }) => ({ table, column, kind: words.typeKind(type) })),
        others: found.others.map(({ name, kind }) => ({ name, kind: words.objectKind(kind) })),
        required: found.required,
    };
}
/** INSPECT's answer as the objects the steps create that the catalog already holds. */
function foundObjects(answer) {
    const found = readInspectAnswer(answer);
    const names = (objects) => objects.map((object) => object.name);
    return {
        schemas: names(found.schemas),
        tables: found.columns.map((column) => column.table),
        columns: found.columns,
        required: found.required,
        indexes: found.indexes,
        constraints: names(found.constraints),
        triggers: names(found.triggers),
    };
}
const same = (a, b) => a.toLowerCase() === b.toLowerCase();
const sameColumn = (a, b) => same(a.table, b.table) && same(a.column, b.column);
/** Whether the catalog held the object before the migration began, by what INSPECT found. */
function isPresent(object, found) {
    switch (object.kind) {
        case 'schema':
            return found.schemas.some((name) => same(name, object.name));
        case 'table':
            return found.tables.some((name) => same(name, object.table));
        case 'column':
            return found.columns.some((column) => sameColumn(column, object));
        // A table still to be created is made with the column NOT NULL first, then altered.
        case 'nullable':
            return (found.columns.some((column) => sameColumn(column, object)) &&
                !found.required.some((column) => sameColumn(column, object)));
        case 'index':
            return found.indexes.some((index) => object.clustered
                ? index.clustered === true && same(index.table ?? '', object.table)
                : same(index.name, object.name) && (index.table === undefined || same(index.table, object.table)));
        case 'constraint':
            return found.constraints.some((name) => same(name, object.name));
        case 'trigger':
            return found.triggers.some((name) => same(name, object.name));
    }
}
/**
 * How a migration names what it created: 'schema bfx', 'table Package', 'column Package.IsBatch',
 * 'nullable column AuditLog.PackageID', 'index IX_Execution_Parent', 'constraint CK_Execution_EndTime',
 * 'trigger CK_Execution_Insert'.
 */
function describeObject(object) {
    switch (object.kind) {
        case 'schema':
            return `schema ${object.name}`;
        case 'table':
            return `table ${object.table}`;
        case 'column':
            return `column ${object.table}.${object.column}`;
        case 'nullable':
            return `nullable column ${object.table}.${object.column}`;
        default:
            return `${object.kind} ${object.name}`;
    }
}
/**
 * What brings a catalog at version `from` (0: empty) to CATALOG_VERSION: the objects of the later
 * steps (steps[n - 1] takes a catalog from version n - 1 to n) that the catalog lacks, in order,
 * each as the text the engine sends (`position`: its place among those created) and in words.
 */
function migrationSteps(steps, from, found, text) {
    if (steps.length !== _catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .CATALOG_VERSION */ .$i)
        throw new Error('The migration steps do not reach CATALOG_VERSION.');
    return steps
        .slice(from)
        .flat()
        .filter((object) => !isPresent(object, found))
        .map((object, position) => ({ text: text(object, position), creates: describeObject(object) }));
}


/***/ })

};
