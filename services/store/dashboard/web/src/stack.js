// Chart data shaping (pure): months filled in and stacked, scales' domains.

/** "2025-01-01" -> "2025-02-01". */
export function nextMonth(start) {
  const [y, m] = start.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The month containing an ISO date, as its first day. */
export function monthOf(iso) {
  return `${String(iso).slice(0, 7)}-01`;
}

/**
 * Timeline buckets (ascending, possibly sparse) -> one row per month from the first to the last,
 * each `{start, total, segments: [{key, y0, y1}]}` stacked in `keys` order (zero counts skipped).
 * At most `maxMonths` rows (the latest ones) so a decades-long record stays legible.
 */
export function stackMonths(buckets, keys, { maxMonths = 240 } = {}) {
  if (!buckets?.length) return [];
  const byMonth = new Map(buckets.map((b) => [monthOf(b.start), b]));
  const first = monthOf(buckets[0].start);
  const last = monthOf(buckets[buckets.length - 1].start);
  const months = [];
  for (let m = first; m <= last; m = nextMonth(m)) months.push(m);
  const rows = months.slice(-maxMonths).map((start) => {
    const b = byMonth.get(start);
    const counts = b?.counts ?? {};
    let y = 0;
    const segments = [];
    for (const key of orderKeys(keys, counts)) {
      const n = counts[key] ?? 0;
      if (n > 0) segments.push({ key, y0: y, y1: y + n });
      y += n;
    }
    return { start, total: b?.total ?? y, segments };
  });
  return rows;
}

function orderKeys(keys, counts) {
  const extra = Object.keys(counts).filter((k) => !keys.includes(k)).sort();
  return [...keys, ...extra];
}
