// Two versions side by side: metric deltas, per-class F1 deltas, both confusion matrices.

import { openMoveDialog } from './alias-dialog.js';
import { api } from './api.js';
import { h, table } from './dom.js';
import { enc, fmt } from './format.js';
import { heatmap } from './heatmap.js';

const LOWER_IS_BETTER = new Set(['logLoss', 'expectedCalibrationError', 'maxCalibrationError']);

function deltaCell(delta, metricName = '') {
  if (typeof delta !== 'number') return h('td', { className: 'num delta-flat' }, '—');
  const better = LOWER_IS_BETTER.has(metricName) ? delta < 0 : delta > 0;
  const cls = Math.abs(delta) < 1e-9 ? 'delta-flat' : better ? 'delta-up' : 'delta-down';
  return h('td', { className: `num ${cls}` }, `${delta > 0 ? '+' : ''}${delta.toFixed(3)}`);
}

export async function compareView(name, a, b) {
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
