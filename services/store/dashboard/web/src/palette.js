// Colours of the event types (colour-blind-safe order) and of the map/network accents.

const TYPE_COLORS = {
  meeting: '#4c78a8',
  conference: '#72b7b2',
  agreement: '#f58518',
  intent: '#b279a2',
  cooperation: '#54a24b',
  aid: '#e45756',
};
const FALLBACK = ['#9d755d', '#bab0ac', '#ff9da6', '#eeca3b'];

/** The colour of an event type (stable for unknown ones). */
export function typeColor(type) {
  if (TYPE_COLORS[type]) return TYPE_COLORS[type];
  let h = 0;
  for (const ch of String(type)) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return FALLBACK[h % FALLBACK.length];
}

export const MAP_EMPTY = '#eef1f4';
export const MAP_LOW = '#d4e4f4';
export const MAP_HIGH = '#0b3d6e';
export const ACCENT = '#f2a900';
