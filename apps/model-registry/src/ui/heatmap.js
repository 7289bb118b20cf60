// Confusion-matrix heat map, shared by the version page and the comparison page.

import { h } from './dom.js';

/** Confusion matrix as a heat map: rows gold, columns predicted, intensity = share of the row. */
export function heatmap(cm, caption) {
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
