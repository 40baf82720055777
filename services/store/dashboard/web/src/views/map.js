// The world map: each country shaded by its events (with the selected parties when there is a selection).
import { geoEqualEarth, geoGraticule10, geoPath } from 'd3-geo';
import { scaleLog } from 'd3-scale';
import { feature } from 'topojson-client';
import worldUrl from 'world-atlas/countries-110m.json?url';
import { fill, h, message, s } from '../dom.js';
import { count } from '../format.js';
import { MAP_EMPTY, MAP_HIGH, MAP_LOW } from '../palette.js';

let world = null;

/** The country shapes (Natural Earth 1:110m via world-atlas), fetched once from the store. */
export async function loadWorld() {
  if (!world) {
    world = fetch(worldUrl).then(async (r) => {
      if (!r.ok) throw new Error(`world map: HTTP ${r.status}`);
      const topo = await r.json();
      return feature(topo, topo.objects.countries).features;
    });
  }
  return world;
}

function legend(max, title) {
  return h(
    'div',
    { class: 'map-legend' },
    h('span', {}, title),
    h('span', { class: 'ramp', style: `background: linear-gradient(90deg, ${MAP_LOW}, ${MAP_HIGH})`, 'aria-hidden': 'true' }),
    h('span', {}, `1 – ${count(max)} (log scale)`),
  );
}

/**
 * Draw `features` shaded by `counts` (Map iso3 -> events). `selected` (Set of iso3) is outlined;
 * `numericToIso3` maps the topology's ISO numeric ids; `onSelect([{id, kind}], {additive})` on click.
 */
export function drawMap(container, features, { counts, selected, numericToIso3, names, onSelect, title }) {
  if (!numericToIso3.size) {
    fill(container, message('error', 'The map needs ISO numeric codes from /v1/meta/vocabularies; none were given.'));
    return;
  }
  const width = Math.max(300, container.clientWidth || 600);
  const height = Math.round(width * 0.52);
  const projection = geoEqualEarth().fitExtent([[4, 4], [width - 4, height - 4]], { type: 'Sphere' });
  const path = geoPath(projection);
  // the selected countries are drawn in the accent colour: the scale is their partners'
  const max = Math.max(1, ...[...counts].filter(([id]) => !selected.has(id)).map(([, n]) => n));
  // a log scale: one hub country would otherwise leave every other one pale
  const color = scaleLog().domain([1, Math.max(2, max)]).range([MAP_LOW, MAP_HIGH]).clamp(true);
  const shapes = features.map((f) => {
    const iso3 = numericToIso3.get(String(f.id ?? '').padStart(3, '0'));
    const n = iso3 ? counts.get(iso3) ?? 0 : 0;
    const name = iso3 ? names(iso3) : f.properties?.name ?? 'Unknown';
    const isSelected = iso3 && selected.has(iso3);
    const label = `${name}: ${count(n)} events`;
    return s(
      'path',
      {
        d: path(f),
        class: `country${isSelected ? ' selected' : ''}${n ? ' has-events' : ''}`,
        fill: n ? color(n) : MAP_EMPTY,
        dataset: iso3 ? { iso3 } : undefined,
        onclick: iso3 && n ? (ev) => onSelect([{ id: iso3, kind: 'country' }], { additive: ev.shiftKey || ev.metaKey || ev.ctrlKey }) : undefined,
      },
      s('title', {}, label),
    );
  });
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width, height, class: 'map-svg', role: 'img', 'aria-label': `${title}; ${counts.size} countries with events` },
    s('path', { d: path({ type: 'Sphere' }), class: 'sphere' }),
    s('path', { d: path(geoGraticule10()), class: 'graticule' }),
    s('g', {}, shapes.filter((p) => !p.classList.contains('selected')), shapes.filter((p) => p.classList.contains('selected'))),
  );
  fill(container, svg, legend(max, title), ranking(counts, { selected, names, onSelect }));
}

/** The countries with the most events (the map's readable twin), the selected ones left out. */
function ranking(counts, { selected, names, onSelect }) {
  const top = [...counts].filter(([id]) => !selected.has(id)).sort((a, b) => b[1] - a[1]).slice(0, 10);
  if (!top.length) return null;
  const max = top[0][1];
  return h(
    'ol',
    { class: 'ranking', 'aria-label': selected.size ? 'Partners with the most events' : 'Countries with the most events' },
    top.map(([id, n]) =>
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: 'rank-row', dataset: { iso3: id }, onclick: (ev) => onSelect([{ id, kind: 'country' }], { additive: ev.shiftKey || ev.metaKey || ev.ctrlKey }) },
          h('span', { class: 'rank-name' }, names(id)),
          h('span', { class: 'rank-bar', style: `width:${((100 * n) / max).toFixed(1)}%` }),
          h('span', { class: 'rank-value' }, count(n)),
        ),
      ),
    ),
  );
}
