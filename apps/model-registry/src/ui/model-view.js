// The model list, and one model's page: aliases (roll back), compare picker, versions (promote),
// alias history.

import { openMoveDialog } from './alias-dialog.js';
import { api } from './api.js';
import { aliasBadges, h, table } from './dom.js';
import { enc, fmt, fmtTime, v } from './format.js';

function metricOf(metrics, name) {
  const value = metrics?.[name];
  return typeof value === 'number' ? value : null;
}

export async function modelsView() {
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

/** One row per version, newest first, each with a details link and a Promote… button. */
function versionRows(name, newestFirst, aliasNames) {
  const promote = (version) => () =>
    openMoveDialog({ kind: 'promote', model: name, version, aliases: aliasNames, defaultAlias: 'production' });

  return newestFirst.map((ver) =>
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
}

/** Compare: candidate (newest) against what production serves (or the one before). */
function compareBar(name, model, versions, newestFirst) {
  const production = model.aliases.production;
  const candidate = newestFirst[0]?.version;
  const baseline = production && production !== candidate ? production : newestFirst[1]?.version;
  const options = (selected) => versions.map((ver) => h('option', { value: String(ver.version), selected: ver.version === selected }, `v${ver.version}${ver.aliases.length ? ` (${ver.aliases.join(', ')})` : ''}`));
  const selA = h('select', { id: 'compare-a', 'aria-label': 'Baseline version' }, options(baseline));
  const selB = h('select', { id: 'compare-b', 'aria-label': 'Candidate version' }, options(candidate));
  return versions.length >= 2
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
}

/** The aliases and where they point, with Roll back… (production by default when it exists). */
function rollbackBar(name, model) {
  const aliasEntries = Object.entries(model.aliases);
  return aliasEntries.length
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
}

function historyRows(events) {
  return events.map((e) =>
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
}

export async function modelView(name) {
  const [model, { versions }, { events }] = await Promise.all([
    api('GET', `/v1/models/${enc(name)}`),
    api('GET', `/v1/models/${enc(name)}/versions`),
    api('GET', `/v1/models/${enc(name)}/history?limit=50`),
  ]);
  const aliasNames = [...new Set(['production', 'staging', ...Object.keys(model.aliases)])];
  const newestFirst = [...versions].reverse();
  const gate = Object.entries(model.gate ?? {}).map(([k, val]) => `${k} ${val}`).join(', ') || 'none';
  return [
    h('p', {}, h('a', { href: '#/' }, '← Models')),
    h('h1', {}, model.name, ' ', h('span', { className: 'muted' }, `(${model.task})`)),
    model.description ? h('p', {}, model.description) : null,
    h('p', { className: 'muted' }, `Policy ${model.policy} · gate ${gate} · labels ${model.labels.join(', ')}`),
    rollbackBar(name, model),
    compareBar(name, model, versions, newestFirst),
    h('h2', {}, 'Versions'),
    versions.length
      ? table(
          ['Version', 'Created', 'By', h('th', { className: 'num' }, 'Macro-F1'), h('th', { className: 'num' }, 'Accuracy'), 'Aliases', ''],
          versionRows(name, newestFirst, aliasNames),
          { id: 'versions' },
        )
      : h('p', { className: 'notice' }, 'No versions registered yet.'),
    h('h2', {}, 'Alias history'),
    events.length ? table(['Time', 'Alias', 'From → to', 'Actor', 'Reason'], historyRows(events), { id: 'history' }) : h('p', { className: 'muted' }, 'No alias has moved yet.'),
  ];
}
