/**
 * A loopback fake of the one GitHub REST endpoint bfx-begin asks (GET
 * /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}), served on 127.0.0.1
 * by the test process. Point a step at it with `fake.env` (GITHUB_SERVER_URL and GITHUB_API_URL,
 * the latter in GitHub Enterprise Server's form SERVER/api/v3, so both are on the fake's host)
 * and give the step `fake.token`: any other token gets a 401, as GitHub answers.
 *
 * Each run attempt answers what the test set with `fake.run(...)`: a status (queued,
 * in_progress, completed...), an HTTP error, or a delay; a list is answered in order, its last
 * entry then for ever, so "alive twice, then completed" is one call. Unknown attempts get a 404.
 * Every request is recorded, with whether it carried the token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeRunAnswer =
  | { status: 'queued' | 'in_progress' | 'waiting' | 'requested' | 'pending' }
  | { status: 'completed'; conclusion?: 'success' | 'failure' | 'cancelled' }
  | { http: number }
  | { delayMs: number; then: FakeRunAnswer };

export interface FakeRequest {
  method: string;
  path: string;
  /** Whether the request carried `Authorization: token <the fake's token>`. */
  authorized: boolean;
  userAgent: string;
}

export interface FakeGitHubApi {
  /** GITHUB_SERVER_URL and GITHUB_API_URL for a step that should ask this fake. */
  env: { GITHUB_SERVER_URL: string; GITHUB_API_URL: string };
  serverUrl: string;
  apiUrl: string;
  /** The only token the fake accepts. */
  token: string;
  /** What attempt `attempt` of run `runId` in `repository` answers from now on. */
  run(repository: string, runId: string, attempt: string, ...answers: FakeRunAnswer[]): void;
  requests: FakeRequest[];
  close(): Promise<void>;
}

export const FAKE_GITHUB_TOKEN = 'ghs_fakeTokenForTheLoopbackApi0123456789';

export async function startFakeGitHubApi(): Promise<FakeGitHubApi> {
  const runs = new Map<string, FakeRunAnswer[]>();
  const requests: FakeRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  function answer(response: ServerResponse, reply: FakeRunAnswer, runId: string, attempt: string) {
    if ('delayMs' in reply) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!response.destroyed) answer(response, reply.then, runId, attempt);
      }, reply.delayMs);
      timers.add(timer);
      return;
    }
    if ('http' in reply) {
      return json(response, reply.http, { message: `Fake error ${reply.http}`, status: String(reply.http) });
    }
    json(response, 200, {
      id: Number(runId),
      run_attempt: Number(attempt),
      status: reply.status,
      conclusion: reply.status === 'completed' ? (reply.conclusion ?? 'success') : null,
    });
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '';
    const authorized = request.headers.authorization === `token ${FAKE_GITHUB_TOKEN}`;
    requests.push({ method: request.method ?? '', path, authorized, userAgent: request.headers['user-agent'] ?? '' });
    const match = /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/actions\/runs\/(\d+)\/attempts\/(\d+)$/.exec(path);
    if (request.method !== 'GET' || !match) return json(response, 404, { message: 'Not Found' });
    if (!authorized) return json(response, 401, { message: 'Bad credentials' });
    const [, repository, runId, attempt] = match;
    const queue = runs.get(key(repository, runId, attempt));
    if (!queue) return json(response, 404, { message: 'Not Found' });
    answer(response, queue.length > 1 ? queue.shift()! : queue[0], runId, attempt);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const serverUrl = `http://127.0.0.1:${port}`;
  const apiUrl = `${serverUrl}/api/v3`;
  return {
    env: { GITHUB_SERVER_URL: serverUrl, GITHUB_API_URL: apiUrl },
    serverUrl,
    apiUrl,
    token: FAKE_GITHUB_TOKEN,
    run(repository, runId, attempt, ...answers) {
      runs.set(key(repository, runId, attempt), answers);
    },
    requests,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const key = (repository: string, runId: string, attempt: string) => `${repository}#${runId}#${attempt}`;

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
