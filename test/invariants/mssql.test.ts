/**
 * The invariants over random histories on SQL Server (docs/decision.md, Invariants), only where
 * BFX_TEST_MSSQL names a server whose login may create databases (the mssql-contract workflow, as
 * test/contract/mssql.test.ts): the histories run in a fresh database, dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_TIMEOUT_MS, MUST_COVER, runHistories } from './histories.js';
import { mssqlAdmin, type MssqlAdmin } from '../support/mssql-admin.js';
import { closeTarget, OPTIONS, openTarget, type Target } from './world.js';

const server = process.env.BFX_TEST_MSSQL;
const database = `bfx_invariants_${randomBytes(6).toString('hex')}`;
let admin: MssqlAdmin | undefined;
let target: Target | undefined;

/** The same server, on another database: a later Database keyword wins in ADO.NET form. */
function onDatabase(connectionString: string, name: string): string {
  const text = connectionString.trim();
  if (/^(mssql|sqlserver):\/\//i.test(text)) {
    const url = new URL(text);
    url.pathname = `/${name}`;
    return url.toString();
  }
  return `${text.replace(/;\s*$/, '')};Database=${name}`;
}

describe.skipIf(!server)(
  'invariants over random histories: mssql (BFX_TEST_MSSQL)',
  { timeout: HISTORY_TIMEOUT_MS },
  () => {
    beforeAll(async () => {
      admin = await mssqlAdmin(server!, OPTIONS);
      // The name is generated here, never input: it is safe to put in the statement.
      await admin.batch(`CREATE DATABASE [${database}]`);
      target = await openTarget('mssql', onDatabase(server!, database));
    });
    afterAll(async () => {
      await closeTarget(target);
      await admin
        ?.batch(`ALTER DATABASE [${database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${database}];`)
        .catch(() => {});
      await admin?.close();
    });

    it('hold after every step of begins, ends, operator commands, live-run answers and bursts', async () => {
      const report = await runHistories(target!, { runs: 150, seed: 16, maxSteps: 40, kills: false, bursts: true });
      expect(report.failure).toBeUndefined();
      expect(MUST_COVER.filter((event) => !report.seen.has(event))).toEqual([]);
    });

    it('hold when begins and ends are killed, at any moment or holding their transaction open', async () => {
      const report = await runHistories(target!, { runs: 4, seed: 1616, maxSteps: 12, kills: true, bursts: false });
      expect(report.failure).toBeUndefined();
      expect(report.kills).toBeGreaterThan(3);
    });
  },
);
