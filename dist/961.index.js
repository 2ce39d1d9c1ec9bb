export const id = 961;
export const ids = [961];
export const modules = {

/***/ 87961:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LIVE_RUN_REQUEST_TIMEOUT_MS: () => (/* binding */ LIVE_RUN_REQUEST_TIMEOUT_MS),
/* harmony export */   apiBaseUrl: () => (/* binding */ apiBaseUrl),
/* harmony export */   liveRunCheck: () => (/* binding */ liveRunCheck),
/* harmony export */   runUrl: () => (/* binding */ runUrl)
/* harmony export */ });
/** How long one question may take: a begin waits for it with its catalog connection open. */
const LIVE_RUN_REQUEST_TIMEOUT_MS = 10_000;
/** The check run-control calls: `(owner) => verdict`. */
function liveRunCheck(options) {
    const timeoutMs = options.timeoutMs ?? LIVE_RUN_REQUEST_TIMEOUT_MS;
    return async (owner) => {
        const what = describe(owner);
        const url = runUrl(options.serverUrl, owner);
        const unknown = (why, todo) => ({ run: 'unknown', why, todo, url });
        if (!owner.runId) {
            return unknown(`execution ${owner.executionId} was begun outside GitHub Actions, so there is no run to ask about`, 'make sure that its load is not still running');
        }
        const repository = /^([\w.-]+)\/([\w.-]+)$/.exec(owner.repository ?? '');
        if (!repository || !/^\d{1,20}$/.test(owner.runId)) {
            return unknown(`execution ${owner.executionId} stores no repository and run id GitHub could be asked about`, 'make sure that its load is not still running');
        }
        const attempt = owner.runAttempt ?? '1';
        if (!/^\d{1,9}$/.test(attempt)) {
            return unknown(`execution ${owner.executionId} stores no valid run attempt ("${attempt}")`, 'make sure that its load is not still running');
        }
        if (!options.token) {
            return unknown('no github-token was given', 'leave github-token at its default (the job token) and grant the job actions: read');
        }
        // A token with a line break would be refused by the HTTP library in an error quoting the
        // header, token and all: it is judged here, and never sent.
        if (!/^[\x21-\x7e]+$/.test(options.token)) {
            return unknown('the github-token holds a line break or another character no HTTP header can carry', 'pass the token alone, on one line');
        }
        const api = apiBaseUrl(options.serverUrl, options.apiUrl);
        if ('why' in api)
            return unknown(api.why, api.todo);
        let signal;
        try {
            const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 92413));
            signal = AbortSignal.timeout(timeoutMs); // the request's time, not the import's
            const octokit = getOctokit(options.token, {
                baseUrl: api.url,
                userAgent: 'bfx-begin',
                log: { debug: () => { }, info: () => { }, warn: () => { }, error: () => { } },
            });
            const { data } = await octokit.rest.actions.getWorkflowRunAttempt({
                owner: repository[1],
                repo: repository[2],
                run_id: Number(owner.runId),
                attempt_number: Number(attempt),
                request: { signal },
            });
            if (typeof data.status !== 'string' || data.status === '') {
                return unknown(`GitHub's answer about ${what} had no status`, 'check the step again later');
            }
            if (data.status === 'completed')
                return { run: 'completed', conclusion: data.conclusion ?? null, url: url };
            // queued, in_progress, waiting, requested, pending, or any state GitHub adds: not completed.
            return { run: 'alive', status: data.status, url: url };
        }
        catch (error) {
            if (signal?.aborted) {
                return unknown(`GitHub did not answer about ${what} within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`, 'check the step again later');
            }
            return unknown(...failure(error, what, repository[0]));
        }
    };
}
function failure(error, what, repository) {
    const fields = typeof error === 'object' && error !== null ? error : {};
    // Octokit reports a request that got no response (refused, reset, DNS) as a status 500 without
    // one. Its message is never shown: the HTTP library's can quote a request header, and so the token.
    if (fields.response === undefined) {
        return [
            `the request to GitHub about ${what} failed (${systemCode(error) ?? 'it could not be sent'})`,
            'check that the runner can reach the GitHub API',
        ];
    }
    switch (fields.status) {
        case 401:
            return ['GitHub did not accept the github-token (HTTP 401)', 'pass a valid token'];
        case 403:
            return [
                `GitHub refused to show ${what} (HTTP 403)`,
                `grant the job's token actions: read on ${repository} (permissions: actions: read)`,
            ];
        case 404:
            return [
                `GitHub found no ${what} (HTTP 404)`,
                `use a github-token that can read the Actions runs of ${repository}`,
            ];
        default:
            return [`GitHub answered HTTP ${String(fields.status)} about ${what}`, 'check the step again later'];
    }
}
/** The system's code for a failed request (ECONNREFUSED, ENOTFOUND...), from the error or its causes: a code names the fault and holds nothing else. */
function systemCode(error) {
    for (let cause = error, depth = 0; typeof cause === 'object' && cause !== null && depth < 5; depth++) {
        const { code } = cause;
        if (typeof code === 'string' && /^E[A-Z0-9_]{1,40}$/.test(code))
            return code;
        cause = cause.cause;
    }
    return undefined;
}
const describe = (owner) => `run ${owner.runId ?? '?'} attempt ${owner.runAttempt ?? '1'} of ${owner.repository ?? '?'}`;
/** The run attempt's page: {server}/{repository}/actions/runs/{id}/attempts/{n}; null without a run. */
function runUrl(serverUrl, owner) {
    if (!serverUrl || !owner.repository || !owner.runId)
        return null;
    return `${serverUrl.replace(/\/+$/, '')}/${owner.repository}/actions/runs/${owner.runId}/attempts/${owner.runAttempt ?? '1'}`;
}
/**
 * The REST API of this runner's own GitHub host, or why there is none to ask: the token is never
 * sent to an API on another host than GITHUB_SERVER_URL's (github.com's is api.github.com, a
 * GHE.com tenant's api.TENANT.ghe.com, a GitHub Enterprise Server's SERVER/api/v3), nor over
 * plain HTTP unless GITHUB_SERVER_URL itself is plain HTTP.
 */
function apiBaseUrl(serverUrl, apiUrl) {
    const server = parseUrl(serverUrl);
    if (!server) {
        return {
            why: 'this step does not run on a GitHub runner (GITHUB_SERVER_URL is not set)',
            todo: 'run it on GitHub Actions to have the run checked',
        };
    }
    const api = apiUrl ? parseUrl(apiUrl) : parseUrl(defaultApiUrl(server));
    if (!api) {
        return { why: `GITHUB_API_URL ("${apiUrl}") is not a URL`, todo: 'leave GITHUB_API_URL as the runner sets it' };
    }
    if (api.host !== server.host && api.host !== `api.${server.host}`) {
        return {
            why: `GITHUB_API_URL is on ${api.host}, another host than this runner's GitHub (${server.host}), to which the token is not sent`,
            todo: 'leave GITHUB_API_URL as the runner sets it',
        };
    }
    if (server.protocol === 'https:' && api.protocol !== 'https:') {
        return {
            why: `GITHUB_API_URL is plain HTTP while this runner's GitHub (${server.host}) is HTTPS, and the token is not sent unencrypted`,
            todo: 'leave GITHUB_API_URL as the runner sets it',
        };
    }
    return { url: api.href.replace(/\/+$/, '') };
}
function defaultApiUrl(server) {
    if (server.hostname === 'github.com' || server.hostname.endsWith('.ghe.com'))
        return `${server.protocol}//api.${server.host}`;
    return `${server.origin}/api/v3`;
}
function parseUrl(value) {
    if (!value)
        return null;
    try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
    }
    catch {
        return null;
    }
}


/***/ })

};
