/**
 * A batch through the shipped bundles, night after night, as the runner runs its jobs: a begin
 * job (is-batch, auto-end false), one job per package (parent-execution-id: the batch's
 * ExecutionID; each ended by its post step), and an end job (end/action.yml) with the result of
 * the package jobs. docs/decision.md: a failed batch skips next time the children that succeeded,
 * retries the failed ones and starts those that never ran; a batch that succeeds sets them all
 * back to normal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decision, story, type Run, type Story } from './jobs.js';
import { bfx } from './support.js';

let s: Story;
beforeEach(() => {
  s = story();
});
afterEach(() => s.cleanUp());

const CHILDREN = ['LOAD_Customer', 'LOAD_Orders', 'LOAD_Products'] as const;

/** The batch's begin job: its ExecutionID and decision. */
async function beginBatch(run: Run) {
  const { main } = await s.packageJob(
    run,
    'begin',
    { 'package-name': 'BATCH_Nightly', 'is-batch': 'true', 'auto-end': 'false' },
    [],
  );
  return main;
}

/** A package job under the batch: a load that counts its rows, or fails. */
function child(run: Run, batchId: string, packageName: string, outcome: 'success' | 'failure') {
  return s.packageJob(run, packageName, { 'package-name': packageName, 'parent-execution-id': batchId }, [
    `echo "dbo.${packageName.slice(5)}:Insert=100" >> "$BFX_ROW_COUNTS"`,
    outcome === 'success' ? 'true' : 'echo "the warehouse was read-only" >&2; exit 1',
  ]);
}

describe('a batch, night after night, through the shipped bundles', () => {
  it('night 1 fails; night 2 skips what succeeded, retries what failed, starts what never ran; night 3 is normal', async () => {
    // Night 1: Customer succeeds, Orders fails, Products never runs (its job was cancelled first).
    const night1 = { id: '201' };
    const batch1 = await beginBatch(night1);
    expect(decision(batch1)).toEqual(['E', 'C']);
    const b1 = batch1.outputs.ExecutionID;
    const customer1 = await child(night1, b1, 'LOAD_Customer', 'success');
    expect(decision(customer1.main)).toEqual(['E', 'C']);
    expect(customer1.main.outputs.BatchStartTime).toBe(batch1.outputs.BatchStartTime);
    const orders1 = await child(night1, b1, 'LOAD_Orders', 'failure');
    expect(orders1.steps.map((step) => step.exitCode)).toEqual([0, 1]);
    expect(orders1.post!.stdout).toContain('ended as F (Failed)');
    const end1 = await s.endJob(night1, 'end', { 'execution-id': b1 }, 'failure');
    expect(end1.exitCode).toBe(0);
    expect(s.rows()).toEqual([
      [1, 'BATCH_Nightly', 'F', 'R', null],
      [2, 'LOAD_Customer', 'S', 'C', 1],
      [3, 'LOAD_Orders', 'F', 'R', 1],
    ]);
    // The end job's summary: every child, the chart, the batch's rows.
    expect(end1.summary).toContain('<h4>Children (2)</h4>');
    expect(end1.summary).toMatch(
      /<tr><td>LOAD_Customer<\/td><td>2<\/td><td>S \(Succeeded\)<\/td><td>C \(Canceled\)<\/td><td>\d+ s<\/td><td><\/td><\/tr>/,
    );
    expect(end1.summary).toContain('<td>LOAD_Orders</td><td>3</td><td>F (Failed)</td><td>R (Retry)</td>');
    expect(end1.summary).toContain('<td>The job ended with status failure.</td>');
    expect(end1.summary).toContain('\n\n```mermaid\ngantt\n    title Batch BATCH_Nightly, execution 1 (UTC)\n');
    expect(end1.summary).toMatch(/ {4}2 LOAD_Customer S :done, e2, \d{4}-\d\d-\d\dT[\d:.]{12}, \d{4}-/);
    expect(end1.summary).toMatch(/ {4}3 LOAD_Orders F :crit, e3, /);
    expect(end1.summary).toContain('<tr><td>dbo.Customer</td><td>Insert</td><td>100</td></tr>');
    expect(end1.summary).toContain('<tr><td>dbo.Orders</td><td>Insert</td><td>100</td></tr>');

    // Night 2: the batch retries; Customer is skipped, Orders retried, Products starts; all succeed.
    const night2 = { id: '202' };
    const batch2 = await beginBatch(night2);
    expect(decision(batch2)).toEqual(['R', 'C']);
    const b2 = batch2.outputs.ExecutionID;
    const customer2 = await child(night2, b2, 'LOAD_Customer', 'success');
    const orders2 = await child(night2, b2, 'LOAD_Orders', 'success');
    const products2 = await child(night2, b2, 'LOAD_Products', 'success');
    expect([customer2, orders2, products2].map((job) => decision(job.main))).toEqual([
      ['C', 'C'],
      ['R', 'C'],
      ['E', 'C'],
    ]);
    // A skipped child runs no load step and has nothing to report through.
    expect(customer2.steps).toEqual([]);
    expect(customer2.main.exported).toEqual({});
    expect(customer2.post!.stdout).toContain('nothing to end');
    const end2 = await s.endJob(night2, 'end', { 'execution-id': b2 }, 'success');
    expect(end2.exitCode).toBe(0);
    expect(end2.summary).toContain('<h4>Children (3)</h4>');
    expect(end2.summary).toMatch(/ {4}5 LOAD_Customer C :milestone, e5, /);
    expect(s.rows().slice(3)).toEqual([
      [4, 'BATCH_Nightly', 'S', 'P', null],
      [5, 'LOAD_Customer', 'C', 'P', 4],
      [6, 'LOAD_Orders', 'S', 'P', 4],
      [7, 'LOAD_Products', 'S', 'P', 4],
    ]);

    // Night 3: everything is normal again.
    const night3 = { id: '203' };
    const batch3 = await beginBatch(night3);
    expect(decision(batch3)).toEqual(['E', 'C']);
    const b3 = batch3.outputs.ExecutionID;
    const jobs3 = [];
    for (const name of CHILDREN) jobs3.push(await child(night3, b3, name, 'success'));
    expect(jobs3.map((job) => decision(job.main))).toEqual([
      ['E', 'C'],
      ['E', 'C'],
      ['E', 'C'],
    ]);
    const end3 = await s.endJob(night3, 'end', { 'execution-id': b3 }, 'success');
    expect(end3.exitCode).toBe(0);
    expect(s.rows().slice(7)).toEqual([
      [8, 'BATCH_Nightly', 'S', 'P', null],
      [9, 'LOAD_Customer', 'S', 'P', 8],
      [10, 'LOAD_Orders', 'S', 'P', 8],
      [11, 'LOAD_Products', 'S', 'P', 8],
    ]);
    expect(end3.summary).toContain('<tr><td>dbo.Customer</td><td>Insert</td><td>100</td></tr>');
  });

  it('Re-run failed jobs: the failed child and the end job run again in attempt 2 and re-close the batch S / P', async () => {
    const attempt1 = { id: '301', attempt: '1' };
    const batch = await beginBatch(attempt1);
    const b = batch.outputs.ExecutionID;
    await child(attempt1, b, 'LOAD_Customer', 'success');
    await child(attempt1, b, 'LOAD_Orders', 'failure');
    const end1 = await s.endJob(attempt1, 'end', { 'execution-id': b }, 'failure');
    expect(end1.exitCode).toBe(0);
    expect(s.rows()[0]).toEqual([1, 'BATCH_Nightly', 'F', 'R', null]);

    // GitHub re-runs the failed package job and the end job that needs it, in attempt 2 of the
    // same run; the begin job is not re-run, so the children keep the batch's ExecutionID.
    const attempt2 = { id: '301', attempt: '2' };
    const orders = await child(attempt2, b, 'LOAD_Orders', 'success');
    expect(decision(orders.main)).toEqual(['R', 'C']);
    expect(orders.main.outputs.BatchStartTime).toBe(batch.outputs.BatchStartTime);
    const end2 = await s.endJob(attempt2, 'end', { 'execution-id': b }, 'success');
    expect(end2.exitCode).toBe(0);
    expect(end2.stdout).toContain('closed it again as S (Succeeded)');
    expect(end2.summary).toContain('<b>Re-closed:</b>');
    expect(end2.summary).toContain('<h4>Children (3)</h4>');
    expect(s.rows()).toEqual([
      [1, 'BATCH_Nightly', 'S', 'P', null],
      [2, 'LOAD_Customer', 'S', 'P', 1],
      [3, 'LOAD_Orders', 'F', 'P', 1],
      [4, 'LOAD_Orders', 'S', 'P', 1],
    ]);

    // The next night starts everything anew.
    const next = { id: '302' };
    const batch2 = await beginBatch(next);
    expect(decision(batch2)).toEqual(['E', 'C']);
    for (const name of CHILDREN) {
      expect(decision((await child(next, batch2.outputs.ExecutionID, name, 'success')).main)).toEqual(['E', 'C']);
    }
  });

  it('an end job re-run in a later attempt of another run does not re-close the batch', async () => {
    const batch = await beginBatch({ id: '401' });
    await s.endJob({ id: '401' }, 'end', { 'execution-id': batch.outputs.ExecutionID }, 'failure');
    const other = await s.endJob({ id: '402', attempt: '2' }, 'end', { 'execution-id': batch.outputs.ExecutionID });
    expect(other.exitCode).toBe(0);
    expect(other.stdout).toMatch(/::warning .*had already ended as F \(Failed\)/);
    expect(s.rows()).toEqual([[1, 'BATCH_Nightly', 'F', 'R', null]]);
  });

  it("a child resumed under the next night's batch is not skipped after that batch succeeds", async () => {
    // Night 1: the batch fails while LOAD_Customer's runner is lost (its execution stays active).
    const night1 = { id: '601' };
    const b1 = (await beginBatch(night1)).outputs.ExecutionID;
    await child(night1, b1, 'LOAD_Customer', 'success').then(() => undefined);
    const lost = await s.packageJob(
      night1,
      'LOAD_Orders',
      { 'package-name': 'LOAD_Orders', 'parent-execution-id': b1 },
      [],
      {
        noPost: true,
      },
    );
    expect(decision(lost.main)).toEqual(['E', 'C']);
    await s.endJob(night1, 'end', { 'execution-id': b1 }, 'failure');
    // Night 2: the batch retries; LOAD_Orders is resumed (A) under night 2's batch and succeeds.
    const night2 = { id: '602' };
    const batch2 = await beginBatch(night2);
    expect(decision(batch2)).toEqual(['R', 'C']);
    const b2 = batch2.outputs.ExecutionID;
    const orders2 = await child(night2, b2, 'LOAD_Orders', 'success');
    expect(decision(orders2.main)).toEqual(['A', 'P']);
    expect(orders2.main.outputs.BatchStartTime).toBe(batch2.outputs.BatchStartTime);
    await s.endJob(night2, 'end', { 'execution-id': b2 }, 'success');
    expect(s.rows().find((row) => row[0] === Number(lost.main.outputs.ExecutionID))).toEqual([
      Number(lost.main.outputs.ExecutionID),
      'LOAD_Orders',
      'S',
      'P',
      Number(b2),
    ]);
    // Night 3: everything loads, LOAD_Orders included.
    const night3 = { id: '603' };
    const b3 = (await beginBatch(night3)).outputs.ExecutionID;
    expect(decision((await child(night3, b3, 'LOAD_Orders', 'success')).main)).toEqual(['E', 'C']);
  });

  it('a failure then a success from the same attempt does not re-close the batch, and says why', async () => {
    const run = { id: '701' };
    const b = (await beginBatch(run)).outputs.ExecutionID;
    await s.endJob(run, 'end', { 'execution-id': b }, 'failure');
    const again = await s.endJob(run, 'end-again', { 'execution-id': b }, 'success');
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(
      /::warning .*had already ended as F \(Failed\); it was left as it is, not closed again as succeeded: only a later attempt than attempt 1/,
    );
    expect(s.rows()).toEqual([[1, 'BATCH_Nightly', 'F', 'R', null]]);
  });

  it('bfx reset of a batch skips its succeeded children next time, as a failed batch end does', async () => {
    const run = { id: '801' };
    const b = (await beginBatch(run)).outputs.ExecutionID;
    await child(run, b, 'LOAD_Customer', 'success');
    const reset = await bfx(['reset', 'BATCH_Nightly', '--connection-string', s.connectionString, '--reason', 'stuck']);
    expect(reset.exitCode, reset.stderr).toBe(0);
    expect(s.rows()).toEqual([
      [1, 'BATCH_Nightly', 'F', 'R', null],
      [2, 'LOAD_Customer', 'S', 'C', 1],
    ]);
    const next = { id: '802' };
    const b2 = (await beginBatch(next)).outputs.ExecutionID;
    expect(decision((await child(next, b2, 'LOAD_Customer', 'success')).main)).toEqual(['C', 'C']);
  });

  it('refuses a child whose parent-execution-id is not in the catalog, with one sentence, beginning nothing', async () => {
    await beginBatch({ id: '501' });
    const main = await s.beginJob({ id: '501' }, 'load', {
      'package-name': 'LOAD_Customer',
      'parent-execution-id': '77',
    });
    expect(main.exitCode).toBe(1);
    const errors = main.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toEqual([
      expect.stringMatching(
        /^::error::The parent-execution-id 77 is not an execution in the catalog .*, so nothing was begun: /,
      ),
    ]);
    expect(main.outputs).toEqual({});
    expect(main.exported).toEqual({});
    expect(s.rows()).toEqual([[1, 'BATCH_Nightly', 'E', 'C', null]]);
  });
});
