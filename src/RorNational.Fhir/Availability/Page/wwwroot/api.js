// Calls to /api/availability with the user's bearer token, kept in this tab only (sessionStorage).
const TOKEN_KEY = 'rornational.availability.token';
const ANONYMOUS = '-';

/** A 401, with the token it refused: one refused after the user gave another is no reason to ask again. */
export class Unauthorized extends Error {
  constructor(message, refused) { super(message); this.refused = refused; }
}

export const token = {
  /** The token, '' for anonymous access, or null when the user has not chosen yet. */
  get() {
    const stored = sessionStorage.getItem(TOKEN_KEY);
    return stored === null ? null : stored === ANONYMOUS ? '' : stored;
  },
  set(value) { sessionStorage.setItem(TOKEN_KEY, value ? value : ANONYMOUS); },
  clear() { sessionStorage.removeItem(TOKEN_KEY); },
};

export function headers() {
  const value = token.get();
  return value ? { Authorization: `Bearer ${value}` } : {};
}

/** The query string of the filters: departement, regroupement, freshness (hours). */
export function query(filters) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** What the server said, from its OperationOutcome when it sent one. */
async function problem(response) {
  try {
    const outcome = await response.json();
    const issue = outcome.issue && outcome.issue[0];
    if (issue) return issue.diagnostics || (issue.details && issue.details.text) || `HTTP ${response.status}`;
  } catch { /* not JSON */ }
  return `HTTP ${response.status}`;
}

export async function getJson(path, signal) {
  const used = token.get();
  const response = await fetch(path, { headers: { Accept: 'application/json', ...headers() }, cache: 'no-store', signal });
  if (response.status === 401) throw new Unauthorized(await problem(response), used);
  if (!response.ok) throw new Error(await problem(response));
  return response.json();
}

export const grid = (filters, signal) => getJson(`/api/availability${query(filters)}`, signal);
export const units = (filters, signal) => getJson(`/api/availability/units${query(filters)}`, signal);
