// The cooperation network: countries (circles) and IGOs (squares) sized by events, edges by shared events.
import { layoutGraph } from '../layout.js';
import { fill, h, message, s } from '../dom.js';
import { count } from '../format.js';

const HEIGHT = 460;
const LABELS = 24; // the largest nodes are labelled; the rest on hover/focus

function neighbours(edges, selected) {
  const near = new Set();
  for (const e of edges) {
    if (selected.has(e.source.id)) near.add(e.target.id);
    if (selected.has(e.target.id)) near.add(e.source.id);
  }
  return near;
}

function largest(graph, n, selected) {
  const keep = new Set([...graph.nodes].sort((a, b) => b.count - a.count).slice(0, n).map((x) => x.id));
  for (const id of selected) keep.add(id);
  return { nodes: graph.nodes.filter((x) => keep.has(x.id)), edges: graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}

function nodeShape(n) {
  if (n.kind === 'igo') {
    const side = n.r * 1.7;
    return s('rect', { x: -side / 2, y: -side / 2, width: side, height: side, rx: 3 });
  }
  return s('circle', { r: n.r });
}

function edgeElement(e, selected, onSelect) {
  const hot = selected.has(e.source.id) || selected.has(e.target.id);
  const label = `${e.source.label} and ${e.target.label}: ${count(e.count)} events`;
  const select = (ev) =>
    onSelect([{ id: e.source.id, kind: e.source.kind }, { id: e.target.id, kind: e.target.kind }], {
      additive: ev.shiftKey || ev.metaKey || ev.ctrlKey,
    });
  const coords = { x1: e.source.x, y1: e.source.y, x2: e.target.x, y2: e.target.y };
  return s(
    'g',
    { class: `edge${hot ? ' hot' : selected.size ? ' dim' : ''}`, dataset: { edge: `${e.source.id}-${e.target.id}` }, onclick: select },
    s('line', { ...coords, class: 'edge-line', 'stroke-width': e.w.toFixed(2) }),
    s('line', { ...coords, class: 'edge-hit', 'stroke-width': Math.max(10, e.w + 6) }, s('title', {}, label)),
  );
}

function nodeElement(n, state, onSelect) {
  const { selected, near, labelled } = state;
  const cls = ['node', n.kind === 'igo' ? 'igo' : 'country'];
  if (selected.has(n.id)) cls.push('selected');
  else if (selected.size && near.has(n.id)) cls.push('near');
  else if (selected.size) cls.push('dim');
  const label = `${n.label}: ${count(n.count)} events`;
  const select = (ev) => onSelect([{ id: n.id, kind: n.kind }], { additive: ev.shiftKey || ev.metaKey || ev.ctrlKey });
  const onkeydown = (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      select(ev);
    }
  };
  const showLabel = labelled.has(n.id) || selected.has(n.id) || near.has(n.id);
  return s(
    'g',
    {
      class: cls.join(' '),
      transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`,
      tabindex: 0,
      role: 'button',
      'aria-pressed': selected.has(n.id) ? 'true' : 'false',
      'aria-label': label,
      dataset: { nodeId: n.id, kind: n.kind },
      onclick: select,
      onkeydown,
    },
    s('title', {}, label),
    nodeShape(n),
    s('text', { class: `label${showLabel ? '' : ' hover-only'}`, y: n.r + 12 }, n.kind === 'igo' ? n.id : n.label),
  );
}

function legend() {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    h('li', {}, h('span', { class: 'key key-country' }), 'Country'),
    h('li', {}, h('span', { class: 'key key-igo' }), 'Intergovernmental organisation'),
    h('li', {}, 'Size: events · line: events together'),
  );
}

/**
 * Draw `graph` in `container`; `selected` is a Set of node ids; `onSelect(parties, {additive})`
 * is called on a click (or Enter) on a node or an edge. Returns the positions (for the next draw).
 */
export function drawNetwork(container, graph, { selected, onSelect, previous }) {
  if (!graph.nodes.length) {
    fill(container, message('empty', 'No countries or organisations match these filters.'));
    return new Map();
  }
  const width = Math.max(280, container.clientWidth || 800);
  const narrow = width < 600;
  const height = narrow ? 360 : HEIGHT;
  // a phone gets the 30 largest nodes (and the selected ones), smaller
  const shown = narrow ? largest(graph, 30, selected) : graph;
  const { nodes, edges } = layoutGraph(shown, { width, height, previous, maxRadius: narrow ? 16 : 26 });
  const near = neighbours(edges, selected);
  const labelled = new Set([...nodes].sort((a, b) => b.count - a.count).slice(0, narrow ? 10 : LABELS).map((n) => n.id));
  const state = { selected, near, labelled };
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width, height, class: 'network-svg', role: 'group', 'aria-label': `Cooperation network of ${nodes.length} countries and organisations` },
    s('g', { class: 'edges' }, edges.map((e) => edgeElement(e, selected, onSelect))),
    s('g', { class: 'nodes' }, [...nodes].sort((a, b) => b.r - a.r).map((n) => nodeElement(n, state, onSelect))),
  );
  fill(container, svg, legend());
  return new Map(nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
}
