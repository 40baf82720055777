// The filter bar: parties, types, sector, date range, text search, and the active filters as chips.
import { fill, h } from '../dom.js';
import { humanize, sectorLabel } from '../format.js';
import { typeColor } from '../palette.js';
import { setValue, toggle } from '../state.js';

/** Resolve what was typed in the party box to {id, kind}, or null: a code, a name, or "Name (CODE)". */
export function resolveParty(text, names) {
  const t = String(text).trim();
  if (!t) return null;
  const code = /\(([^()]+)\)\s*$/.exec(t)?.[1] ?? t;
  const upper = code.toUpperCase();
  if (names.countries.has(upper)) return { id: upper, kind: 'country' };
  for (const id of names.igos.keys()) if (id.toUpperCase() === upper) return { id, kind: 'igo' };
  const lower = t.toLowerCase();
  for (const [iso3, name] of names.countries) if (name.toLowerCase() === lower) return { id: iso3, kind: 'country' };
  for (const [id, name] of names.igos) if (String(name).toLowerCase() === lower) return { id, kind: 'igo' };
  return null;
}

function chip(label, onRemove) {
  return h('li', { class: 'chip removable' }, label, h('button', { type: 'button', 'aria-label': `Remove filter ${label}`, onclick: onRemove }, '×'));
}

function activeChips(filters, names, change) {
  const chips = [
    ...filters.country.map((c) => chip(names.countryName(c), () => change(toggle(filters, 'country', c)))),
    ...filters.igo.map((i) => chip(i, () => change(toggle(filters, 'igo', i)))),
    ...filters.sector.map((x) => chip(sectorLabel(x), () => change(toggle(filters, 'sector', x)))),
  ];
  if (filters.date_from || filters.date_to) {
    const label = `${filters.date_from || '…'} → ${filters.date_to || '…'}`;
    chips.push(chip(label, () => change({ ...filters, date_from: '', date_to: '' })));
  }
  if (filters.q) chips.push(chip(`“${filters.q}”`, () => change(setValue(filters, 'q', ''))));
  return chips;
}

/** Fill the static options (datalist of parties, type toggles, sector choices) once the vocabularies are known. */
export function buildFilterOptions(form, names) {
  const options = [
    ...[...names.countries].sort((a, b) => a[1].localeCompare(b[1])).map(([iso3, name]) => h('option', { value: `${name} (${iso3})` })),
    ...[...names.igos].map(([id, name]) => h('option', { value: name && name !== id ? `${name} (${id})` : id })),
  ];
  fill(form.querySelector('#party-options'), options);
  const select = form.querySelector('#sector-add');
  fill(select, h('option', { value: '' }, 'Add a sector…'), names.sectors.map((x) => h('option', { value: x }, sectorLabel(x))));
}

function typeToggles(filters, names, change) {
  return names.types.map((t) => {
    const on = filters.type.includes(t);
    return h(
      'button',
      { type: 'button', class: `toggle${on ? ' on' : ''}`, 'aria-pressed': on ? 'true' : 'false', dataset: { type: t }, onclick: () => change(toggle(filters, 'type', t)) },
      h('span', { class: 'dot', style: `background:${typeColor(t)}`, 'aria-hidden': 'true' }),
      humanize(t),
    );
  });
}

/** Show `filters` in the form's controls (types pressed, dates, search, chips). */
export function syncFilterBar(form, filters, names, change) {
  fill(form.querySelector('#type-toggles'), typeToggles(filters, names, change));
  form.querySelector('#date_from').value = filters.date_from;
  form.querySelector('#date_to').value = filters.date_to;
  const q = form.querySelector('#q');
  if (document.activeElement !== q) q.value = filters.q;
  const chips = activeChips(filters, names, change);
  fill(form.querySelector('#active-filters'), chips);
  form.querySelector('#active-row').hidden = chips.length === 0;
}

/** Wire the form's inputs: each calls `change(nextFilters)` with `current()` updated. */
export function bindFilterBar(form, { current, change, names }) {
  const party = form.querySelector('#party');
  const addParty = () => {
    const p = resolveParty(party.value, names());
    const hint = form.querySelector('#party-hint');
    hint.textContent = p || !party.value.trim() ? '' : `No country or organisation called “${party.value.trim()}”.`;
    if (!p) return;
    party.value = '';
    const f = current();
    const key = p.kind === 'igo' ? 'igo' : 'country';
    if (!f[key].includes(p.id)) change(toggle(f, key, p.id));
  };
  party.addEventListener('change', addParty);
  party.addEventListener('keydown', (ev) => ev.key === 'Enter' && (ev.preventDefault(), addParty()));
  form.querySelector('#sector-add').addEventListener('change', (ev) => {
    const v = ev.target.value;
    ev.target.value = '';
    if (v && !current().sector.includes(v)) change(toggle(current(), 'sector', v));
  });
  for (const key of ['date_from', 'date_to']) {
    form.querySelector(`#${key}`).addEventListener('change', (ev) => change(setValue(current(), key, ev.target.value)));
  }
  const q = form.querySelector('#q');
  let timer = null;
  q.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => change(setValue(current(), 'q', q.value)), 450);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearTimeout(timer);
    change(setValue(current(), 'q', q.value));
  });
}
