// Every request the console makes to the dispatcher goes through here, so a failure always
// becomes one ApiError with a message a dispatcher can read: the server's own "error" text for an
// HTTP error, or "network" when the dispatcher could not be reached at all.

export class ApiError extends Error {
  constructor(message, { status = 0, body = null, network = false } = {}) {
    super(message);
    this.status = status;   // 0 for a network failure
    this.body = body;       // the parsed error body (may carry "candidates")
    this.network = network;
  }
}

export async function api(path, { method = 'GET', body, headers = {}, signal } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, signal, cache: 'no-store' };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(`${method} ${path}`, { network: true });
  }
  const text = await response.text().catch(() => '');
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const message = json && typeof json.error === 'string' ? json.error : `${response.status} ${response.statusText}`;
    throw new ApiError(message, { status: response.status, body: json });
  }
  if (json === null && text) throw new ApiError(`${method} ${path}: the answer is not JSON`, { status: response.status });
  return json;
}

// A key that makes a repeated POST /api/incidents (a double Enter, a retry after a timeout)
// create one incident. crypto.randomUUID needs a secure context; a console opened over plain
// http on the center's LAN is not one, getRandomValues works everywhere.
export function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'console-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// An error in the dispatcher's words: the server's own text with its status, or that the
// network failed (the dispatcher is down or restarting).
export function describeFailure(error, language) {
  if (error.network) return language.t('error.network');
  if (error.status) return language.t('error.http', { status: error.status, text: error.message });
  return error.message;
}
