// The schemad HTTP/JSON API as the console calls it: every request carries
// the bearer token kept in localStorage; every failure is an ApiError with the
// API's error code and message (schema/service/error_response.h).

const TOKEN_KEY = 'tessera.schemad.token';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const token = {
  get: () => localStorage.getItem(TOKEN_KEY) || '',
  set: (value) => localStorage.setItem(TOKEN_KEY, value),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

// Resolves to the response's JSON; rejects with an ApiError (network
// failures too, as code "network").
export async function api(method, path, body) {
  const headers = { Authorization: `Bearer ${token.get()}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', `cannot reach schemad: ${e.message}`);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    throw new ApiError(response.status, 'bad_response',
      `${method} ${path}: HTTP ${response.status} with a body that is not JSON`);
  }
  if (!response.ok) {
    const error = (data && data.error) || {};
    throw new ApiError(response.status, error.code || `http_${response.status}`,
      error.message || `${method} ${path} failed with HTTP ${response.status}`);
  }
  return data;
}
