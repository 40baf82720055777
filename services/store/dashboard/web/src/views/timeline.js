// Events per month, stacked by type; a click on a month narrows the date range to it.
import { scaleBand, scaleLinear } from 'd3-scale';
import { fill, h, message, s } from '../dom.js';
import { count, humanize, monthEnd, monthLabel } from '../format.js';
import { typeColor } from '../palette.js';
import { stackMonths } from '../stack.js';

const M = { top: 10, right: 12, bottom: 26, left: 40 };

function yAxis(y, width) {
  return y.ticks(4).filter(Number.isInteger).map((t) =>
    s(
      'g',
      { class: 'tick', transform: `translate(0,${y(t).toFixed(1)})` },
      s('line', { x1: M.left, x2: width - M.right }),
      s('text', { x: M.left - 6, dy: '0.32em', 'text-anchor': 'end' }, count(t)),
    ),
  );
}

function xAxis(rows, x, height) {
  // few months: each one labelled; otherwise one label per year (January, or the first month shown)
  const few = rows.length <= 14;
  const marks = few ? rows : rows.filter((r, i) => i === 0 || r.start.endsWith('-01-01'));
  const width = few ? 56 : 40;
  const every = Math.ceil((marks.length * width) / Math.max(1, x.range()[1] - x.range()[0]));
  return marks
    .filter((_, i) => i % every === 0)
    .map((r) =>
      s('text', { class: 'year', x: x(r.start) + (few ? x.bandwidth() / 2 : 0), y: height - 8, 'text-anchor': few ? 'middle' : 'start' }, few ? monthLabel(r.start) : r.start.slice(0, 4)),
    );
}

function bar(row, x, y, onMonth) {
  const barWidth = Math.max(1, Math.min(x.bandwidth(), 40));
  const offset = (x.bandwidth() - barWidth) / 2;
  const title = `${monthLabel(row.start)}: ${count(row.total)} events${row.segments.map((g) => `\n${humanize(g.key)}: ${count(g.y1 - g.y0)}`).join('')}`;
  return s(
    'g',
    { class: 'month', dataset: { month: row.start }, onclick: () => onMonth(row.start, monthEnd(row.start)) },
    s('title', {}, title),
    s('rect', { class: 'hit', x: x(row.start), y: M.top, width: x.step(), height: y(0) - M.top }),
    row.segments.map((g) =>
      s('rect', { x: x(row.start) + offset, width: barWidth, y: y(g.y1), height: Math.max(0, y(g.y0) - y(g.y1)), fill: typeColor(g.key) }),
    ),
  );
}

function legend(keys) {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Event types' },
    keys.map((k) => h('li', {}, h('span', { class: 'key', style: `background:${typeColor(k)}` }), humanize(k))),
  );
}

/** Draw timeline `buckets` (from /v1/stats/timeline?by=type) with `types` in stacking order. */
export function drawTimeline(container, buckets, { types, onMonth }) {
  const rows = stackMonths(buckets, types);
  if (!rows.length) {
    fill(container, message('empty', 'No dated events match these filters.'));
    return;
  }
  const width = Math.max(300, container.clientWidth || 700);
  const height = 200;
  const x = scaleBand().domain(rows.map((r) => r.start)).range([M.left, width - M.right]).paddingInner(rows.length > 60 ? 0.05 : 0.2);
  const y = scaleLinear().domain([0, Math.max(1, ...rows.map((r) => r.total))]).nice().range([height - M.bottom, M.top]);
  const seen = types.filter((t) => rows.some((r) => r.segments.some((g) => g.key === t)));
  const total = rows.reduce((a, r) => a + r.total, 0);
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width, height, class: 'timeline-svg', role: 'img', 'aria-label': `${count(total)} dated events over ${rows.length} months, ${monthLabel(rows[0].start)} to ${monthLabel(rows[rows.length - 1].start)}` },
    s('g', { class: 'axis' }, yAxis(y, width), xAxis(rows, x, height)),
    s('g', { class: 'bars' }, rows.map((r) => bar(r, x, y, onMonth))),
  );
  fill(container, svg, legend(seen));
}
