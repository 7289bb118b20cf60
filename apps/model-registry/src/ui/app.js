// Ciclo model registry web page: native ES modules, no framework. Every piece of data reaches the
// DOM through textContent (never innerHTML), and the page only talks to this registry's /v1 API
// with the API key the user typed (kept in sessionStorage, so it dies with the tab).
//
// This module routes and boots; the rest is one concern a file: dom.js (element builders),
// format.js (numbers, dates), api.js (status line, error banner, fetch with the key), session.js
// (sign-in, error guard), alias-dialog.js (promote / roll back), model-view.js, version-view.js,
// compare-view.js, heatmap.js. Each file must be listed in ASSETS in routes/ui.ts to be served.

import { KEY_STORAGE, clearError } from './api.js';
import { setupMoveDialog } from './alias-dialog.js';
import { compareView } from './compare-view.js';
import { $ } from './dom.js';
import { modelView, modelsView } from './model-view.js';
import { guarded, setupLogin, showLogin } from './session.js';
import { versionView } from './version-view.js';

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

setupLogin(render);
setupMoveDialog(render);
window.addEventListener('hashchange', () => void render());
void render();
