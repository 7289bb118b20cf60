// Promote / roll back dialog (a real <dialog> with a required reason).

import { api, clearError, showError, status } from './api.js';
import { $, h } from './dom.js';
import { enc, v } from './format.js';
import { guarded } from './session.js';

let pendingMove = null;

export function openMoveDialog(move) {
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

/** Wires Cancel and Confirm; after a move, `render` redraws the page (keeping any gate message). */
export function setupMoveDialog(render) {
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
