/**
 * What may change under a batch's end or reset between its first read of the children and the
 * locks of their packages: the batch's own lock keeps its children's begins and ends out, but not
 * what locks only a child's package (a delete, a purge, a reset of the child, a begin of the child
 * that names no batch). The end and the reset work from the children as they are once locked:
 * they neither fail after their COMMIT nor roll the batch up from what is gone.
 *
 * The race is made deterministic: the batch's transaction is held right after its first read of
 * the children, while another connection does the change and commits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEngine, PackageTransaction } from '../../../src/catalog/catalog.js';
import { openCatalog } from '../../../src/catalog/connect.js';
import { deletePackage } from '../../../src/run-control/catalog-commands.js';
import { end } from '../../../src/run-control/index.js';
import { reset, type Operator } from '../../../src/run-control/package-commands.js';
import { startCluster, type Cluster } from '../../support/postgres.js';
import { databaseOf, postgresExecutions } from '../../support/postgres-catalog.js';
import { begin, beginRequest, endRequest } from '../../support/requests.js';

const OPTIONS = { createCatalog: true, connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 };
const OPERATOR: Operator = { actor: 'ops', reason: null };
let cluster: Cluster;
let url: string;
let catalog: CatalogEngine;
let other: CatalogEngine;

beforeAll(async () => {
  cluster = await startCluster();
  url = await cluster.createDatabase();
  catalog = await openCatalog(url, OPTIONS);
  other = await openCatalog(url, OPTIONS);
});
afterAll(async () => {
  await catalog?.close();
  await other?.close();
  await cluster?.destroy();
});

/**
 * The catalog, with its next package transaction held once its first read of a batch's children
 * (an end's executionFamily, a reset's children) has answered, until `meanwhile` (on another
 * connection) is done.
 */
function heldAtChildren(meanwhile: () => Promise<unknown>): CatalogEngine {
  let held = false;
  const hold = (tx: PackageTransaction): PackageTransaction =>
    new Proxy(tx, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        // An end's first read of the children is its executionFamily; a reset's, children.
        if ((property !== 'children' && property !== 'executionFamily') || held) return value.bind(target) as unknown;
        return async (executionId: string) => {
          held = true;
          const read: unknown = await (value as (id: string) => Promise<unknown>).call(target, executionId);
          await meanwhile();
          return read;
        };
      },
    });
  return new Proxy(catalog, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property !== 'transaction') return typeof value === 'function' ? (value.bind(target) as unknown) : value;
      return <T>(lock: never, what: string, work: (tx: PackageTransaction) => Promise<T>) =>
        target.transaction(lock, what, (tx) => work(hold(tx)));
    },
  });
}

/** A batch execution with two children that succeeded and one still running, their package names prefixed. */
async function batchWithChildren(prefix: string) {
  const batch = await begin(catalog, beginRequest(`${prefix}_Batch`, { isBatch: true }));
  const under = { parentExecutionId: batch.executionId };
  const done = [];
  for (const name of ['A', 'B']) {
    const child = await begin(catalog, beginRequest(`${prefix}_${name}`, under));
    await end(catalog, endRequest(child.executionId, 'success'));
    done.push(child.executionId);
  }
  const running = await begin(catalog, beginRequest(`${prefix}_C`, under));
  return { batch, done, running };
}

const rowsOf = async (prefix: string) =>
  (await postgresExecutions(cluster, databaseOf(url)))
    .filter((row) => row.packagename.startsWith(prefix))
    .map((row) => [row.packagename, row.executionstatus, row.nextloadstatus]);

describe("a batch's end, with a child's package deleted meanwhile", () => {
  it('a failed end rolls the batch up from the children left, and reports its end', async () => {
    const { batch, done, running } = await batchWithChildren('RACE_EndF');
    const ended = await end(
      heldAtChildren(() => deletePackage(other, 'RACE_EndF_A', OPERATOR)),
      endRequest(batch.executionId, 'failure', { message: 'a leg failed' }),
    );
    expect(ended).toMatchObject({
      kind: 'ended',
      execution: { executionId: batch.executionId, executionStatus: 'F' },
    });
    expect(ended.kind === 'ended' && ended.children.map((child) => child.executionId)).toEqual([
      done[1],
      running.executionId,
    ]);
    expect(await rowsOf('RACE_EndF')).toEqual([
      ['RACE_EndF_Batch', 'F', 'R'],
      ['RACE_EndF_B', 'S', 'C'],
      ['RACE_EndF_C', 'E', 'C'],
    ]);
  });

  it('a successful end sets P on the children left, and reports its end', async () => {
    const { batch } = await batchWithChildren('RACE_EndS');
    const ended = await end(
      heldAtChildren(() => deletePackage(other, 'RACE_EndS_B', OPERATOR)),
      endRequest(batch.executionId, 'success'),
    );
    expect(ended).toMatchObject({ kind: 'ended', execution: { executionStatus: 'S' } });
    expect(await rowsOf('RACE_EndS')).toEqual([
      ['RACE_EndS_Batch', 'S', 'P'],
      ['RACE_EndS_A', 'S', 'P'],
      ['RACE_EndS_C', 'E', 'P'],
    ]);
  });
});

describe("a batch's reset, with a child reset meanwhile", () => {
  it('the reset ends what is still active, and rolls the batch up from the children as locked', async () => {
    const { batch, done, running } = await batchWithChildren('RACE_Reset');
    const result = await reset(
      heldAtChildren(() => reset(other, 'RACE_Reset_C', 'the leg hung', OPERATOR)),
      'RACE_Reset_Batch',
      'the batch hung',
      OPERATOR,
    );
    expect(result).toMatchObject({ kind: 'reset', execution: { executionId: batch.executionId } });
    expect(result.kind === 'reset' && result.skippedChildren).toEqual(done);
    expect(result.kind === 'reset' && result.children).toEqual([]);
    expect(await rowsOf('RACE_Reset')).toEqual([
      ['RACE_Reset_Batch', 'F', 'R'],
      ['RACE_Reset_A', 'S', 'C'],
      ['RACE_Reset_B', 'S', 'C'],
      ['RACE_Reset_C', 'F', 'R'],
    ]);
    const [child] = (await postgresExecutions(cluster, databaseOf(url))).filter(
      (row) => row.executionid === running.executionId,
    );
    expect(child.errormessage).toBe('the leg hung');
  });
});
