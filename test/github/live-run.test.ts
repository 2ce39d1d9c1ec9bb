/**
 * src/github/live-run.ts against the loopback fake of the GitHub REST API
 * (test/support/fake-github-api.ts): what each answer of GitHub, and each reason not to ask it,
 * makes of the run that owns an active execution. The token never shows in a verdict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiBaseUrl, liveRunCheck, runUrl, type LiveRunCheckOptions } from '../../src/github/live-run.js';
import type { LiveRunVerdict, RunOwner } from '../../src/run-control/index.js';
import { startFakeGitHubApi, type FakeGitHubApi } from '../support/fake-github-api.js';

let fake: FakeGitHubApi;
beforeAll(async () => {
  fake = await startFakeGitHubApi();
});
afterAll(() => fake.close());

const owner = (over: Partial<RunOwner> = {}): RunOwner => ({
  executionId: '7',
  repository: 'acme/loads',
  runId: '123',
  runAttempt: '1',
  ...over,
});

function ask(who: RunOwner, options: Partial<LiveRunCheckOptions> = {}): Promise<LiveRunVerdict> {
  return liveRunCheck({ token: fake.token, serverUrl: fake.serverUrl, apiUrl: fake.apiUrl, ...options })(who);
}

/** Runs `work` and returns the requests the fake received meanwhile. */
async function requestsDuring(work: () => Promise<unknown>) {
  const before = fake.requests.length;
  await work();
  return fake.requests.slice(before);
}

describe('liveRunCheck against the fake GitHub API', () => {
  it.each(['queued', 'in_progress', 'waiting', 'requested', 'pending'] as const)(
    'a run attempt that is %s is alive',
    async (status) => {
      fake.run('acme/loads', '123', '1', { status });
      expect(await ask(owner())).toEqual({
        run: 'alive',
        status,
        url: `${fake.serverUrl}/acme/loads/actions/runs/123/attempts/1`,
      });
    },
  );

  it('asks the attempt that owns the execution, with the token, as bfx-begin', async () => {
    fake.run('acme/loads', '124', '2', { status: 'in_progress' });
    const requests = await requestsDuring(() => ask(owner({ runId: '124', runAttempt: '2' })));
    expect(requests).toEqual([
      {
        method: 'GET',
        path: '/api/v3/repos/acme/loads/actions/runs/124/attempts/2',
        authorized: true,
        userAgent: expect.stringMatching(/^bfx-begin /),
      },
    ]);
  });

  it('a completed run attempt is completed, with its conclusion', async () => {
    fake.run('acme/loads', '125', '1', { status: 'completed', conclusion: 'failure' });
    expect(await ask(owner({ runId: '125' }))).toEqual({
      run: 'completed',
      conclusion: 'failure',
      url: `${fake.serverUrl}/acme/loads/actions/runs/125/attempts/1`,
    });
  });

  it('judges an earlier attempt of a run by that attempt, not by the run', async () => {
    fake.run('acme/loads', '126', '1', { status: 'completed', conclusion: 'cancelled' });
    fake.run('acme/loads', '126', '2', { status: 'in_progress' });
    expect((await ask(owner({ runId: '126', runAttempt: '1' }))).run).toBe('completed');
    expect((await ask(owner({ runId: '126', runAttempt: '2' }))).run).toBe('alive');
  });

  it('asks attempt 1 of a row that stores no attempt', async () => {
    fake.run('acme/loads', '127', '1', { status: 'queued' });
    expect((await ask(owner({ runId: '127', runAttempt: null }))).run).toBe('alive');
  });

  // [case, how, why (regex), todo (regex)]
  const unknowns: [string, () => Promise<LiveRunVerdict>, RegExp, RegExp][] = [
    ['no token', () => ask(owner(), { token: '' }), /^no github-token was given$/, /actions: read/],
    [
      'a token GitHub does not accept (401)',
      () => ask(owner(), { token: 'ghs_notTheFakeToken' }),
      /HTTP 401/,
      /valid token/,
    ],
    [
      '403',
      () => (fake.run('acme/loads', '130', '1', { http: 403 }), ask(owner({ runId: '130' }))),
      /^GitHub refused to show run 130 attempt 1 of acme\/loads \(HTTP 403\)$/,
      /actions: read on acme\/loads/,
    ],
    [
      '404 (no such run, or a repository the token cannot read)',
      () => ask(owner({ runId: '131' })),
      /^GitHub found no run 131 attempt 1 of acme\/loads \(HTTP 404\)$/,
      /can read the Actions runs of acme\/loads/,
    ],
    [
      '500',
      () => (fake.run('acme/loads', '132', '1', { http: 500 }), ask(owner({ runId: '132' }))),
      /^GitHub answered HTTP 500 about run 132/,
      /again later/,
    ],
    [
      'slow beyond the time-out',
      () => (
        fake.run('acme/loads', '133', '1', { delayMs: 3000, then: { status: 'in_progress' } }),
        ask(owner({ runId: '133' }), { timeoutMs: 300 })
      ),
      /^GitHub did not answer about run 133 attempt 1 of acme\/loads within 300 ms$/,
      /again later/,
    ],
    [
      'an API on another host than the runner',
      () => ask(owner(), { serverUrl: 'https://github.com' }),
      /^GITHUB_API_URL is on 127\.0\.0\.1:\d+, another host than this runner's GitHub \(github\.com\)/,
      /as the runner sets it/,
    ],
    [
      'not on a runner (no GITHUB_SERVER_URL)',
      () => ask(owner(), { serverUrl: undefined }),
      /GITHUB_SERVER_URL is not set/,
      /GitHub Actions/,
    ],
    [
      'an API that cannot be reached',
      () => ask(owner(), { serverUrl: 'http://127.0.0.1:1', apiUrl: 'http://127.0.0.1:1/api/v3' }),
      /^the request to GitHub about run 123 attempt 1 of acme\/loads failed \(.+\)$/,
      /reach the GitHub API/,
    ],
    [
      'a token holding a line break (never sent)',
      () => ask(owner(), { token: `${fake.token}\r\nX-Evil: 1` }),
      /^the github-token holds a line break or another character no HTTP header can carry$/,
      /on one line/,
    ],
    [
      'an API on plain HTTP while the runner is on HTTPS (never sent)',
      () => ask(owner(), { serverUrl: fake.serverUrl.replace(/^http:/, 'https:') }),
      /^GITHUB_API_URL is plain HTTP while this runner's GitHub \(127\.0\.0\.1:\d+\) is HTTPS, and the token is not sent unencrypted$/,
      /as the runner sets it/,
    ],
    [
      'a host name that does not resolve: the system code, not the library message',
      () => ask(owner(), { serverUrl: 'http://no-such-host.invalid', apiUrl: 'http://no-such-host.invalid/api/v3' }),
      /^the request to GitHub about run 123 attempt 1 of acme\/loads failed \(ENOTFOUND\)$/,
      /reach the GitHub API/,
    ],
    [
      'an execution begun outside GitHub Actions',
      () => ask(owner({ repository: null, runId: null, runAttempt: null })),
      /^execution 7 was begun outside GitHub Actions/,
      /.+/,
    ],
  ];

  it.each(unknowns)('%s: unknown, saying why and what to do', async (_case, how, why, todo) => {
    const verdict = await how();
    expect(verdict).toMatchObject({
      run: 'unknown',
      why: expect.stringMatching(why),
      todo: expect.stringMatching(todo),
    });
    expect(JSON.stringify(verdict)).not.toContain(fake.token);
    expect(JSON.stringify(verdict)).not.toMatch(/Headers|header value/);
  });

  it('makes no request without a token, to another host, or for an execution begun outside GitHub', async () => {
    const requests = await requestsDuring(async () => {
      await ask(owner(), { token: '' });
      await ask(owner(), { serverUrl: 'https://github.com' });
      await ask(owner(), { serverUrl: 'https://ghe.example.com', apiUrl: fake.apiUrl });
      await ask(owner({ runId: null }));
      await ask(owner(), { token: `${fake.token}\nX-Evil: 1` });
      await ask(owner(), { serverUrl: fake.serverUrl.replace(/^http:/, 'https:') });
    });
    expect(requests).toEqual([]);
  });

  it('gives up on a slow answer at its time-out, without waiting for the answer', async () => {
    // An answer that never comes within the test: the verdict returning at all shows it did not wait for it.
    fake.run('acme/loads', '134', '1', { delayMs: 10 * 60_000, then: { status: 'in_progress' } });
    const verdict = await ask(owner({ runId: '134' }), { timeoutMs: 500 });
    expect(verdict).toMatchObject({
      run: 'unknown',
      why: expect.stringMatching(/did not answer about .* within 500 ms$/),
    });
  });
});

describe('the API of the runner’s own host', () => {
  it.each([
    ['https://github.com', undefined, 'https://api.github.com'],
    ['https://github.com', 'https://api.github.com', 'https://api.github.com'],
    ['https://acme.ghe.com', undefined, 'https://api.acme.ghe.com'],
    ['https://acme.ghe.com', 'https://api.acme.ghe.com', 'https://api.acme.ghe.com'],
    ['https://ghe.example.com', undefined, 'https://ghe.example.com/api/v3'],
    ['https://ghe.example.com', 'https://ghe.example.com/api/v3/', 'https://ghe.example.com/api/v3'],
  ])('server %s, GITHUB_API_URL %s -> %s', (server, api, expected) => {
    expect(apiBaseUrl(server, api)).toEqual({ url: expected });
  });

  it.each([
    ['https://github.com', 'https://api.evil.example'],
    ['https://ghe.example.com', 'https://api.github.com'],
    ['https://github.com', 'https://github.com.evil.example'],
    [undefined, 'https://api.github.com'],
    ['https://github.com', 'not a url'],
    ['https://github.com', 'http://api.github.com'],
    ['https://ghe.example.com', 'http://ghe.example.com/api/v3'],
  ])('server %s, GITHUB_API_URL %s: none, saying why', (server, api) => {
    expect(apiBaseUrl(server, api)).toEqual({ why: expect.any(String), todo: expect.any(String) });
  });

  it("links the run attempt's page", () => {
    expect(runUrl('https://github.com/', owner({ runAttempt: '3' }))).toBe(
      'https://github.com/acme/loads/actions/runs/123/attempts/3',
    );
    expect(runUrl('https://github.com', owner({ runId: null }))).toBeNull();
  });
});
