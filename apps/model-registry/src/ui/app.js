// Ciclo model registry web page: one ES module, no framework. Every piece of data reaches the DOM
// through textContent (never innerHTML), and the page only talks to this registry's /v1 API with
// the API key the user typed (kept in sessionStorage, so it dies with the tab).

const KEY_STORAGE = 'ciclo.registry.apiKey';
const LOWER_IS_BETTER = new Set(['logLoss', 'expectedCalibrationError', 'maxCalibrationError']);

const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
};

/** Builds an element: h('td', { className: 'num' }, '0.85'). Strings become text nodes. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name in el && typeof value !== 'string') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const fmt = (n, digits = 3) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '—');
const fmtTime = (iso) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : '—');
const fmtBytes = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`);
const v = (n) => (n === null || n === undefined ? '∅' : `v${n}`);
const enc = encodeURIComponent;

function aliasBadges(aliases) {
  return aliases.map((alias) => h('span', { className: `badge alias alias-${alias}`, dataset: { alias } }, alias));
}

function deltaCell(delta, metricName = '') {
  if (typeof delta !== 'number') return h('td', { className: 'num delta-flat' }, '—');
  const better = LOWER_IS_BETTER.has(metricName) ? delta < 0 : delta > 0;
  const cls = Math.abs(delta) < 1e-9 ? 'delta-flat' : better ? 'delta-up' : 'delta-down';
  return h('td', { className: `num ${cls}` }, `${delta > 0 ? '+' : ''}${delta.toFixed(3)}`);
}

function table(headers, rows, attrs = {}) {
  return h(
    'div',
    { className: 'table-wrap' },
    h(
      'table',
      attrs,
      h('thead', {}, h('tr', {}, headers.map((th) => (th instanceof Node ? th : h('th', {}, th))))),
      h('tbody', {}, rows),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Status line, error banner, API calls

const status = {
  pending: 0,
  set(state, text) {
    const el = $('status');
    el.dataset.state = state;
    el.textContent = text;
  },
};

function showError(text) {
  $('error-text').textContent = text;
  $('error').hidden = false;
}
function clearError() {
  $('error').hidden = true;
  $('error-text').textContent = '';
}

class ApiError extends Error {
  constructor(status, code, message) {
    super(`${code}: ${message}`);
    this.status = status;
    this.code = code;
  }
}

/** One call to the registry API. Shows loading…/loaded/saved/failed; errors go to the banner. */
async function api(method, path, body) {
  const key = sessionStorage.getItem(KEY_STORAGE);
  const mutating = method !== 'GET';
  status.pending += 1;
  status.set('loading', mutating ? 'saving…' : 'loading…');
  try {
    const headers = { accept: 'application/json' };
    if (key) headers.authorization = `Bearer ${key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ApiError(0, 'NETWORK', `the registry did not answer (${error instanceof Error ? error.message : String(error)})`);
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const err = json && typeof json === 'object' && json.error ? json.error : null;
      throw new ApiError(response.status, err?.code ?? `HTTP_${response.status}`, err?.message ?? response.statusText);
    }
    status.pending -= 1;
    if (status.pending === 0) status.set(mutating ? 'saved' : 'idle', mutating ? 'saved' : 'loaded');
    return json;
  } catch (error) {
    status.pending = Math.max(0, status.pending - 1);
    status.set('failed', 'failed');
    throw error;
  }
}

/** Runs a view; an API error lands in the banner, a 401 asks for a key again. */
async function guarded(run) {
  try {
    await run();
  } catch (error) {
    if (error instanceof ApiError) {
      showError(error.message);
      if (error.status === 401) {
        sessionStorage.removeItem(KEY_STORAGE);
        showLogin();
      }
    } else {
      showError(`UI_ERROR: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Sign-in

function showLogin() {
  $('login').hidden = false;
  $('sign-out').hidden = true;
  $('view').replaceChildren();
  $('api-key').focus();
}

function setupLogin() {
  $('login').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ ($('api-key'));
    const key = input.value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY_STORAGE, key);
    input.value = '';
    clearError();
    void render();
  });
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORAGE);
    clearError();
    status.set('idle', 'signed out');
    showLogin();
  });
  $('error-close').addEventListener('click', clearError);
}

// ---------------------------------------------------------------------------------------------
// Promote / roll back dialog (a real <dialog> with a required reason)

let pendingMove = null;

function openMoveDialog(move) {
  pendingMove = move;
  const dialog = /** @type {HTMLDialogElement} */ ($('move-dialog'));
  $('move-title').textContent = move.kind === 'promote' ? `Promote ${move.model} v${move.version}` : `Roll back ${move.model}`;
  $('move-summary').textContent =
    move.kind === 'promote'
      ? 'Points the alias at this version. Promotions to production run the promotion gate.'
      : 'Moves the alias back to where it pointed before its latest move.';
  const select = /** @type {HTMLSelectElement} */ ($('move-alias'));
  select.replaceChildren(...move.aliases.map((alias) => h('option', { value: alias, selected: alias === move.defaultAlias }, alias)));
  select.value = move.defaultAlias;
  /** @type {HTMLTextAreaElement} */ ($('move-reason')).value = '';
  dialog.showModal();
  $('move-reason').focus();
}

function setupMoveDialog() {
  const dialog = /** @type {HTMLDialogElement} */ ($('move-dialog'));
  $('move-cancel').addEventListener('click', () => {
    pendingMove = null;
    dialog.close();
  });
  $('move-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const move = pendingMove;
    const reason = /** @type {HTMLTextAreaElement} */ ($('move-reason')).value.trim();
    const alias = /** @type {HTMLSelectElement} */ ($('move-alias')).value;
    if (!move || !reason || !alias) return;
    pendingMove = null;
    dialog.close();
    void guarded(async () => {
      clearError();
      const path = `/v1/models/${enc(move.model)}/aliases/${enc(alias)}`;
      const change =
        move.kind === 'promote'
          ? await api('PUT', path, { version: move.version, reason })
          : await api('POST', `${path}/rollback`, { reason });
      if (!change.changed && change.decision && change.decision.status !== 'approved') {
        const why = (change.decision.reasons ?? []).map((r) => r.message ?? r.code ?? JSON.stringify(r)).join('; ');
        showError(`PROMOTION_${String(change.decision.status).toUpperCase()}: ${alias} still on ${v(change.fromVersion)}${why ? ` — ${why}` : ''}`);
      }
      await render({ keepError: true });
      status.set('saved', change.changed ? `saved: ${alias} ${v(change.fromVersion)} → ${v(change.toVersion)}` : `saved: ${alias} unchanged`);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Views

function metricOf(metrics, name) {
  const value = metrics?.[name];
  return typeof value === 'number' ? value : null;
}

async function modelsView() {
  const { models } = await api('GET', '/v1/models');
  const rows = models.map((m) =>
    h(
      'tr',
      { dataset: { model: m.name } },
      h('td', {}, h('a', { href: `#/models/${enc(m.name)}` }, m.name)),
      h('td', {}, m.task),
      h('td', {}, m.policy),
      h('td', {}, Object.entries(m.aliases).map(([alias, version]) => h('span', { className: `badge alias alias-${alias}` }, `${alias} → v${version}`))),
      h('td', { className: 'num' }, String(m.labels.length)),
      h('td', {}, fmtTime(m.updatedAt)),
    ),
  );
  return [
    h('h1', {}, 'Models'),
    models.length
      ? table(['Model', 'Task', 'Policy', 'Aliases', h('th', { className: 'num' }, 'Labels'), 'Updated'], rows, { id: 'models' })
      : h('p', { className: 'notice' }, 'No models yet. Register one with the API or `ciclo models`.'),
  ];
}

async function modelView(name) {
  const [model, { versions }, { events }] = await Promise.all([
    api('GET', `/v1/models/${enc(name)}`),
    api('GET', `/v1/models/${enc(name)}/versions`),
    api('GET', `/v1/models/${enc(name)}/history?limit=50`),
  ]);
  const aliasNames = [...new Set(['production', 'staging', ...Object.keys(model.aliases)])];
  const newestFirst = [...versions].reverse();

  const promote = (version) => () =>
    openMoveDialog({ kind: 'promote', model: name, version, aliases: aliasNames, defaultAlias: 'production' });

  const versionRows = newestFirst.map((ver) =>
    h(
      'tr',
      { dataset: { version: String(ver.version) } },
      h('td', {}, h('a', { href: `#/models/${enc(name)}/versions/${ver.version}` }, `v${ver.version}`)),
      h('td', {}, fmtTime(ver.createdAt)),
      h('td', {}, ver.createdBy),
      h('td', { className: 'num' }, fmt(metricOf(ver.metrics, 'macroF1'))),
      h('td', { className: 'num' }, fmt(metricOf(ver.metrics, 'accuracy'))),
      h('td', { className: 'aliases' }, aliasBadges(ver.aliases)),
      h(
        'td',
        {},
        h(
          'div',
          { className: 'row-actions' },
          h('a', { href: `#/models/${enc(name)}/versions/${ver.version}` }, 'details'),
          h('button', { type: 'button', className: 'small promote', onclick: promote(ver.version) }, 'Promote…'),
        ),
      ),
    ),
  );

  // Compare: candidate (newest) against what production serves (or the one before).
  const production = model.aliases.production;
  const candidate = newestFirst[0]?.version;
  const baseline = production && production !== candidate ? production : newestFirst[1]?.version;
  const options = (selected) => versions.map((ver) => h('option', { value: String(ver.version), selected: ver.version === selected }, `v${ver.version}${ver.aliases.length ? ` (${ver.aliases.join(', ')})` : ''}`));
  const selA = h('select', { id: 'compare-a', 'aria-label': 'Baseline version' }, options(baseline));
  const selB = h('select', { id: 'compare-b', 'aria-label': 'Candidate version' }, options(candidate));
  const compareBar =
    versions.length >= 2
      ? h(
          'div',
          { className: 'toolbar' },
          h('strong', {}, 'Compare'),
          selA,
          h('span', {}, 'with'),
          selB,
          h('button', { type: 'button', id: 'compare', onclick: () => (location.hash = `#/models/${enc(name)}/compare/${selA.value}/${selB.value}`) }, 'Compare'),
        )
      : null;

  const aliasEntries = Object.entries(model.aliases);
  const rollbackBar = aliasEntries.length
    ? h(
        'div',
        { className: 'toolbar' },
        h('strong', {}, 'Aliases'),
        aliasEntries.map(([alias, version]) => h('span', { className: `badge alias alias-${alias}` }, `${alias} → v${version}`)),
        h(
          'button',
          {
            type: 'button',
            className: 'secondary rollback',
            onclick: () => openMoveDialog({ kind: 'rollback', model: name, aliases: aliasEntries.map(([a]) => a), defaultAlias: aliasEntries.some(([a]) => a === 'production') ? 'production' : aliasEntries[0][0] }),
          },
          'Roll back…',
        ),
      )
    : h('p', { className: 'muted' }, 'No alias points at a version yet.');

  const historyRows = events.map((e) =>
    h(
      'tr',
      { dataset: { alias: e.alias, from: String(e.fromVersion ?? ''), to: String(e.toVersion ?? '') } },
      h('td', {}, fmtTime(e.at)),
      h('td', {}, h('span', { className: `badge alias alias-${e.alias}` }, e.alias)),
      h('td', { className: 'move' }, `${v(e.fromVersion)} → ${v(e.toVersion)}`),
      h('td', {}, e.actor),
      h('td', { className: 'reason' }, e.reason ?? ''),
    ),
  );

  const gate = Object.entries(model.gate ?? {}).map(([k, val]) => `${k} ${val}`).join(', ') || 'none';
  return [
    h('p', {}, h('a', { href: '#/' }, '← Models')),
    h('h1', {}, model.name, ' ', h('span', { className: 'muted' }, `(${model.task})`)),
    model.description ? h('p', {}, model.description) : null,
    h('p', { className: 'muted' }, `Policy ${model.policy} · gate ${gate} · labels ${model.labels.join(', ')}`),
    rollbackBar,
    compareBar,
    h('h2', {}, 'Versions'),
    versions.length
      ? table(
          ['Version', 'Created', 'By', h('th', { className: 'num' }, 'Macro-F1'), h('th', { className: 'num' }, 'Accuracy'), 'Aliases', ''],
          versionRows,
          { id: 'versions' },
        )
      : h('p', { className: 'notice' }, 'No versions registered yet.'),
    h('h2', {}, 'Alias history'),
    events.length ? table(['Time', 'Alias', 'From → to', 'Actor', 'Reason'], historyRows, { id: 'history' }) : h('p', { className: 'muted' }, 'No alias has moved yet.'),
  ];
}

/** Confusion matrix as a heat map: rows gold, columns predicted, intensity = share of the row. */
function heatmap(cm, caption) {
  if (!cm || !Array.isArray(cm.matrix)) return h('p', { className: 'muted' }, 'No confusion matrix stored with this version.');
  const head = h('tr', {}, h('th', {}, 'gold ↓ / predicted →'), cm.labels.map((label) => h('th', { className: 'col', scope: 'col' }, label)));
  const rows = cm.matrix.map((row, i) => {
    const total = row.reduce((sum, n) => sum + n, 0);
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, cm.labels[i] ?? `#${i}`),
      row.map((count, j) => {
        const share = total > 0 ? count / total : 0;
        const cell = h('td', { className: `cm-cell${share > 0.55 ? ' dark' : ''}`, title: `gold ${cm.labels[i]} → predicted ${cm.labels[j]}: ${count} (${(share * 100).toFixed(0)}% of the row)`, dataset: { count: String(count), share: share.toFixed(3), diagonal: String(i === j) } }, String(count));
        // Blue on the diagonal (right), red off it (wrong); CSSOM style, allowed by the CSP.
        const hue = i === j ? 215 : 4;
        cell.style.backgroundColor = count === 0 ? '#f3f4f6' : `hsl(${hue} 70% ${Math.round(96 - share * 58)}%)`;
        return cell;
      }),
    );
  });
  return h('div', {}, h('table', { className: 'heatmap' }, h('thead', {}, head), h('tbody', {}, rows)), h('p', { className: 'heatmap-caption' }, caption ?? 'Rows: gold class; columns: predicted. Colour: share of the row (blue correct, red confused).'));
}

function confusionOf(ver) {
  const matrix = ver.metrics?.confusionMatrix;
  const labels = Array.isArray(ver.metrics?.labels) ? ver.metrics.labels : ver.labels;
  return Array.isArray(matrix) ? { labels, matrix } : null;
}

async function versionView(name, version) {
  const [ver, model] = await Promise.all([api('GET', `/v1/models/${enc(name)}/versions/${version}`), api('GET', `/v1/models/${enc(name)}`)]);
  const m = ver.metrics ?? {};
  const perClass = Array.isArray(m.perClass) ? m.perClass : [];
  const headline = ['macroF1', 'accuracy', 'weightedF1', 'macroPrecision', 'macroRecall', 'expectedCalibrationError']
    .filter((k) => typeof m[k] === 'number')
    .map((k) => h('div', {}, h('span', { className: 'muted' }, k), h('strong', {}, fmt(m[k]))));
  const aliasNames = [...new Set(['production', 'staging', ...Object.keys(model.aliases)])];
  const params = Object.entries(ver.params ?? {});
  return [
    h('p', {}, h('a', { href: `#/models/${enc(name)}` }, `← ${name}`)),
    h('h1', {}, `${name} v${ver.version} `, aliasBadges(ver.aliases)),
    ver.description ? h('p', {}, ver.description) : null,
    h('div', { className: 'toolbar' }, h('button', { type: 'button', className: 'promote', onclick: () => openMoveDialog({ kind: 'promote', model: name, version: ver.version, aliases: aliasNames, defaultAlias: 'production' }) }, 'Promote…')),
    headline.length ? h('div', { className: 'headline' }, headline) : null,
    h(
      'div',
      { className: 'grid2' },
      h(
        'section',
        { className: 'card', id: 'lineage' },
        h('h2', {}, 'Lineage'),
        h(
          'dl',
          { className: 'facts' },
          h('dt', {}, 'Data snapshot'), h('dd', { className: 'mono', dataset: { field: 'datasetSnapshotId' } }, ver.datasetSnapshotId ?? '—'),
          h('dt', {}, 'Training run'), h('dd', { className: 'mono', dataset: { field: 'trainingRunId' } }, ver.trainingRunId ?? '—'),
          h('dt', {}, 'Tags'), h('dd', {}, ver.tags.length ? ver.tags.map((t) => h('span', { className: 'badge tag' }, t)) : '—'),
          h('dt', {}, 'Holdout'), h('dd', {}, typeof m.holdout === 'string' ? m.holdout : '—'),
          params.flatMap(([k, val]) => [h('dt', {}, `param ${k}`), h('dd', { className: 'mono' }, typeof val === 'string' ? val : JSON.stringify(val))]),
        ),
      ),
      h(
        'section',
        { className: 'card' },
        h('h2', {}, 'Artifact'),
        h(
          'dl',
          { className: 'facts' },
          h('dt', {}, 'sha256'), h('dd', { className: 'mono' }, ver.sha256),
          h('dt', {}, 'Size'), h('dd', {}, fmtBytes(ver.sizeBytes)),
          h('dt', {}, 'Format'), h('dd', {}, ver.format),
          h('dt', {}, 'Labels'), h('dd', {}, ver.labels.join(', ')),
          h('dt', {}, 'Threshold'), h('dd', {}, fmt(ver.confidenceThreshold, 2)),
          h('dt', {}, 'Created'), h('dd', {}, `${fmtTime(ver.createdAt)} by ${ver.createdBy}`),
        ),
      ),
    ),
    h('h2', {}, 'Per-class metrics'),
    perClass.length
      ? table(
          ['Class', h('th', { className: 'num' }, 'Precision'), h('th', { className: 'num' }, 'Recall'), h('th', { className: 'num' }, 'F1'), h('th', { className: 'num' }, 'Support')],
          perClass.map((c) =>
            h('tr', { dataset: { label: String(c.label) } }, h('td', {}, String(c.label)), h('td', { className: 'num' }, fmt(c.precision)), h('td', { className: 'num' }, fmt(c.recall)), h('td', { className: 'num' }, fmt(c.f1)), h('td', { className: 'num' }, typeof c.support === 'number' ? String(c.support) : '—')),
          ),
          { id: 'per-class' },
        )
      : h('p', { className: 'muted' }, 'No per-class metrics stored with this version.'),
    h('h2', {}, 'Confusion matrix'),
    h('div', { id: 'confusion' }, heatmap(confusionOf(ver))),
  ];
}

async function compareView(name, a, b) {
  const view = await api('GET', `/v1/models/${enc(name)}/compare?a=${enc(a)}&b=${enc(b)}`);
  const label = (ver) => `v${ver.version}${ver.aliases.length ? ` (${ver.aliases.join(', ')})` : ''}`;
  return [
    h('p', {}, h('a', { href: `#/models/${enc(name)}` }, `← ${name}`)),
    h('h1', {}, `Compare ${label(view.a)} with ${label(view.b)}`),
    view.sameHoldout === false ? h('p', { className: 'notice' }, 'These versions were measured on different holdouts: the numbers are not directly comparable.') : null,
    h('h2', {}, 'Metrics'),
    table(
      ['Metric', h('th', { className: 'num' }, label(view.a)), h('th', { className: 'num' }, label(view.b)), h('th', { className: 'num' }, 'Δ (b − a)')],
      view.metrics.map((row) => h('tr', {}, h('td', {}, row.name), h('td', { className: 'num' }, fmt(row.a)), h('td', { className: 'num' }, fmt(row.b)), deltaCell(row.delta, row.name))),
      { id: 'compare-metrics' },
    ),
    h('h2', {}, 'Per-class F1'),
    view.perClassF1.length
      ? table(
          ['Class', h('th', { className: 'num' }, label(view.a)), h('th', { className: 'num' }, label(view.b)), h('th', { className: 'num' }, 'Δ F1')],
          view.perClassF1.map((row) => h('tr', { dataset: { label: row.label } }, h('td', {}, row.label), h('td', { className: 'num' }, fmt(row.a)), h('td', { className: 'num' }, fmt(row.b)), deltaCell(row.delta))),
          { id: 'compare-classes' },
        )
      : h('p', { className: 'muted' }, 'Neither version stored per-class metrics.'),
    h('h2', {}, 'Confusion matrices'),
    h(
      'div',
      { className: 'grid2' },
      h('section', { className: 'card' }, h('h2', {}, label(view.a)), heatmap(view.confusionMatrices.a)),
      h('section', { className: 'card' }, h('h2', {}, label(view.b)), heatmap(view.confusionMatrices.b)),
    ),
    h(
      'div',
      { className: 'toolbar' },
      h('button', { type: 'button', className: 'promote', onclick: () => openMoveDialog({ kind: 'promote', model: name, version: view.b.version, aliases: ['production', 'staging'], defaultAlias: 'production' }) }, `Promote v${view.b.version}…`),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Router: #/ · #/models/:name · #/models/:name/versions/:v · #/models/:name/compare/:a/:b

async function render(options = {}) {
  if (!sessionStorage.getItem(KEY_STORAGE)) {
    showLogin();
    return;
  }
  $('login').hidden = true;
  $('sign-out').hidden = false;
  if (!options.keepError) clearError();
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  await guarded(async () => {
    let nodes;
    if (parts[0] === 'models' && parts[1] && parts[2] === 'versions' && parts[3]) nodes = await versionView(parts[1], Number(parts[3]));
    else if (parts[0] === 'models' && parts[1] && parts[2] === 'compare' && parts[3] && parts[4]) nodes = await compareView(parts[1], parts[3], parts[4]);
    else if (parts[0] === 'models' && parts[1]) nodes = await modelView(parts[1]);
    else nodes = await modelsView();
    $('view').replaceChildren(...nodes.flat().filter(Boolean));
    document.title = `${parts[1] ? `${parts[1]} · ` : ''}Ciclo model registry`;
  });
}

setupLogin();
setupMoveDialog();
window.addEventListener('hashchange', () => void render());
void render();
