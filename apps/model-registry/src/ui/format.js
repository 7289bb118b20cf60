// Number, date and path formatting for the views.

export const fmt = (n, digits = 3) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '—');
export const fmtTime = (iso) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : '—');
export const fmtBytes = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`);
export const v = (n) => (n === null || n === undefined ? '∅' : `v${n}`);
export const enc = encodeURIComponent;
