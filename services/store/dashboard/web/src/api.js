// The store's read API (`/v1`): URLs relative to the page, errors as RFC 9457 problem details.

/** A failed request; `detail` is the problem body's `detail` (what the user is shown). */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

/** The ApiError of a non-2xx response: its problem+json `detail` (or `title`, or the status line). */
export async function problemFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const detail = typeof body?.detail === 'string' ? body.detail : '';
  const title = typeof body?.title === 'string' ? body.title : response.statusText;
  return new ApiError(response.status, title, detail || `${response.status} ${title || 'error'}`.trim());
}

/** `v1/<path>?<params>`, relative to the page so the dashboard works at `/` and behind a prefix. */
export function apiUrl(path, params) {
  const query = params ? params.toString() : '';
  return `v1/${path}${query ? `?${query}` : ''}`;
}

/** GET a JSON resource; throws ApiError (status 0 when the store cannot be reached). */
export async function getJSON(path, params, fetchImpl = globalThis.fetch) {
  let response;
  try {
    response = await fetchImpl(apiUrl(path, params), { headers: { Accept: 'application/json' } });
  } catch (err) {
    throw new ApiError(0, 'Network error', `The store could not be reached (${err?.message ?? err}).`);
  }
  if (!response.ok) throw await problemFrom(response);
  return response.json();
}
