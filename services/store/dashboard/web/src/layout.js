// The network's layout: a force simulation run to rest off-screen (deterministic, no animation).
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3-force';
import { scaleSqrt } from 'd3-scale';

/** Node radius for an event count, given the largest count. */
export function radiusScale(maxCount, maxRadius = 26) {
  return scaleSqrt().domain([0, Math.max(1, maxCount)]).range([3, maxRadius]);
}

/** Edge width for an event count, given the largest count. */
export function widthScale(maxCount) {
  return scaleSqrt().domain([1, Math.max(2, maxCount)]).range([0.8, 9]).clamp(true);
}

function seedPosition(id, width, height) {
  // a stable pseudo-random start per id, so the same data lays out the same way
  let h = 2166136261;
  for (const ch of id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  const a = ((h >>> 0) % 3600) / 3600;
  const b = (((h >>> 12) >>> 0) % 1000) / 1000;
  const r = 0.15 + 0.3 * b;
  return [width / 2 + Math.cos(2 * Math.PI * a) * r * width, height / 2 + Math.sin(2 * Math.PI * a) * r * height];
}

/** Scale and centre the positions so the drawing fills the box (a small network is not a knot in the middle). */
function fitInto(nodes, width, height) {
  const pad = 14;
  const label = 14; // room under the lowest node for its label
  const big = Math.max(...nodes.map((n) => n.r));
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // each axis stretched so the centres span the box less the largest radius (radii stay), at most 4x
  const kx = Math.min(4, (width - 2 * (pad + big)) / Math.max(1, x1 - x0));
  const ky = Math.min(4, (height - 2 * (pad + big) - label) / Math.max(1, y1 - y0));
  for (const n of nodes) {
    n.x = Math.max(n.r + 2, Math.min(width - n.r - 2, width / 2 + (n.x - (x0 + x1) / 2) * kx));
    n.y = Math.max(n.r + 2, Math.min(height - n.r - label, (height - label) / 2 + (n.y - (y0 + y1) / 2) * ky));
  }
}

/**
 * At most `max` edges, the strongest, plus each node's strongest edge (no node left floating):
 * a dense network stays readable. Ties break by endpoint ids, so the result is stable.
 */
export function strongestEdges(edges, max = 180) {
  const order = [...edges].sort((a, b) => b.count - a.count || `${a.source}${a.target}`.localeCompare(`${b.source}${b.target}`));
  const kept = new Set(order.slice(0, max));
  const covered = new Set([...kept].flatMap((e) => [e.source, e.target]));
  for (const e of order) {
    if (!covered.has(e.source) || !covered.has(e.target)) {
      kept.add(e);
      covered.add(e.source);
      covered.add(e.target);
    }
  }
  return order.filter((e) => kept.has(e));
}

/** After squeezing a large network into the box: push overlapping nodes apart, then keep them inside. */
function unoverlap(nodes, width, height) {
  for (const n of nodes) n.vx = n.vy = 0;
  const settle = forceSimulation(nodes).force('collide', forceCollide((n) => n.r + 2)).stop();
  for (let i = 0; i < 40; i += 1) settle.tick();
  for (const n of nodes) {
    n.x = Math.max(n.r + 2, Math.min(width - n.r - 2, n.x));
    n.y = Math.max(n.r + 2, Math.min(height - n.r - 14, n.y));
  }
}

/**
 * Positions for `graph` ({nodes, edges}) inside width x height: `{nodes: [{...node, x, y, r}],
 * edges: [{...edge, source: node, target: node, w}]}`. `previous` (a Map id -> {x, y}) keeps
 * nodes where they were on the last draw so the picture does not jump when filters change;
 * `maxRadius` is the largest node's radius.
 */
export function layoutGraph(graph, { width, height, previous = new Map(), ticks = 300, maxRadius = 26 } = {}) {
  const maxCount = Math.max(1, ...graph.nodes.map((n) => n.count ?? 0));
  const maxEdge = Math.max(1, ...graph.edges.map((e) => e.count ?? 0));
  const r = radiusScale(maxCount, maxRadius);
  const w = widthScale(maxEdge);
  const nodes = graph.nodes.map((n) => {
    const [x, y] = previous.has(n.id) ? [previous.get(n.id).x, previous.get(n.id).y] : seedPosition(n.id, width, height);
    return { ...n, x, y, r: r(n.count ?? 0) };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = strongestEdges(graph.edges)
    .filter((e) => byId.has(e.source) && byId.has(e.target))
    .map((e) => ({ ...e, source: byId.get(e.source), target: byId.get(e.target), w: w(e.count ?? 1) }));
  const sim = forceSimulation(nodes)
    .force('charge', forceManyBody().strength((n) => -40 - n.r * 6))
    .force('link', forceLink(edges).distance((e) => 40 + e.source.r + e.target.r).strength(0.25))
    .force('collide', forceCollide((n) => n.r + 3))
    .force('x', forceX(width / 2).strength(0.06))
    .force('y', forceY(height / 2).strength(0.09))
    .alpha(previous.size ? 0.5 : 1)
    .stop();
  for (let i = 0; i < ticks; i += 1) sim.tick();
  fitInto(nodes, width, height);
  unoverlap(nodes, width, height);
  return { nodes, edges };
}
