/**
 * What the SQL Server contract workflow must keep doing, read from its YAML (it runs only on
 * GitHub, where the SQL Server container is): a suite with Encrypt=Strict whose certificate the
 * runner checks, and the server's own lock counters read around the suites, a deadlock failing
 * the job.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  name?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
}
const workflow = parse(readFileSync('.github/workflows/mssql-contract.yml', 'utf8')) as {
  jobs: { mssql: { steps: Step[] } };
};
const steps = workflow.jobs.mssql.steps;
const suites = steps.filter((step) => step.run?.includes('vitest run test/contract/mssql.test.ts'));

describe('the SQL Server contract workflow', () => {
  it('runs a suite with Encrypt=Strict, the certificate checked against a CA of the run, not waved through', () => {
    const strict = suites.filter((step) => /;Encrypt=Strict(;|$)/.test(step.env?.BFX_TEST_MSSQL ?? ''));
    expect(strict).toHaveLength(1);
    expect(strict[0].env?.BFX_TEST_MSSQL).not.toMatch(/TrustServerCertificate/i);
    expect(strict[0].run).toMatch(/^NODE_EXTRA_CA_CERTS="\$BFX_CA" npx vitest run/);
    const certificate = steps.findIndex((step) => step.run?.includes('tlscert = /var/opt/mssql/tls/server.crt'));
    expect(certificate).toBeGreaterThan(-1);
    expect(certificate).toBeLessThan(steps.indexOf(strict[0]));
    expect(steps[certificate].run).toContain('subjectAltName=DNS:localhost');
  });

  it('reads the lock counters before the suites and after them, always, and fails on a deadlock', () => {
    const before = steps.findIndex((step) => step.run?.includes("'_BEFORE='"));
    const after = steps.findIndex((step) => step.name?.startsWith('Count the deadlocks'));
    expect(before).toBeGreaterThan(-1);
    expect(before).toBeLessThan(steps.indexOf(suites[0]));
    expect(after).toBeGreaterThan(steps.indexOf(suites[suites.length - 1]));
    expect(steps[after].if).toBe('always()');
    for (const counter of ['Number of Deadlocks/sec', 'Lock Waits/sec', 'Lock Timeouts/sec']) {
      expect(steps[before].run).toContain(counter);
      expect(steps[after].run).toContain(counter);
    }
    expect(steps[after].run).toMatch(/if \[ "\$d" -gt 0 \]; then\s+echo "::error::[^"]*deadlocks[^"]*"\s+exit 1/);
  });
});
