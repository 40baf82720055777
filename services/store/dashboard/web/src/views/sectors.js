// The sector breakdown: one bar per sector; a click toggles the sector filter.
import { fill, h, message } from '../dom.js';
import { count, sectorLabel } from '../format.js';

/** Draw `/v1/stats/sectors` items; `selected` is the list of filtered sectors. */
export function drawSectors(container, items, { selected, onToggle }) {
  const rows = [...items].filter((i) => i.count > 0).sort((a, b) => b.count - a.count);
  if (!rows.length) {
    fill(container, message('empty', 'No sectors recorded for these events.'));
    return;
  }
  const max = rows[0].count;
  fill(
    container,
    h(
      'ul',
      { class: 'bars-list' },
      rows.map((r) => {
        const on = selected.includes(r.sector);
        return h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: `bar-row${on ? ' on' : ''}`,
              'aria-pressed': on ? 'true' : 'false',
              'aria-label': `${sectorLabel(r.sector)}: ${count(r.count)} events${on ? ' (filtered)' : ''}`,
              dataset: { sector: r.sector },
              onclick: () => onToggle(r.sector),
            },
            h('span', { class: 'bar-label' }, sectorLabel(r.sector)),
            h('span', { class: 'bar-track' }, h('span', { class: 'bar-fill', style: `width:${((100 * r.count) / max).toFixed(1)}%` })),
            h('span', { class: 'bar-value' }, count(r.count)),
          ),
        );
      }),
    ),
  );
}
