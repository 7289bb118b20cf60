// Status line, error banner, and the one fetch wrapper for the registry's /v1 API (it sends the API
// key the user typed, kept in sessionStorage so it dies with the tab).

import { $ } from './dom.js';

export const KEY_STORAGE = 'ciclo.registry.apiKey';

export const status = {
  pending: 0,
  set(state, text) {
    const el = $('status');
    el.dataset.state = state;
    el.textContent = text;
  },
};

export function showError(text) {
  $('error-text').textContent = text;
  $('error').hidden = false;
}
export function clearError() {
  $('error').hidden = true;
  $('error-text').textContent = '';
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(`${code}: ${message}`);
    this.status = status;
    this.code = code;
  }
}

/** One call to the registry API. Shows loading…/loaded/saved/failed; errors go to the banner. */
export async function api(method, path, body) {
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
