// Talking to the same-origin JSON API, and the page's busy state:
// <body data-state="ready"> whenever no request (nor the rendering after it) is in flight.

let inflight = 0;

function setState() {
  document.body.dataset.state = inflight > 0 ? 'loading' : 'ready';
}

/** Mark the page busy now; call the returned function (once) when done. */
export function busy() {
  inflight += 1;
  setState();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    inflight -= 1;
    setState();
  };
}

export class ApiError extends Error {
  constructor(message, code, status) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

/**
 * GET (or POST with a JSON body) and return the decoded JSON.
 * Errors throw ApiError carrying the server's {"error": {"code", "message"}} when it sent one.
 */
export async function api(path, { method = 'GET', json, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers },
    credentials: 'same-origin', cache: 'no-store' };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (err) {
    throw new ApiError(`Could not reach the server (${err && err.message ? err.message : err}).`,
      'network', 0);
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = data && typeof data === 'object' ? data.error : null;
    const message = e && e.message ? String(e.message)
      : `The server answered ${res.status}${res.statusText ? ' ' + res.statusText : ''}.`;
    throw new ApiError(message, e && e.code ? String(e.code) : String(res.status), res.status);
  }
  if (data === null || typeof data !== 'object') {
    throw new ApiError(`The server's answer to ${path.split('?')[0]} is not JSON.`, 'bad-json',
      res.status);
  }
  return data;
}
