// Sign-in: the API key form, "Forget key", and the guard that turns a failed call into the error
// banner (and a 401 into the key form again).

import { ApiError, KEY_STORAGE, clearError, showError, status } from './api.js';
import { $ } from './dom.js';

export function showLogin() {
  $('login').hidden = false;
  $('sign-out').hidden = true;
  $('view').replaceChildren();
  $('api-key').focus();
}

/** Runs a view; an API error lands in the banner, a 401 asks for a key again. */
export async function guarded(run) {
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

/** Wires the key form, "Forget key" and the banner's close button; `render` redraws the page. */
export function setupLogin(render) {
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
