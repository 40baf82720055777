// The filtered event list: type, parties, date, sectors, the evidence highlighted, the source article.
import { fill, h, message } from '../dom.js';
import { count, eventDate, humanize, sectorLabel, shortDate } from '../format.js';
import { highlight } from '../highlight.js';
import { typeColor } from '../palette.js';

function evidence(ev, q, partyNames) {
  const text = (ev.evidence ?? []).map((e) => e.text).filter(Boolean).join(' … ');
  if (!text) return null;
  const names = [...partyNames, ...(ev.participants ?? []).map((p) => p.name)];
  const parts = highlight(text, { q, names }).map((seg) => (seg.mark ? h('mark', { class: seg.mark }, seg.text) : seg.text));
  return h('blockquote', { class: 'evidence' }, h('p', {}, parts));
}

function source(ev) {
  const a = ev.article ?? {};
  const title = a.title || (a.url ? a.url.replace(/^https?:\/\/(www\.)?/, '') : 'Source article');
  // without a URL, the store's own record of the article (metadata, extraction status, its events)
  const href = a.url || `v1/articles/${encodeURIComponent(ev.article_id)}`;
  const via = (a.cited_agencies ?? []).length ? `via ${a.cited_agencies.join(', ')}` : '';
  const meta = [a.publisher, shortDate(a.published_at), via].filter(Boolean).join(', ');
  return h(
    'p',
    { class: 'source' },
    h('a', { href, target: '_blank', rel: 'noopener noreferrer', title: a.url ? a.url : `Article ${ev.article_id}` }, title, h('span', { 'aria-hidden': 'true' }, ' ↗')),
    meta ? h('span', { class: 'muted' }, ` · ${meta}`) : null,
  );
}

/** One event as a list item. `names` has countryName/igoName; `q` is the text search (marked). */
export function eventItem(ev, { names, q }) {
  const countries = (ev.countries ?? []).map((c) => names.countryName(c));
  const igos = (ev.igos ?? []).map((i) => names.igoName(i));
  const date = eventDate(ev.date);
  return h(
    'li',
    { class: `event${ev.status === 'retracted' ? ' retracted' : ''}`, dataset: { eventId: ev.event_id } },
    h(
      'div',
      { class: 'event-head' },
      h('span', { class: 'badge', style: `--type:${typeColor(ev.type)}` }, humanize(ev.type)),
      h('span', { class: 'parties' }, [...countries, ...(ev.igos ?? [])].join(' · ') || 'Unknown parties'),
      date ? h('time', { datetime: ev.date.start }, date) : h('span', { class: 'muted' }, 'undated'),
      ev.status === 'retracted' ? h('span', { class: 'badge retracted' }, 'Retracted') : null,
    ),
    evidence(ev, q, [...countries, ...igos, ...(ev.igos ?? [])]),
    h(
      'div',
      { class: 'event-foot' },
      (ev.sectors ?? []).length ? h('ul', { class: 'chips', 'aria-label': 'Sectors' }, ev.sectors.map((x) => h('li', { class: 'chip' }, sectorLabel(x)))) : null,
      ev.location?.name ? h('span', { class: 'muted' }, `in ${ev.location.name}`) : null,
      source(ev),
    ),
  );
}

/**
 * Draw the list: `list` = {items, total, totalIsEstimate, nextCursor, loadingMore, moreError};
 * `onMore()` loads the next page; `onClear()` clears the filters (offered on an empty result).
 */
export function drawEvents(container, list, { names, q, onMore, onClear, filtered }) {
  if (!list.items.length) {
    const clear = filtered ? h('button', { type: 'button', class: 'button', onclick: onClear }, 'Clear all filters') : null;
    fill(container, message('empty', filtered ? 'No events match these filters.' : 'No events stored yet.', clear));
    return;
  }
  const shown = `${count(list.items.length)} of ${list.totalIsEstimate ? '≈ ' : ''}${count(list.total)} events`;
  const more = list.nextCursor
    ? h('button', { type: 'button', class: 'button more', onclick: onMore, disabled: list.loadingMore, 'aria-busy': list.loadingMore ? 'true' : 'false' }, list.loadingMore ? 'Loading…' : 'Load more')
    : null;
  fill(
    container,
    h('p', { class: 'list-count', role: 'status' }, shown),
    h('ol', { class: 'event-list' }, list.items.map((ev) => eventItem(ev, { names, q }))),
    list.moreError ? message('error', list.moreError) : null,
    more,
  );
}
