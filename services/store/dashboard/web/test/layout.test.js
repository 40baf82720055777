import { describe, expect, it } from 'vitest';
import { layoutGraph, strongestEdges } from '../src/layout.js';

const graph = {
  nodes: [
    { id: 'IRN', kind: 'country', label: 'Iran', count: 120 },
    { id: 'IRQ', kind: 'country', label: 'Iraq', count: 30 },
    { id: 'CHN', kind: 'country', label: 'China', count: 12 },
    { id: 'UNESCO', kind: 'igo', label: 'UNESCO', count: 5 },
  ],
  edges: [
    { source: 'IRN', target: 'IRQ', count: 30 },
    { source: 'CHN', target: 'IRN', count: 12 },
    { source: 'IRN', target: 'UNESCO', count: 5 },
    { source: 'IRN', target: 'ZZZ', count: 1 }, // an endpoint not among the nodes is dropped
  ],
};

describe('network layout', () => {
  it('places every node inside the box, sized by events, deterministically', () => {
    const a = layoutGraph(graph, { width: 600, height: 400 });
    const b = layoutGraph(graph, { width: 600, height: 400 });
    expect(a.nodes.map((n) => [n.x, n.y])).toEqual(b.nodes.map((n) => [n.x, n.y]));
    for (const n of a.nodes) {
      expect(n.x - n.r).toBeGreaterThanOrEqual(0);
      expect(n.x + n.r).toBeLessThanOrEqual(600);
      expect(n.y - n.r).toBeGreaterThanOrEqual(0);
      expect(n.y + n.r).toBeLessThanOrEqual(400);
    }
    const r = Object.fromEntries(a.nodes.map((n) => [n.id, n.r]));
    expect(r.IRN).toBeGreaterThan(r.IRQ);
    expect(r.IRQ).toBeGreaterThan(r.UNESCO);
    expect(a.edges).toHaveLength(3);
    expect(a.edges[0].w).toBeGreaterThan(a.edges[2].w);
  });

  it('keeps nodes near their previous positions', () => {
    const first = layoutGraph(graph, { width: 600, height: 400 });
    const previous = new Map(first.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
    const again = layoutGraph({ ...graph, edges: graph.edges.slice(0, 2) }, { width: 600, height: 400, previous });
    for (const n of again.nodes) {
      const p = previous.get(n.id);
      expect(Math.hypot(n.x - p.x, n.y - p.y)).toBeLessThan(150);
    }
  });
});

describe('edge pruning', () => {
  it('keeps the strongest edges and one edge for every node', () => {
    const edges = [
      { source: 'A', target: 'B', count: 9 },
      { source: 'A', target: 'C', count: 7 },
      { source: 'B', target: 'C', count: 5 },
      { source: 'C', target: 'D', count: 1 },
      { source: 'B', target: 'D', count: 2 },
    ];
    const kept = strongestEdges(edges, 2).map((e) => `${e.source}-${e.target}`);
    expect(kept).toEqual(['A-B', 'A-C', 'B-D']);
    expect(strongestEdges(edges, 10)).toHaveLength(5);
  });
});
