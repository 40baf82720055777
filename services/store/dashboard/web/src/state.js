// The dashboard's filters and their place in the URL (pure: no DOM, no fetch).
//
// The query string of the page uses the API's own parameter names, so a shared view
// `/?country=IRN&type=agreement` is exactly the filter sent to `/v1/...`.

/** Repeatable filters (lists) and single-valued ones, in the order they appear in URLs. */
export const LIST_KEYS = ['country', 'igo', 'type', 'sector'];
export const SINGLE_KEYS = ['date_from', 'date_to', 'q'];

const ISO3 = /^[A-Z]{3}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An empty filter set. */
export function emptyFilters() {
  return { country: [], igo: [], type: [], sector: [], date_from: '', date_to: '', q: '' };
}

function clean(key, value) {
  const v = String(value).trim();
  if (key === 'country') return ISO3.test(v.toUpperCase()) ? v.toUpperCase() : '';
  if (key === 'date_from' || key === 'date_to') return ISO_DATE.test(v) ? v : '';
  return v.slice(0, 200);
}

/** Filters from a query string (`location.search`); unknown keys and malformed values are dropped. */
export function parseFilters(search) {
  const params = new URLSearchParams(search);
  const filters = emptyFilters();
  for (const key of LIST_KEYS) {
    const seen = new Set();
    for (const raw of params.getAll(key)) {
      const v = clean(key, raw);
      if (v && !seen.has(v)) seen.add(v);
    }
    filters[key] = [...seen];
  }
  for (const key of SINGLE_KEYS) filters[key] = clean(key, params.get(key) ?? '');
  return filters;
}

/** Query parameters for `filters` (empty values omitted), in a stable order. */
export function toParams(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const key of LIST_KEYS) for (const v of filters[key] ?? []) params.append(key, v);
  for (const key of SINGLE_KEYS) if (filters[key]) params.set(key, filters[key]);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null && v !== '') params.set(k, v);
  return params;
}

/** The query string for the page URL (`?...`, or '' when nothing is filtered). */
export function toSearch(filters) {
  const s = toParams(filters).toString();
  return s ? `?${s}` : '';
}

/** Whether two filter sets select the same events. */
export function sameFilters(a, b) {
  return toParams(a).toString() === toParams(b).toString();
}

/** `filters` with `value` added to (or removed from, when present) the list `key`. */
export function toggle(filters, key, value) {
  const list = filters[key] ?? [];
  const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  return { ...filters, [key]: next };
}

/** `filters` with one single-valued filter set (or cleared with ''). */
export function setValue(filters, key, value) {
  return { ...filters, [key]: clean(key, value) };
}

/** The selected parties (countries and IGOs) as graph node ids. */
export function selectedParties(filters) {
  return [...filters.country, ...filters.igo];
}

/**
 * Filters after a click on graph parties: `ids` (with their kinds) become the selection;
 * `additive` adds them to it (toggling a single one); clicking the current lone selection clears it.
 */
export function selectParties(filters, parties, { additive = false } = {}) {
  const current = selectedParties(filters);
  if (additive && parties.length === 1) {
    const [p] = parties;
    return toggle(filters, p.kind === 'igo' ? 'igo' : 'country', p.id);
  }
  const ids = parties.map((p) => p.id);
  const same = ids.length === current.length && ids.every((id) => current.includes(id));
  if (same) return { ...filters, country: [], igo: [] };
  return {
    ...filters,
    country: parties.filter((p) => p.kind !== 'igo').map((p) => p.id),
    igo: parties.filter((p) => p.kind === 'igo').map((p) => p.id),
  };
}

/** Filters without the party selection (what the network is drawn from: the whole neighbourhood). */
export function withoutParties(filters) {
  return { ...filters, country: [], igo: [] };
}

/** Whether any filter is set. */
export function isFiltered(filters) {
  return toParams(filters).toString() !== '';
}
