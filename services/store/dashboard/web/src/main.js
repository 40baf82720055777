// The dashboard's controller: filters <-> URL, one round of requests per filter change, each panel drawn
// as its response arrives (stale responses are ignored, never aborted).
import './styles.css';
import { ApiError, apiUrl, getJSON } from './api.js';
import { fill, message } from './dom.js';
import { count, indexVocabularies } from './format.js';
import { isFiltered, parseFilters, sameFilters, selectParties, selectedParties, toParams, toSearch, toggle, withoutParties, emptyFilters } from './state.js';
import { drawEvents } from './views/events.js';
import { bindFilterBar, buildFilterOptions, syncFilterBar } from './views/filters.js';
import { drawMap, loadWorld } from './views/map.js';
import { drawNetwork } from './views/network.js';
import { drawSectors } from './views/sectors.js';
import { drawTimeline } from './views/timeline.js';

const PAGE = 50;
const NETWORK_NODES = 60;
const MAP_NODES = 400;

const app = {
  filters: parseFilters(location.search),
  names: indexVocabularies(null),
  generation: 0,
  positions: new Map(),
  data: {}, // the last response of each panel, for redraws on resize
  list: null,
};

const $ = (id) => document.getElementById(id);

function errorText(err) {
  return err instanceof ApiError ? err.detail : `Something went wrong: ${err?.message ?? err}`;
}

/** Run `request` for panel `id`; draw its result unless filters changed meanwhile; show errors in the panel. */
async function load(id, request, draw) {
  const gen = app.generation;
  const panel = $(id);
  panel.setAttribute('aria-busy', 'true');
  panel.classList.add('loading');
  try {
    const data = await request();
    if (gen !== app.generation) return;
    app.data[id] = { data, draw };
    draw(data);
  } catch (err) {
    if (gen !== app.generation) return;
    delete app.data[id];
    fill(panel, message('error', errorText(err)));
  } finally {
    if (gen === app.generation) {
      panel.removeAttribute('aria-busy');
      panel.classList.remove('loading');
    }
  }
}

function change(next) {
  if (sameFilters(next, app.filters)) return;
  app.filters = next;
  history.pushState(null, '', toSearch(next) || location.pathname);
  refresh();
}

function onSelect(parties, opts) {
  change(selectParties(app.filters, parties, opts));
}

function drawNetworkPanel(graph) {
  const selected = new Set(selectedParties(app.filters));
  app.positions = drawNetwork($('network'), graph, { selected, onSelect, previous: app.positions });
  const missing = [...selected].filter((id) => !graph.nodes.some((n) => n.id === id));
  $('network-note').textContent = missing.length
    ? `${missing.map((id) => app.names.countryName(id)).join(', ')}: not among the ${NETWORK_NODES} largest nodes.`
    : '';
}

function drawMapPanel({ graph, features }) {
  const countries = graph.nodes.filter((n) => n.kind !== 'igo');
  const selected = new Set(app.filters.country);
  const names = selectedParties(app.filters).map((id) => app.names.countryName(id));
  const title = names.length ? `Events with ${names.join(' and ')}` : 'Events by country';
  const counts = new Map(countries.map((n) => [n.id, n.count]));
  drawMap($('map'), features, { counts, selected, numericToIso3: app.names.numericToIso3, names: app.names.countryName, onSelect, title });
}

function drawEventsPanel(list) {
  const q = app.filters.q;
  drawEvents($('events'), list, { names: app.names, q, onMore: loadMore, onClear: () => change(emptyFilters()), filtered: isFiltered(app.filters) });
  const parts = [`${list.totalIsEstimate ? '≈ ' : ''}${count(list.total)} events`];
  $('summary').textContent = parts.join(' · ');
}

function pageOf(body) {
  return { items: body.items, total: body.total, totalIsEstimate: Boolean(body.total_is_estimate), nextCursor: body.next_cursor };
}

async function loadMore() {
  const list = app.list;
  if (!list?.nextCursor || list.loadingMore) return;
  const gen = app.generation;
  list.loadingMore = true;
  list.moreError = '';
  drawEventsPanel(list);
  try {
    const body = await getJSON('events', toParams(app.filters, { limit: PAGE, cursor: list.nextCursor }));
    if (gen !== app.generation) return;
    list.items = [...list.items, ...body.items];
    Object.assign(list, { nextCursor: body.next_cursor, total: body.total, totalIsEstimate: Boolean(body.total_is_estimate) });
  } catch (err) {
    if (gen === app.generation) list.moreError = errorText(err);
  } finally {
    if (gen === app.generation) {
      list.loadingMore = false;
      drawEventsPanel(list);
    }
  }
}

function refresh() {
  app.generation += 1;
  const f = app.filters;
  syncFilterBar($('filters'), f, app.names, change);
  $('csv').href = apiUrl('events', toParams(f, { format: 'csv' }));
  const params = toParams(f);
  const all = toParams(withoutParties(f), { limit_nodes: NETWORK_NODES });
  load('network', () => getJSON('graph', all), drawNetworkPanel);
  load('map', async () => ({ graph: await getJSON('graph', toParams(f, { limit_nodes: MAP_NODES })), features: await loadWorld() }), drawMapPanel);
  load('timeline', () => getJSON('stats/timeline', toParams(f, { interval: 'month', by: 'type' })), (d) =>
    drawTimeline($('timeline'), d.buckets, { types: app.names.types, onMonth: (from, to) => change({ ...app.filters, date_from: from, date_to: to }) }),
  );
  load('sectors', () => getJSON('stats/sectors', params), (d) =>
    drawSectors($('sectors'), d.items, { selected: app.filters.sector, onToggle: (x) => change(toggle(app.filters, 'sector', x)) }),
  );
  load('events', () => getJSON('events', toParams(f, { limit: PAGE })), (body) => {
    app.list = pageOf(body);
    drawEventsPanel(app.list);
  });
}

function redrawOnResize() {
  let last = window.innerWidth;
  let timer = null;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (window.innerWidth === last) return;
      last = window.innerWidth;
      for (const id of ['network', 'map', 'timeline']) if (app.data[id]) app.data[id].draw(app.data[id].data);
    }, 150);
  });
}

async function start() {
  const form = $('filters');
  bindFilterBar(form, { current: () => app.filters, change, names: () => app.names });
  try {
    app.names = indexVocabularies(await getJSON('meta/vocabularies'));
  } catch (err) {
    const banner = $('banner');
    banner.textContent = `Labels unavailable: ${errorText(err)}`;
    banner.hidden = false;
  }
  buildFilterOptions(form, app.names);
  form.querySelector('.clear').addEventListener('click', (ev) => {
    ev.preventDefault();
    change(emptyFilters());
  });
  window.addEventListener('popstate', () => {
    app.filters = parseFilters(location.search);
    refresh();
  });
  redrawOnResize();
  refresh();
}

start();
