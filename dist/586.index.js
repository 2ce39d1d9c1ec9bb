export const id = 586;
export const ids = [586];
export const modules = {

/***/ 49921:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  y: () => (/* binding */ catalogReport)
});

// UNUSED EXPORTS: renderCatalogReport

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/batch-rollup.ts
var batch_rollup = __webpack_require__(46878);
;// CONCATENATED MODULE: ./src/report/model.ts
/**
 * The catalog report's model (docs/report.md): what the page shows, worked out from the rows the
 * engine read (ReportSnapshot) by pure functions. Packages in grid order with batches followed by
 * their children, each package's state (disabled, stuck, running, failing, skipped), its current
 * failure streak, its executions in the window with durations and row totals, and each batch
 * execution with its children (only each child's latest attempt counts toward the rows).
 */

/** An execution active this long (6 hours) is stuck, not running. */
const STUCK_AFTER_MINUTES = 360;
/** The names asked for that the catalog does not have. */
function unknownPackages(snapshot, names) {
    const known = new Set(snapshot.packages.map((pkg) => pkg.packageName));
    return names.filter((name) => !known.has(name));
}
function buildReport(snapshot, options) {
    const since = Date.parse(snapshot.since);
    const now = Date.parse(snapshot.now);
    const rowsOf = new Map();
    for (const count of snapshot.rowCounts) {
        const list = rowsOf.get(count.executionId) ?? [];
        list.push({ objectName: count.objectName, countType: count.countType, rowCount: count.rowCount });
        rowsOf.set(count.executionId, list);
    }
    const views = snapshot.executions.map((row) => executionView(row, rowsOf.get(row.executionId) ?? [], options));
    const byId = new Map(views.map((view) => [view.executionId, view]));
    const ofPackage = groupBy(views, (view) => view.packageId);
    const packageById = new Map(snapshot.packages.map((pkg) => [pkg.packageId, pkg]));
    const batchOf = new Map();
    for (const pkg of snapshot.packages) {
        if (pkg.isBatch)
            continue;
        const underBatch = (ofPackage.get(pkg.packageId) ?? []).filter((view) => {
            const parent = view.parentExecutionId === null ? undefined : byId.get(view.parentExecutionId);
            return parent !== undefined && packageById.get(parent.packageId)?.isBatch === true;
        });
        const last = underBatch.at(-1);
        if (last)
            batchOf.set(pkg.packageId, byId.get(last.parentExecutionId).packageId);
    }
    const selected = selectPackages(snapshot.packages, batchOf, options.packageNames);
    const packageViews = new Map(selected.map((pkg) => [pkg.packageId, packageView(pkg, ofPackage.get(pkg.packageId) ?? [], batchOf, since, now)]));
    const ordered = gridOrder([...packageViews.values()]);
    const batchRuns = views
        .filter((view) => packageViews.get(view.packageId)?.isBatch && Date.parse(view.startTime) >= since)
        .map((batch) => batchRun(batch, views, packageById))
        .reverse();
    const names = new Set(selected.map((pkg) => pkg.packageId));
    // A deleted package's record belongs to no package: shown when no package was asked for.
    const audit = snapshot.audit
        .filter((entry) => (entry.packageId === null ? options.packageNames.length === 0 : names.has(entry.packageId)))
        .reverse();
    return { now: snapshot.now, since: snapshot.since, packages: ordered, batchRuns, audit };
}
function executionView(row, rows, options) {
    const ms = row.endTime === null ? NaN : Date.parse(row.endTime) - Date.parse(row.startTime);
    return {
        executionId: row.executionId,
        packageId: row.packageId,
        parentExecutionId: row.parentExecutionId,
        status: row.executionStatus,
        next: row.nextLoadStatus,
        retryCount: row.retryCount,
        startTime: row.startTime,
        endTime: row.endTime,
        seconds: Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : null,
        message: row.errorMessage,
        run: runLink(row, options.serverUrl),
        rows,
        rowTotal: rows.reduce((sum, count) => sum + count.rowCount, 0),
    };
}
/** The run's page on GitHub (its attempt's, when known); null for an execution begun outside GitHub. */
function runLink(row, serverUrl) {
    if (!row.repository || !row.runId || !/^[\w.-]+\/[\w.-]+$/.test(row.repository) || !/^\d+$/.test(row.runId)) {
        return null;
    }
    const attempt = row.runAttempt && /^\d+$/.test(row.runAttempt) ? row.runAttempt : null;
    return {
        url: `${serverUrl.replace(/\/+$/, '')}/${row.repository}/actions/runs/${row.runId}${attempt ? `/attempts/${attempt}` : ''}`,
        label: `run ${row.runId}${attempt ? ` (attempt ${attempt})` : ''} of ${row.repository}`,
    };
}
function selectPackages(packages, batchOf, names) {
    if (names.length === 0)
        return [...packages];
    const named = new Set(packages.filter((pkg) => names.includes(pkg.packageName)).map((pkg) => pkg.packageId));
    return packages.filter((pkg) => named.has(pkg.packageId) || named.has(batchOf.get(pkg.packageId) ?? -1));
}
function packageView(pkg, executions, batchOf, since, now) {
    const latest = executions.at(-1) ?? null;
    const streak = failureStreak(executions, since);
    const { state, stateText } = packageState(pkg, latest, streak, now);
    return {
        packageId: pkg.packageId,
        name: pkg.packageName,
        isBatch: pkg.isBatch,
        isEnabled: pkg.isEnabled,
        retryLimit: pkg.retryLimit,
        batchPackageId: batchOf.get(pkg.packageId) ?? null,
        state,
        stateText,
        latest,
        streak,
        executions: executions.filter((view) => Date.parse(view.startTime) >= since),
    };
}
/**
 * The failures since the last success, when the latest ended execution that succeeded or failed
 * failed; null otherwise. Skipped (C) and active executions neither break nor extend a streak.
 */
function failureStreak(executions, since) {
    const ended = executions.filter((view) => view.endTime !== null && (view.status === 'S' || view.status === 'F'));
    if (ended.at(-1)?.status !== 'F')
        return null;
    const lastSuccess = ended.findLastIndex((view) => view.status === 'S');
    const failures = ended.slice(lastSuccess + 1);
    const success = lastSuccess >= 0 ? ended[lastSuccess] : null;
    return {
        failures: failures.length,
        firstFailure: failures[0].startTime,
        lastSuccess: success?.startTime ?? null,
        // The read holds every execution of the window and the latest success: failures between the
        // two, before the window, were not read.
        beforeWindow: success === null ? false : Date.parse(success.startTime) < since && failures.length > 0,
    };
}
function packageState(pkg, latest, streak, now) {
    if (!pkg.isEnabled)
        return { state: 'disabled', stateText: 'Disabled: every begin is skipped until it is enabled.' };
    if (latest === null)
        return { state: 'never-run', stateText: 'Never run.' };
    if (latest.endTime === null) {
        const minutes = Math.floor((now - Date.parse(latest.startTime)) / 60_000);
        return minutes >= STUCK_AFTER_MINUTES
            ? {
                state: 'stuck',
                stateText: `Stuck: execution ${latest.executionId} has been active for ${hours(minutes)} without an end.`,
            }
            : { state: 'running', stateText: `Running: execution ${latest.executionId}, active for ${hours(minutes)}.` };
    }
    if (streak) {
        return {
            state: 'failing',
            stateText: `Failing: ${streak.failures}${streak.beforeWindow ? ' or more' : ''} failure(s) in a row since ` +
                (streak.lastSuccess === null ? 'it began (it never succeeded).' : `the last success at ${streak.lastSuccess}.`),
        };
    }
    if (latest.status === 'C' || latest.next === 'C') {
        return {
            state: 'skipped',
            stateText: latest.status === 'C'
                ? `Skipped: its latest execution ${latest.executionId} was canceled.`
                : `Skipped next: execution ${latest.executionId} has NextLoadStatus C, so the next begin skips it.`,
        };
    }
    return { state: 'ok', stateText: `OK: execution ${latest.executionId} ended ${latest.status}.` };
}
const hours = (minutes) => minutes < 60 ? `${Math.max(0, minutes)} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
/** Top-level packages (no batch, or a batch) by name, each batch followed by its children by name. */
function gridOrder(packages) {
    const byName = (a, b) => a.name.localeCompare(b.name);
    const present = new Set(packages.map((pkg) => pkg.packageId));
    const isChild = (pkg) => pkg.batchPackageId !== null && present.has(pkg.batchPackageId);
    const children = groupBy(packages.filter(isChild), (pkg) => pkg.batchPackageId);
    return packages
        .filter((pkg) => !isChild(pkg))
        .sort(byName)
        .flatMap((pkg) => [pkg, ...(children.get(pkg.packageId) ?? []).sort(byName)]);
}
function batchRun(batch, views, packageById) {
    const children = views.filter((view) => view.parentExecutionId === batch.executionId);
    const attempts = (0,batch_rollup/* splitAttempts */.l)(children);
    const counted = new Set([batch.executionId, ...attempts.latest.map((child) => child.executionId)]);
    const stored = [batch, ...children].flatMap((view) => view.rows.map((count) => ({ ...count, executionId: view.executionId })));
    return {
        batch,
        packageName: packageById.get(batch.packageId)?.packageName ?? String(batch.packageId),
        children,
        earlierAttempts: attempts.earlier.map((child) => child.executionId),
        rows: (0,batch_rollup/* rollUpRowCounts */.v)(stored, counted),
    };
}
function groupBy(items, key) {
    const groups = new Map();
    for (const item of items) {
        const group = groups.get(key(item));
        if (group)
            group.push(item);
        else
            groups.set(key(item), [item]);
    }
    return groups;
}

// EXTERNAL MODULE: ./src/decision.ts
var decision = __webpack_require__(27033);
;// CONCATENATED MODULE: ./src/report/page-script.ts
/**
 * The report page's script: plain browser JavaScript, no library, no request. It reads the data
 * element (render.ts's payload) and draws the overview, the grid (one row per package, one cell per
 * execution, oldest to newest), the trends as small SVG charts, each batch execution's timeline and
 * the audit log; filters and sorting change what is shown in place. The grid is one tab stop: the
 * arrow keys move between cells, Enter opens a cell's details, Escape closes them.
 *
 * Kept as text (it runs in the browser, not in Node): no template literals inside, so that this
 * file can hold it in one.
 */
const PAGE_SCRIPT = String.raw `
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var X = D.executions;
  var since = D.sinceSeconds * 1000;
  var now = Date.parse(D.now);
  var STATUSES = ['S', 'F', 'R', 'A', 'E', 'C'];
  var STATE_ORDER = { stuck: 0, failing: 1, running: 2, disabled: 3, skipped: 4, ok: 5, 'never-run': 6 };
  var STATE_NAMES = { stuck: 'Stuck', failing: 'Failing', running: 'Running', disabled: 'Disabled', skipped: 'Skipped', ok: 'OK', 'never-run': 'Never run' };
  var count = X.p.length;
  var ids = new Array(count);
  // Undo render.ts's differences: IDs, start times (seconds from the window's start), parents (-1 for none).
  for (var k = 0, acc = 0, at = 0; k < count; k++) {
    acc += X.id[k]; ids[k] = acc;
    at += X.t[k]; X.t[k] = at;
    X.par[k] = X.par[k] === 0 ? -1 : k - X.par[k];
  }
  var rowsOf = {};
  for (var r = 0, e = 0; r < D.rowCounts.length; r += 4) {
    e += D.rowCounts[r];
    (rowsOf[e] = rowsOf[e] || []).push([D.texts[D.rowCounts[r + 1]], D.texts[D.rowCounts[r + 2]], D.rowCounts[r + 3]]);
  }
  var P = D.packages.map(function (p, i) {
    return { i: i, name: p[0], batch: (p[1] & 1) === 1, enabled: (p[1] & 2) === 2, retryLimit: p[2], parent: p[3],
      state: p[4], stateText: p[5], streak: p[6] || null, latest: p[7], ex: [] };
  });
  for (k = 0; k < count; k++) if (X.t[k] >= 0 && X.p[k] >= 0) P[X.p[k]].ex.push(k);
  P.forEach(function (p) {
    var d = p.ex.map(function (k) { return X.d[k]; }).filter(function (s) { return s >= 0; }).sort(function (a, b) { return a - b; });
    p.median = d.length ? d[Math.floor((d.length - 1) / 2)] : -1;
    p.rows = p.ex.reduce(function (sum, k) { return sum + X.rows[k]; }, 0);
    p.last = p.ex.length ? X.t[p.ex[p.ex.length - 1]] : -Infinity;
  });

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 19).replace('T', ' ') + 'Z'; }
  function start(k) { return since + X.t[k] * 1000; }
  function duration(s) {
    if (s < 0) return 'still active';
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }
  function number(n) { return n.toLocaleString('en-US'); }
  function statusName(c) { return c + ' (' + (D.statusNames[c] || 'unknown') + ')'; }
  function nextName(c) { return c + ' (' + (D.nextNames[c] || 'unknown') + ')'; }
  function pkgName(k) { return X.p[k] >= 0 ? P[X.p[k]].name : 'another package'; }
  function runOf(k) {
    if (X.run[k] < 0) return null;
    var path = D.runs[X.run[k]];
    var m = /^(.+)\/actions\/runs\/(\d+)(?:\/attempts\/(\d+))?$/.exec(path);
    return { url: D.server + '/' + path, label: m ? 'run ' + m[2] + (m[3] ? ' (attempt ' + m[3] + ')' : '') + ' of ' + m[1] : path };
  }
  function cellLabel(k) {
    return pkgName(k) + ', execution ' + ids[k] + ': ' + statusName(X.s[k]) + ', started ' + iso(start(k)) + ', ' + duration(X.d[k]);
  }
  function cell(k) {
    return '<button type="button" class="cell st-' + X.s[k] + (X.r[k] > 0 ? ' retried' : '') + '" data-k="' + k +
      '" tabindex="-1" aria-label="' + esc(cellLabel(k)) + '">' + X.s[k] + '</button>';
  }

  // ---- sparklines: durations as a line, row totals as bars, over the window --------------------
  // One step per execution, as the cells: a trend reads the same whether loads run nightly or hourly.
  var W = 120, H = 26;
  function xs(p) {
    var at = {};
    p.ex.forEach(function (k, i) { at[k] = 2 + ((i + 0.5) / p.ex.length) * (W - 4); });
    return function (k) { return at[k]; };
  }
  function durationSpark(p) {
    var points = p.ex.filter(function (k) { return X.d[k] >= 0; }), x = xs(p);
    if (!points.length) return '<span class="empty">none</span>';
    var max = Math.max.apply(null, points.map(function (k) { return X.d[k]; })) || 1;
    function y(k) { return (H - 3 - (X.d[k] / max) * (H - 6)).toFixed(1); }
    var line = points.map(function (k) { return x(k).toFixed(1) + ',' + y(k); }).join(' ');
    var dots = points.map(function (k) { return '<circle cx="' + x(k).toFixed(1) + '" cy="' + y(k) + '" r="2" fill="var(--st-' + X.s[k] + ')"/>'; }).join('');
    var last = X.d[points[points.length - 1]];
    var label = 'Duration: median ' + duration(p.median) + ', last ' + duration(last) + ', longest ' + duration(max) + ' (' + points.length + ' ended executions)';
    return '<svg class="spark" width="' + W + '" height="' + H + '" viewBox="0 0 ' + W + ' ' + H + '" role="img" aria-label="' + esc(label) +
      '"><title>' + esc(label) + '</title><polyline fill="none" stroke="var(--spark)" stroke-width="1.5" points="' + line + '"/>' + dots + '</svg>';
  }
  function rowsSpark(p) {
    var points = p.ex.filter(function (k) { return X.rows[k] > 0; }), x = xs(p);
    if (!points.length) return '<span class="empty">none</span>';
    var max = Math.max.apply(null, points.map(function (k) { return X.rows[k]; })) || 1;
    var bars = points.map(function (k) {
      var h = Math.max(1, (X.rows[k] / max) * (H - 2));
      return '<rect x="' + (x(k) - 1).toFixed(1) + '" y="' + (H - h).toFixed(1) + '" width="2" height="' + h.toFixed(1) + '"/>';
    }).join('');
    var label = 'Rows: ' + number(p.rows) + ' in the window, last ' + number(X.rows[points[points.length - 1]]) + ', most ' + number(max);
    return '<svg class="spark" width="' + W + '" height="' + H + '" viewBox="0 0 ' + W + ' ' + H + '" role="img" aria-label="' + esc(label) +
      '"><title>' + esc(label) + '</title><g fill="var(--spark-rows)">' + bars + '</g></svg>';
  }
  function streakText(p) {
    if (!p.streak) return '';
    return p.streak[0] + (p.streak[3] ? ' or more' : '') + ' in a row, ' + (p.streak[2] ? 'last success ' + iso(Date.parse(p.streak[2])) : 'never succeeded');
  }

  // ---- the page ------------------------------------------------------------------------------
  var main = document.getElementById('report');
  var windowed = 0, byStatus = {}, byState = {};
  P.forEach(function (p) {
    windowed += p.ex.length;
    byState[p.state] = (byState[p.state] || 0) + 1;
    p.ex.forEach(function (k) { byStatus[X.s[k]] = (byStatus[X.s[k]] || 0) + 1; });
  });
  var tiles = [['Packages', P.length], ['Executions', windowed]]
    .concat(STATUSES.map(function (c) { return [statusName(c), byStatus[c] || 0]; }))
    .concat(['failing', 'stuck', 'running', 'skipped', 'disabled'].map(function (s) { return [STATE_NAMES[s] + ' now', byState[s] || 0]; }));
  var batches = P.filter(function (p) { return p.batch; });
  var html = '<h2 id="overview">Overview</h2><ul class="tiles" aria-labelledby="overview">' + tiles.map(function (t) {
    return '<li><b>' + number(t[1]) + '</b>' + esc(t[0]) + '</li>';
  }).join('') + '</ul>';

  var attention = P.filter(function (p) { return p.state !== 'ok' && p.state !== 'never-run'; })
    .sort(function (a, b) { return STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.name.localeCompare(b.name); });
  html += '<h2 id="attention">Needs attention: stuck, failing, running, disabled, skipped</h2>';
  html += attention.length ? '<div class="grid-wrap attention" tabindex="0" role="region" aria-labelledby="attention"><table id="attention-table" aria-labelledby="attention"><thead><tr><th scope="col">Package</th><th scope="col">State</th>' +
    '<th scope="col">Failure streak</th><th scope="col">Latest execution</th><th scope="col">Why</th></tr></thead><tbody>' +
    attention.map(function (p) {
      var k = p.latest, run = k >= 0 ? runOf(k) : null;
      return '<tr data-package="' + esc(p.name) + '"><td class="name">' + esc(p.name) + '</td><td class="state state-' + p.state + '">' + STATE_NAMES[p.state] + '</td><td>' + esc(streakText(p)) +
        '</td><td>' + (k >= 0 ? ids[k] + ' ' + esc(statusName(X.s[k])) + ', ' + iso(start(k)) + (run ? ' · <a href="' + esc(run.url) + '">' + esc(run.label) + '</a>' : '') : '') +
        '</td><td>' + esc(p.stateText) + '</td></tr>';
    }).join('') + '</tbody></table></div>' : '<p class="empty">Nothing: every package ended well or never ran.</p>';

  html += '<h2 id="grid-title">Executions by package</h2>' +
    '<p class="note">One row per package, batches followed by their children; one cell per execution in the window, oldest to newest. ' +
    'A cell shows its ExecutionStatus; an underline marks a retried execution. Tab into the grid, move with the arrow keys, press Enter for the details.</p>' +
    '<ul class="legend" aria-label="Legend">' + STATUSES.map(function (c) {
      return '<li><span class="cell st-' + c + '" aria-hidden="true">' + c + '</span>' + esc(D.statusNames[c]) + '</li>';
    }).join('') + '</ul>' +
    '<form class="filters" id="filters" role="search" aria-label="Filter the grid">' +
    '<div><label for="f-name">Package name</label><input type="search" id="f-name" placeholder="contains…"></div>' +
    '<fieldset><legend>Status</legend>' + STATUSES.map(function (c) {
      return '<label><input type="checkbox" name="status" value="' + c + '" checked> ' + c + ' ' + esc(D.statusNames[c]) + '</label>';
    }).join('') + '</fieldset>' +
    '<div><label for="f-state">State now</label><select id="f-state"><option value="">any</option>' +
    Object.keys(STATE_ORDER).map(function (s) { return '<option value="' + s + '">' + STATE_NAMES[s] + '</option>'; }).join('') + '</select></div>' +
    '<div><label for="f-batch">Batch</label><select id="f-batch"><option value="">any</option><option value="-2">in no batch</option>' +
    batches.map(function (p) { return '<option value="' + p.i + '">' + esc(p.name) + '</option>'; }).join('') + '</select></div>' +
    '<div><button type="reset">Clear filters</button></div></form>' +
    '<p id="shown" class="note" role="status" aria-live="polite"></p>' +
    '<div class="grid-wrap"><table class="grid" id="grid" aria-labelledby="grid-title"><thead><tr>' +
    [['name', 'Package'], ['state', 'State now'], ['streak', 'Failure streak'], ['duration', 'Duration'], ['rows', 'Rows'], ['latest', 'Executions, oldest to newest']]
      .map(function (c) { return '<th scope="col" data-sort="' + c[0] + '"' + (c[0] === 'name' ? ' aria-sort="ascending"' : '') + '><button type="button">' + c[1] + '</button></th>'; }).join('') +
    '</tr></thead><tbody>' + P.map(function (p) {
      return '<tr data-i="' + p.i + '"' + (p.parent >= 0 ? ' class="child"' : '') + '><td class="name" title="' + esc(p.name) + '">' + esc(p.name) + (p.batch ? '<span class="tag">batch</span>' : '') +
        (!p.enabled ? '<span class="tag">disabled</span>' : '') + '</td><td class="state state-' + p.state + '" title="' + esc(p.stateText) + '">' + STATE_NAMES[p.state] +
        '</td><td>' + esc(streakText(p)) + '</td><td>' + durationSpark(p) + '</td><td>' + rowsSpark(p) + '</td><td><div class="cells">' +
        (p.ex.length ? p.ex.map(cell).join('') : '<span class="empty">no execution in the window</span>') + '</div></td></tr>';
    }).join('') + '</tbody></table></div>' +
    '<section id="details" hidden aria-labelledby="details-title" tabindex="-1"></section>';

  html += '<h2 id="batches-title">Batch executions</h2>' + (D.batchRuns.length ? '<p class="note">Newest first; open one for the timeline of its children. ' +
    'Rows count only each child\'s latest attempt under the batch (an earlier attempt\'s rows were rolled back).</p>' + D.batchRuns.map(function (b, i) {
      var k = b[0], failed = b[1].filter(function (c) { return X.s[c] === 'F'; }).length;
      return '<details class="batch" data-b="' + i + '"><summary>' + esc(pkgName(k)) + ', execution ' + ids[k] + ': ' + esc(statusName(X.s[k])) + ', started ' + iso(start(k)) +
        ', ' + duration(X.d[k]) + ', ' + b[1].length + ' child execution(s)' + (failed ? ', ' + failed + ' failed' : '') + '</summary><div class="timeline-body"></div></details>';
    }).join('') : '<p class="empty">No batch execution in the window.</p>');

  html += '<h2 id="audit-title">Audit log</h2>' + (D.audit.length ? '<div class="filters"><div><label for="f-audit">Filter the audit log</label>' +
    '<input type="search" id="f-audit" placeholder="package, action, actor, detail…"></div></div><div class="grid-wrap"><table id="audit" aria-labelledby="audit-title"><thead><tr>' +
    ['Time', 'Package', 'Action', 'Detail', 'Actor', 'ExecutionID'].map(function (c, i) {
      return '<th scope="col" data-col="' + i + '"' + (i === 0 ? ' aria-sort="descending"' : '') + '><button type="button">' + c + '</button></th>';
    }).join('') + '</tr></thead><tbody>' + D.audit.map(function (a) {
      return '<tr><td>' + esc(iso(Date.parse(a[0]))) + '</td><td>' + esc(a[1]) + '</td><td>' + esc(a[3]) + '</td><td>' + esc(a[4] || '') + '</td><td>' + esc(a[5] || '') +
        '</td><td>' + esc(a[2] || '') + '</td></tr>';
    }).join('') + '</tbody></table></div>' : '<p class="empty">No audit record in the window.</p>');

  main.innerHTML = html;
  main.removeAttribute('aria-busy');

  // ---- filters and sorting -------------------------------------------------------------------
  var grid = document.getElementById('grid');
  var tbody = grid.tBodies[0];
  var rowEls = Array.prototype.slice.call(tbody.rows);
  var shown = document.getElementById('shown');
  var sortKey = 'name', sortDir = 1;
  function checkedStatuses() {
    return Array.prototype.filter.call(document.querySelectorAll('#filters input[name=status]'), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
  }
  function applyFilters() {
    var name = document.getElementById('f-name').value.trim().toLowerCase();
    var state = document.getElementById('f-state').value;
    var batch = Number(document.getElementById('f-batch').value || -1);
    var statuses = checkedStatuses();
    var all = statuses.length === STATUSES.length;
    STATUSES.forEach(function (c) { grid.classList.toggle('hide-' + c, statuses.indexOf(c) < 0); });
    var visible = 0;
    rowEls.forEach(function (tr) {
      var p = P[Number(tr.getAttribute('data-i'))];
      var show = (!name || p.name.toLowerCase().indexOf(name) >= 0) && (!state || p.state === state) &&
        (batch === -1 || (batch === -2 ? p.parent < 0 && !p.batch : p.i === batch || p.parent === batch)) &&
        (all || p.ex.some(function (k) { return statuses.indexOf(X.s[k]) >= 0; }));
      tr.hidden = !show;
      if (show) visible++;
    });
    shown.textContent = 'Showing ' + visible + ' of ' + P.length + ' packages' + (all ? '' : ', executions with status ' + statuses.join(', ')) + '.';
  }
  var style = document.createElement('style');
  style.textContent = STATUSES.map(function (c) { return '.grid.hide-' + c + ' .st-' + c + ' { display: none; }'; }).join('\n');
  document.head.appendChild(style);
  var form = document.getElementById('filters');
  form.addEventListener('input', applyFilters);
  form.addEventListener('change', applyFilters);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(applyFilters, 0); });

  var SORT = {
    streak: function (p) { return p.streak ? p.streak[0] : -1; },
    duration: function (p) { return p.median; },
    rows: function (p) { return p.rows; },
    latest: function (p) { return p.last; },
    state: function (p) { return -STATE_ORDER[p.state]; }
  };
  function sortGrid() {
    var order = sortKey === 'name'
      ? (sortDir === 1 ? rowEls.slice() : rowEls.slice().reverse())
      : rowEls.slice().sort(function (a, b) {
          var pa = P[Number(a.getAttribute('data-i'))], pb = P[Number(b.getAttribute('data-i'))];
          return sortDir * (SORT[sortKey](pb) - SORT[sortKey](pa)) || pa.name.localeCompare(pb.name);
        });
    // Moved into a fragment first, the rows are laid out once, not once per row.
    var moved = document.createDocumentFragment();
    order.forEach(function (tr) { moved.appendChild(tr); });
    tbody.appendChild(moved);
    grid.classList.toggle('flat', sortKey !== 'name');
    Array.prototype.forEach.call(grid.tHead.rows[0].cells, function (th) {
      if (th.getAttribute('data-sort') === sortKey) th.setAttribute('aria-sort', sortDir === 1 ? (sortKey === 'name' ? 'ascending' : 'descending') : (sortKey === 'name' ? 'descending' : 'ascending'));
      else th.removeAttribute('aria-sort');
    });
  }
  grid.tHead.addEventListener('click', function (e) {
    var th = e.target.closest('th');
    if (!th) return;
    var key = th.getAttribute('data-sort');
    sortDir = key === sortKey ? -sortDir : 1;
    sortKey = key;
    sortGrid();
  });

  // ---- the grid's keyboard and the details panel ---------------------------------------------
  var details = document.getElementById('details');
  var current = null, opener = null;
  function visibleCells(tr) {
    return Array.prototype.filter.call(tr.querySelectorAll('.cell'), function (c) { return c.offsetParent !== null; });
  }
  function focusCell(c) {
    if (!c) return;
    if (current) current.tabIndex = -1;
    current = c;
    c.tabIndex = 0;
    c.focus();
  }
  function firstCell() {
    for (var i = 0; i < tbody.rows.length; i++) {
      var tr = tbody.rows[i];
      if (tr.hidden) continue;
      var cells = visibleCells(tr);
      if (cells.length) return cells[cells.length - 1];
    }
    return null;
  }
  var first = firstCell();
  if (first) { first.tabIndex = 0; current = first; }
  tbody.addEventListener('keydown', function (e) {
    var c = e.target.closest('.cell');
    if (!c) return;
    var tr = c.closest('tr'), cells = visibleCells(tr), i = cells.indexOf(c), fromEnd = cells.length - 1 - i;
    var next = null;
    if (e.key === 'ArrowLeft') next = cells[i - 1];
    else if (e.key === 'ArrowRight') next = cells[i + 1];
    else if (e.key === 'Home') next = cells[0];
    else if (e.key === 'End') next = cells[cells.length - 1];
    else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      var row = tr;
      do { row = e.key === 'ArrowUp' ? row.previousElementSibling : row.nextElementSibling; } while (row && (row.hidden || !visibleCells(row).length));
      if (row) { var rc = visibleCells(row); next = rc[Math.max(0, rc.length - 1 - fromEnd)]; }
    } else return;
    e.preventDefault();
    focusCell(next);
  });
  tbody.addEventListener('focusin', function (e) {
    var c = e.target.closest('.cell');
    if (c && c !== current) { if (current) current.tabIndex = -1; current = c; c.tabIndex = 0; }
  });
  tbody.addEventListener('click', function (e) {
    var c = e.target.closest('.cell');
    if (c) { opener = c; showDetails(Number(c.getAttribute('data-k'))); }
  });
  function showDetails(k) {
    var run = runOf(k), rows = rowsOf[k] || [], parent = X.par[k];
    var items = [
      ['Package', pkgName(k)], ['ExecutionID', String(ids[k])], ['ExecutionStatus', statusName(X.s[k])], ['NextLoadStatus', nextName(X.n[k])],
      ['RetryCount', String(X.r[k])], ['Started', iso(start(k))], ['Ended', X.d[k] >= 0 ? iso(start(k) + X.d[k] * 1000) : 'still active'],
      ['Duration', duration(X.d[k])]
    ];
    if (parent >= 0) items.push(['Batch execution', pkgName(parent) + ', execution ' + ids[parent]]);
    if (X.m[k] >= 0) items.push(['Message', D.texts[X.m[k]]]);
    details.innerHTML = '<button type="button" class="close">Close</button><h3 id="details-title">' + esc(pkgName(k)) + ', execution ' + ids[k] + '</h3><dl>' +
      items.map(function (it) { return '<dt>' + esc(it[0]) + '</dt><dd>' + esc(it[1]) + '</dd>'; }).join('') +
      '<dt>GitHub run</dt><dd>' + (run ? '<a href="' + esc(run.url) + '">' + esc(run.label) + '</a>' : 'none (begun outside GitHub)') + '</dd>' +
      '<dt>Row counts</dt><dd>' + (rows.length ? rows.map(function (c) { return esc(c[0] + ' ' + c[1] + ': ' + number(c[2])); }).join('\n') : 'none reported') + '</dd></dl>';
    details.hidden = false;
    details.focus();
  }
  function closeDetails() {
    details.hidden = true;
    if (opener) opener.focus();
  }
  details.addEventListener('click', function (e) { if (e.target.closest('.close')) closeDetails(); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && !details.hidden) closeDetails(); });

  // ---- batch timelines, drawn when opened ----------------------------------------------------
  Array.prototype.forEach.call(document.querySelectorAll('details.batch'), function (el) {
    el.addEventListener('toggle', function () {
      if (!el.open || el.getAttribute('data-drawn')) return;
      el.setAttribute('data-drawn', '1');
      el.querySelector('.timeline-body').innerHTML = timeline(D.batchRuns[Number(el.getAttribute('data-b'))]);
    });
  });
  function timeline(b) {
    var k = b[0], members = [k].concat(b[1]), earlier = b[2];
    var t0 = start(k), t1 = Math.max.apply(null, members.map(function (m) { return X.d[m] >= 0 ? start(m) + X.d[m] * 1000 : now; }));
    var span = Math.max(1000, t1 - t0), LABEL = 230, WIDTH = 900, ROW = 20;
    var bars = members.map(function (m, i) {
      var x0 = LABEL + ((start(m) - t0) / span) * (WIDTH - LABEL - 10);
      var end = X.d[m] >= 0 ? start(m) + X.d[m] * 1000 : now;
      var w = Math.max(3, ((end - start(m)) / span) * (WIDTH - LABEL - 10));
      var y = 20 + i * ROW, old = earlier.indexOf(m) >= 0;
      var tip = pkgName(m) + ', execution ' + ids[m] + ': ' + statusName(X.s[m]) + ', ' + duration(X.d[m]) + (old ? ', an earlier attempt' : '');
      return '<g><title>' + esc(tip) + '</title><text x="4" y="' + (y + 13) + '">' + esc((i === 0 ? 'batch ' : '') + pkgName(m)).slice(0, 60) + '</text>' +
        '<rect x="' + x0.toFixed(1) + '" y="' + (y + 3) + '" width="' + w.toFixed(1) + '" height="' + (ROW - 6) + '" rx="2" fill="var(--st-' + X.s[m] + ')"' + (old ? ' opacity="0.5"' : '') + '/></g>';
    }).join('');
    var height = 28 + members.length * ROW;
    var label = 'Timeline of ' + pkgName(k) + ' execution ' + ids[k] + ' and its ' + b[1].length + ' child execution(s), from ' + iso(t0) + ' to ' + iso(t1);
    var svg = '<svg class="timeline" width="100%" viewBox="0 0 ' + WIDTH + ' ' + height + '" role="img" aria-label="' + esc(label) + '">' +
      '<text x="' + LABEL + '" y="12">' + esc(iso(t0)) + '</text><text x="' + WIDTH + '" y="12" text-anchor="end">' + esc(iso(t1)) + '</text>' +
      '<line class="axis" x1="' + LABEL + '" x2="' + LABEL + '" y1="16" y2="' + height + '"/>' + bars + '</svg>';
    var table = '<table><caption class="visually-hidden">Children of execution ' + ids[k] + '</caption><thead><tr><th scope="col">Package</th><th scope="col">ExecutionID</th>' +
      '<th scope="col">ExecutionStatus</th><th scope="col">NextLoadStatus</th><th scope="col">Started</th><th scope="col">Duration</th><th scope="col">Rows</th><th scope="col">Message</th></tr></thead><tbody>' +
      b[1].map(function (m) {
        var old = earlier.indexOf(m) >= 0;
        return '<tr><td>' + esc(pkgName(m)) + (old ? ' <span class="tag">earlier attempt</span>' : '') + '</td><td>' + ids[m] + '</td><td>' + esc(statusName(X.s[m])) + '</td><td>' + esc(nextName(X.n[m])) +
          '</td><td>' + iso(start(m)) + '</td><td>' + duration(X.d[m]) + '</td><td>' + number(X.rows[m]) + '</td><td>' + esc(X.m[m] >= 0 ? D.texts[X.m[m]] : '') + '</td></tr>';
      }).join('') + '</tbody></table>';
    var rolled = b[3].length ? '<p>Rows of the batch (latest attempts): ' + b[3].map(function (c) { return esc(c[0] + ' ' + c[1] + ' ' + number(c[2])); }).join(' · ') + '</p>' : '';
    return svg + table + rolled;
  }

  // ---- the audit log -------------------------------------------------------------------------
  var audit = document.getElementById('audit');
  if (audit) {
    var auditRows = Array.prototype.slice.call(audit.tBodies[0].rows);
    document.getElementById('f-audit').addEventListener('input', function (e) {
      var q = e.target.value.trim().toLowerCase();
      auditRows.forEach(function (tr) { tr.hidden = q !== '' && tr.textContent.toLowerCase().indexOf(q) < 0; });
    });
    var auditCol = 0, auditDir = -1;
    audit.tHead.addEventListener('click', function (e) {
      var th = e.target.closest('th');
      if (!th) return;
      var col = Number(th.getAttribute('data-col'));
      auditDir = col === auditCol ? -auditDir : 1;
      auditCol = col;
      var moved = document.createDocumentFragment();
      auditRows.slice().sort(function (a, b) {
        return auditDir * a.cells[col].textContent.localeCompare(b.cells[col].textContent, 'en', { numeric: true });
      }).forEach(function (tr) { moved.appendChild(tr); });
      audit.tBodies[0].appendChild(moved);
      Array.prototype.forEach.call(audit.tHead.rows[0].cells, function (c) {
        if (c === th) c.setAttribute('aria-sort', auditDir === 1 ? 'ascending' : 'descending');
        else c.removeAttribute('aria-sort');
      });
    });
  }
  applyFilters();
})();
`;

;// CONCATENATED MODULE: ./src/report/page-style.ts
/**
 * The report page's styles: light and dark from the reader's system setting, status colours that
 * keep white letters readable (contrast 4.5:1 or more) in both, and a visible focus ring.
 */
const PAGE_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --link: #0550ae;
  --focus: #0969da; --row-hover: #eef2f6;
  --st-S: #1a7f37; --st-F: #c2262e; --st-R: #9a4d00; --st-A: #0b5cad; --st-E: #6639ba; --st-C: #59636e;
  --spark: #0b5cad; --spark-rows: #6639ba;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23; --link: #71b7ff;
    --focus: #4493f8; --row-hover: #1c2430;
    --st-S: #1a7f37; --st-F: #c2262e; --st-R: #9a4d00; --st-A: #0b5cad; --st-E: #6639ba; --st-C: #59636e;
    --spark: #71b7ff; --spark-rows: #d2a8ff;
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 0 1.25rem 2rem; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
h1 { font-size: 1.4rem; margin: 1rem 0 0.2rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 0.5rem; }
a { color: var(--link); }
.meta, .note { color: var(--muted); margin: 0.2rem 0; }
.noscript { padding: 1rem; border: 1px solid var(--line); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; }
.tiles { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.8rem 0; padding: 0; list-style: none; }
.tiles li { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 0.4rem 0.8rem; min-width: 7.5rem; }
.tiles b { display: block; font-size: 1.3rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0.6rem 1.2rem; align-items: end; background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem 0.8rem; margin: 0.6rem 0; }
.filters label, .filters legend { display: block; font-size: 0.85rem; color: var(--muted); }
.filters fieldset { border: 0; margin: 0; padding: 0; }
.filters fieldset label { display: inline-flex; align-items: center; gap: 0.2rem; margin-right: 0.5rem; color: var(--fg); font-size: 0.9rem; }
input, select, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; }
input[type=search], select { padding: 0.2rem 0.4rem; min-width: 11rem; }
table { border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 0.25rem 0.5rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; white-space: nowrap; }
th button { border: 0; background: none; padding: 0; font-weight: 600; cursor: pointer; }
th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort=ascending] button::after { content: " \\2191"; color: var(--fg); }
th[aria-sort=descending] button::after { content: " \\2193"; color: var(--fg); }
.grid-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
.grid-wrap.attention { max-height: 24rem; overflow-y: auto; }
.attention td.name { white-space: nowrap; }
/* A fixed layout: the widths come from the header, so a thousand rows are laid out without measuring each. */
.grid { width: 100%; min-width: 62rem; table-layout: fixed; }
.grid th:nth-child(1) { width: 15rem; } .grid th:nth-child(2) { width: 7rem; } .grid th:nth-child(3) { width: 12rem; }
.grid th:nth-child(4), .grid th:nth-child(5) { width: 9rem; }
.grid td.name { overflow: hidden; text-overflow: ellipsis; }
/* Rows off screen skip the layout of their cells until they scroll into view. */
.cells { content-visibility: auto; contain-intrinsic-size: auto 1.2rem; }
.grid tbody tr:hover { background: var(--row-hover); }
.grid td.name { white-space: nowrap; font-weight: 600; }
.grid tr.child td.name { padding-left: 1.6rem; font-weight: 400; }
.grid tr.child td.name::before { content: "\\2514 "; color: var(--muted); }
.grid.flat tr.child td.name { padding-left: 0.5rem; }
.grid.flat tr.child td.name::before { content: none; }
.tag { display: inline-block; font-size: 0.75rem; font-weight: 600; border: 1px solid var(--line); border-radius: 999px; padding: 0 0.4rem; margin-left: 0.3rem; color: var(--muted); }
.state { white-space: nowrap; font-weight: 600; }
.state-failing, .state-stuck { color: var(--st-F); }
.state-disabled, .state-skipped, .state-never-run { color: var(--muted); }
.state-running { color: var(--st-A); }
.state-ok { color: var(--st-S); }
@media (prefers-color-scheme: dark) {
  .state-failing, .state-stuck { color: #ff7b72; } .state-running { color: #71b7ff; } .state-ok { color: #3fb950; }
}
.cells { display: flex; flex-wrap: wrap; gap: 2px; justify-content: flex-end; min-width: 8rem; }
.cell { width: 1.15rem; height: 1.15rem; border: 0; border-radius: 3px; padding: 0; font-size: 0.7rem; line-height: 1.15rem;
  font-weight: 700; color: #ffffff; text-align: center; cursor: pointer; flex: none; }
.cell.retried { box-shadow: inset 0 -3px 0 rgba(0,0,0,0.45); }
.st-S { background: var(--st-S); } .st-F { background: var(--st-F); } .st-R { background: var(--st-R); }
.st-A { background: var(--st-A); } .st-E { background: var(--st-E); } .st-C { background: var(--st-C); }
.legend { display: flex; flex-wrap: wrap; gap: 0.8rem; margin: 0.4rem 0; padding: 0; list-style: none; }
.legend li { display: inline-flex; align-items: center; gap: 0.3rem; }
.legend .cell { cursor: default; }
svg.spark { display: block; }
#details { position: sticky; bottom: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
  padding: 0.6rem 0.9rem; margin-top: 0.8rem; max-height: 45vh; overflow: auto; }
#details[hidden] { display: none; }
#details dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0.4rem 0; }
#details dt { color: var(--muted); }
#details dd { margin: 0; white-space: pre-wrap; word-break: break-word; }
#details .close { float: right; padding: 0.1rem 0.6rem; cursor: pointer; }
details.batch { border: 1px solid var(--line); border-radius: 6px; margin: 0.4rem 0; padding: 0.3rem 0.7rem; }
details.batch summary { cursor: pointer; }
svg.timeline text { fill: var(--fg); font-size: 11px; }
svg.timeline .axis { stroke: var(--line); }
.empty { color: var(--muted); font-style: italic; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

;// CONCATENATED MODULE: ./src/report/render.ts
/**
 * The catalog report as one self-contained HTML file (docs/report.md): a pure function of the
 * model. The page carries its styles, its script and its data inline, and a Content Security
 * Policy that forbids every request, so opening it never reaches the network. The data travels
 * as compact JSON (columns of numbers, strings kept once) and the page's own script draws the
 * grid, the trends and the timelines from it: a month of 1,000 packages is tens of thousands of
 * cells, far smaller as data than as markup.
 */



/** Strings kept once, referred to by index. */
class Strings {
    list = [];
    index = new Map();
    of(text) {
        if (text === null)
            return -1;
        let i = this.index.get(text);
        if (i === undefined) {
            i = this.list.length;
            this.list.push(text);
            this.index.set(text, i);
        }
        return i;
    }
}
/**
 * The page's data. Executions are columns, in ExecutionID order (which is about time order), so
 * most numbers are small differences: IDs and start times (in seconds; the first from the
 * window's start, negative before it) as differences from the execution before, a parent as how
 * many executions back it is (0 for none), row counts' executions as differences from the count
 * before. Durations in seconds (-1 while active), statuses as one string of letters, texts
 * (messages, objects, runs) as indexes into string tables.
 */
function reportPayload(model, meta) {
    const since = Math.round(Date.parse(model.since) / 1000);
    const executions = new Map();
    const add = (view) => view && executions.set(view.executionId, view);
    for (const pkg of model.packages) {
        pkg.executions.forEach(add);
        add(pkg.latest);
    }
    for (const run of model.batchRuns)
        [run.batch, ...run.children].forEach(add);
    const ordered = [...executions.values()].sort((a, b) => (BigInt(a.executionId) < BigInt(b.executionId) ? -1 : 1));
    const indexOf = new Map(ordered.map((view, i) => [view.executionId, i]));
    const packageIndex = new Map(model.packages.map((pkg, i) => [pkg.packageId, i]));
    const texts = new Strings();
    const runs = new Strings();
    let previousId = 0n;
    let previousStart = since;
    let previousCounted = 0;
    const ex = { id: [], p: [], s: '', n: '', r: [], t: [] };
    const more = { d: [], m: [], par: [], run: [], rows: [] };
    const rowCounts = [];
    for (const [i, view] of ordered.entries()) {
        const id = BigInt(view.executionId);
        ex.id.push(Number(id - previousId));
        previousId = id;
        ex.p.push(packageIndex.get(view.packageId) ?? -1);
        ex.s += view.status;
        ex.n += view.next;
        ex.r.push(view.retryCount);
        const start = Math.round(Date.parse(view.startTime) / 1000);
        ex.t.push(start - previousStart);
        previousStart = start;
        more.d.push(view.seconds ?? -1);
        more.m.push(texts.of(view.message));
        const parent = view.parentExecutionId === null ? undefined : indexOf.get(view.parentExecutionId);
        more.par.push(parent === undefined ? 0 : i - parent);
        more.run.push(view.run ? runs.of(view.run.url.slice(meta.serverUrl.replace(/\/+$/, '').length + 1)) : -1);
        more.rows.push(view.rowTotal);
        for (const count of view.rows) {
            rowCounts.push(i - previousCounted, texts.of(count.objectName), texts.of(count.countType), count.rowCount);
            previousCounted = i;
        }
    }
    return {
        title: 'bfx catalog report',
        location: meta.location,
        generator: meta.generator,
        server: meta.serverUrl.replace(/\/+$/, ''),
        now: model.now,
        since: model.since,
        /** The window's start, in whole seconds: start times count from it. */
        sinceSeconds: since,
        statusNames: decision/* EXECUTION_STATUS_NAMES */.Fr,
        nextNames: decision/* NEXT_LOAD_STATUS_NAMES */.dX,
        packages: model.packages.map((pkg) => [
            pkg.name,
            (pkg.isBatch ? 1 : 0) | (pkg.isEnabled ? 2 : 0),
            pkg.retryLimit,
            pkg.batchPackageId === null ? -1 : (packageIndex.get(pkg.batchPackageId) ?? -1),
            pkg.state,
            pkg.stateText,
            pkg.streak ? [pkg.streak.failures, pkg.streak.firstFailure, pkg.streak.lastSuccess, pkg.streak.beforeWindow] : 0,
            pkg.latest ? indexOf.get(pkg.latest.executionId) : -1,
        ]),
        executions: { ...ex, ...more },
        texts: texts.list,
        runs: runs.list,
        rowCounts,
        batchRuns: model.batchRuns.map((run) => [
            indexOf.get(run.batch.executionId),
            run.children.map((child) => indexOf.get(child.executionId)),
            run.earlierAttempts.map((id) => indexOf.get(id)),
            run.rows.map((count) => [count.objectName, count.countType, count.rowCount]),
        ]),
        audit: model.audit.map((entry) => [
            entry.createdTime,
            // A deleted package's record names it in its detail only.
            entry.packageName ?? '(deleted)',
            entry.executionId,
            entry.action,
            entry.detail,
            entry.actor,
        ]),
    };
}
/** JSON that can sit inside a script element: no `</script>`, no `<!--`, no line separators that break older parsers. */
function scriptJson(value) {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}
const html = (text) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
function renderReport(model, meta) {
    const payload = reportPayload(model, meta);
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="${html(meta.generator)}">
<title>bfx catalog report: ${html(meta.location)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>bfx catalog report</h1>
<p class="meta">${html(meta.location)} · executions that started from <time>${html(model.since)}</time> to <time>${html(model.now)}</time> (the catalog's clock, UTC) · ${html(meta.generator)}</p>
</header>
<noscript><p class="noscript">This report draws its grid with the script inside the file: allow scripts for this file to see it.</p></noscript>
<main id="report" aria-busy="true"></main>
<script type="application/json" id="report-data">${scriptJson(payload)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

;// CONCATENATED MODULE: ./src/report/index.ts



async function catalogReport(catalog, request) {
    return renderCatalogReport(await catalog.reportSnapshot(request.windowMinutes), catalog.location, request);
}
/** The report of rows already read; location names the catalog (never a connection string). */
function renderCatalogReport(snapshot, location, request) {
    const unknown = unknownPackages(snapshot, request.packageNames);
    if (unknown.length > 0) {
        throw new errors/* BfxError */.J(`The catalog has no package named ${unknown.map((name) => `"${name}"`).join(', ')}, so no report was written: ` +
            `check the ${request.packageOption} names against bfx status, or leave ${request.packageOption} out for every package.`);
    }
    const model = buildReport(snapshot, { packageNames: request.packageNames, serverUrl: request.serverUrl });
    return {
        html: renderReport(model, { location, serverUrl: request.serverUrl, generator: request.generator }),
        since: model.since,
        now: model.now,
        packages: model.packages.length,
        executions: model.packages.reduce((sum, pkg) => sum + pkg.executions.length, 0),
        batchExecutions: model.batchRuns.length,
    };
}


/***/ }),

/***/ 8330:
/***/ ((module) => {

module.exports = {"rE":"1.0.0"};

/***/ })

};
