/**
 * The embedded catalog's driver, on node:sqlite. A package transaction (and a migration) is BEGIN
 * IMMEDIATE: it takes the file's write lock before reading, so it holds every package's lock at
 * once (the lock statements only read the rows they stand for), parallel processes on one file are
 * applied one after another, and a busy file is waited on (the busy timeout) rather than failed.
 * node:sqlite is synchronous: a round trip runs its steps in process, in order, and stops at the
 * first that fails; the steps after it answer that failure, a COMMIT among them included, and the
 * transaction stays open until the core rolls it back.
 */
import { mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { BfxError } from '../../errors.js';
import { ACTION_NO_CREATE, type OpenOptions } from '../catalog.js';
import { GuardFailure, type Answer, type Driver, type Outcome, type Params, type Step } from '../sql/driver.js';
import { Turns } from '../turns.js';
import { faults } from './faults.js';
import { catalogSchema } from './schema.js';
import { statements } from './statements.js';

export function openDriver(path: string, options: OpenOptions): Driver {
  return new SqliteDriver(resolve(path), options);
}

/**
 * Transactions on one file in this process take turns, whatever connection they are on: a
 * transaction awaits between its round trips, and another connection's BEGIN IMMEDIATE meanwhile
 * would wait synchronously on the busy timeout, blocking the very event loop the lock holder needs
 * to finish. A turn lasts from BEGIN to COMMIT or ROLLBACK.
 */
const turnsByFile = new Map<string, Turns>();

/** Values as node:sqlite binds them: IDs as BigInt (exact above 2^53), lists as JSON for json_each, booleans as 0 / 1. */
function bind(params: Params): Record<string, SQLInputValue> {
  const bound: Record<string, SQLInputValue> = {};
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      // ID lists are decimal digits, checked by the core: written as JSON numbers, read as integers.
      const ids = /IDs$/.test(name);
      bound[name] =
        `[${(value as (string | number)[]).map((item) => (ids || typeof item === 'number' ? String(item) : JSON.stringify(item))).join(',')}]`;
    } else if (typeof value === 'boolean') {
      bound[name] = value ? 1 : 0;
    } else if (typeof value === 'string' && /ExecutionID$/.test(name)) {
      bound[name] = BigInt(value);
    } else {
      bound[name] = value as SQLInputValue;
    }
  }
  return bound;
}

const WRITE = /^\s*(INSERT|UPDATE|DELETE)\b/i;

class SqliteDriver implements Driver {
  readonly engine = 'sqlite';
  readonly statements = statements();
  readonly schema;
  readonly faults;
  private db: DatabaseSync | undefined;
  private readonly prepared = new Map<string, StatementSync>();
  private readonly turns: Turns;
  /** The end of the file's turn this connection holds (from BEGIN to COMMIT or ROLLBACK). */
  private release: (() => void) | undefined;
  /** A migration sets WAL once it has committed (the mode is stored in the file; never inside a transaction). */
  private migrating = false;

  constructor(
    readonly location: string,
    private readonly options: OpenOptions,
  ) {
    this.schema = catalogSchema(location);
    this.faults = faults(location, options.requestTimeoutMs);
    this.turns = turnsByFile.get(location) ?? new Turns();
    turnsByFile.set(location, this.turns);
  }

  async connect(): Promise<void> {
    if (this.db?.isOpen) return;
    const found = statOf(this.location);
    if (found?.isDirectory()) {
      throw new BfxError(
        `The SQLite catalog ${this.location} is a folder, not a file, so nothing was read or changed: ` +
          `point bfx-begin at a file, such as ${join(this.location, 'catalog.db')}.`,
      );
    }
    if (!found) {
      if (!this.options.createCatalog) {
        const { because, create } = this.options.noCreate ?? ACTION_NO_CREATE;
        throw new BfxError(
          `The SQLite catalog ${this.location} does not exist and ${because}, so nothing was created: ${create}.`,
        );
      }
      makeFolder(dirname(this.location), this.location);
    }
    this.db = new DatabaseSync(this.location, {
      timeout: this.options.requestTimeoutMs,
      enableForeignKeyConstraints: true,
      readBigInts: true,
    });
  }

  async send(steps: readonly Step[]): Promise<Outcome[]> {
    const db = this.db;
    if (!db?.isOpen) throw new Error('The SQLite catalog was closed.');
    if (steps[0]?.kind === 'begin') await this.takeTurn();
    const outcomes: Outcome[] = [];
    let failure: { error: unknown } | undefined;
    for (const step of steps) {
      if (failure) {
        outcomes.push({ ok: false, error: failure.error });
        continue;
      }
      try {
        outcomes.push({ ok: true, answer: this.run(db, step) });
      } catch (error) {
        failure = { error };
        outcomes.push({ ok: false, error });
        // A BEGIN that failed (the file stayed busy) holds nothing.
        if (step.kind === 'begin') this.endTurn();
      }
    }
    return outcomes;
  }

  private run(db: DatabaseSync, step: Step): Answer {
    switch (step.kind) {
      case 'begin':
        db.exec(step.mode === 'snapshot' ? 'BEGIN' : 'BEGIN IMMEDIATE');
        this.migrating = step.mode === 'migrate';
        return { rows: [], changed: 0 };
      case 'commit':
        db.exec('COMMIT');
        // WAL lets readers (status, history) run beside a writer; set in this connection's turn.
        if (this.migrating) db.exec('PRAGMA journal_mode = WAL');
        this.endTurn();
        return { rows: [], changed: 0 };
      case 'ddl':
        db.exec(step.text);
        return { rows: [], changed: 0 };
      case 'statement': {
        const statement = this.prepare(db, step.text);
        const params = bind(step.params);
        let answer: Answer;
        if (statement.columns().length === 0) {
          answer = { rows: [], changed: Number(statement.run(params).changes) };
        } else {
          const rows = statement.all(params) as Record<string, unknown>[];
          answer = { rows, changed: WRITE.test(step.text) ? rows.length : 0 };
        }
        // One statement at a time: a guarded one that did not change its rows fails here, before the COMMIT runs.
        if (step.guarded !== undefined && answer.changed !== step.guarded)
          throw new GuardFailure(`${step.name} changed ${answer.changed} rows, not ${step.guarded}.`);
        return answer;
      }
    }
  }

  /** Statements are prepared once per connection (a status reads three). */
  private prepare(db: DatabaseSync, text: string): StatementSync {
    let statement = this.prepared.get(text);
    if (!statement) {
      statement = db.prepare(text);
      // Every statement gets the lock's values, whether it uses them or not.
      statement.setAllowUnknownNamedParameters(true);
      this.prepared.set(text, statement);
    }
    return statement;
  }

  private async takeTurn(): Promise<void> {
    let release!: () => void;
    const turnEnds = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const turnStarts = new Promise<void>((resolve) => (started = resolve));
    void this.turns.run(() => {
      started();
      return turnEnds;
    });
    await turnStarts;
    this.release = release;
  }

  private endTurn(): void {
    this.migrating = false;
    this.release?.();
    this.release = undefined;
  }

  async rollback(): Promise<void> {
    try {
      if (this.db?.isTransaction) this.db.exec('ROLLBACK');
    } catch {
      this.drop();
    }
    this.endTurn();
  }

  drop(): void {
    this.prepared.clear();
    if (this.db?.isOpen) this.db.close();
    this.db = undefined;
    this.endTurn();
  }

  async close(): Promise<void> {
    this.drop();
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    // Missing, or under a file (ENOTDIR): makeFolder judges the folders, and SQLite the rest.
    return undefined;
  }
}

/**
 * Creates the catalog's folder and the missing ones above it, one at a time: each refusal is one
 * sentence naming the folder. (mkdirSync's recursive mode is not used: on a path it cannot
 * create, such as one under /proc, it can loop for ever.)
 */
function makeFolder(folder: string, location: string): void {
  const missing: string[] = [];
  let existing = folder;
  while (!statOf(existing)) {
    missing.unshift(existing);
    const up = dirname(existing);
    if (up === existing) break;
    existing = up;
  }
  if (!statOf(existing)?.isDirectory()) {
    throw new BfxError(
      `The SQLite catalog ${location} cannot be created, because ${existing} is a file, not a folder, so nothing was created: ` +
        'point bfx-begin at a path whose folders are folders, or move that file away.',
    );
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      if (code === 'EEXIST' && statOf(dir)?.isDirectory()) continue; // made meanwhile by another run
      throw new BfxError(
        `The folder ${dir} for the SQLite catalog ${location} cannot be created (${code}), so nothing was created: ` +
          'point bfx-begin at a file in a folder this process can write.',
      );
    }
  }
}
