// One version's page: headline metrics, lineage, artifact, per-class metrics, confusion matrix.

import { openMoveDialog } from './alias-dialog.js';
import { api } from './api.js';
import { aliasBadges, h, table } from './dom.js';
import { enc, fmt, fmtBytes, fmtTime } from './format.js';
import { heatmap } from './heatmap.js';

function confusionOf(ver) {
  const matrix = ver.metrics?.confusionMatrix;
  const labels = Array.isArray(ver.metrics?.labels) ? ver.metrics.labels : ver.labels;
  return Array.isArray(matrix) ? { labels, matrix } : null;
}

export async function versionView(name, version) {
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
