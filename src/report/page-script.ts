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
export const PAGE_SCRIPT = String.raw`
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
