// Marks in an evidence sentence: the words searched for and the names of the parties (pure).

const OPERATORS = new Set(['or', 'and', 'not']);

function stem(word) {
  // a light English stem so "university" also marks "universities" (Postgres stems the search itself)
  const w = word.toLowerCase();
  if (w.length <= 4) return w;
  for (const suffix of ['ies', 'ing', 'es', 'ed', 's', 'y']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) return w.slice(0, -suffix.length);
  }
  return w;
}

/** The positive terms of a websearch query: quoted phrases kept whole, `-negated` words and OR dropped. */
export function searchTerms(q) {
  const terms = [];
  const re = /(-?)"([^"]+)"|(-?)(\S+)/g;
  let m;
  while ((m = re.exec(q ?? '')) !== null) {
    if (m[2] !== undefined) {
      if (!m[1] && m[2].trim()) terms.push({ text: m[2].trim(), phrase: true });
    } else if (!m[3]) {
      const word = m[4].replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (word.length >= 2 && !OPERATORS.has(word.toLowerCase())) terms.push({ text: word, phrase: false });
    }
  }
  return terms;
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `text` cut into segments `{text, mark}` where `mark` is 'search' (a searched word) or 'party'
 * (a party name), or null. Search words match at word starts (stemmed); names match whole.
 */
export function highlight(text, { q = '', names = [] } = {}) {
  const patterns = [];
  for (const t of searchTerms(q)) {
    const body = t.phrase ? escapeRegExp(t.text) : `${escapeRegExp(stem(t.text))}[\\p{L}\\p{N}]*`;
    patterns.push({ re: body, kind: 'search' });
  }
  for (const n of names) if (n && n.length >= 2) patterns.push({ re: `${escapeRegExp(n)}(?![\\p{L}\\p{N}])`, kind: 'party' });
  if (!text || patterns.length === 0) return [{ text: text ?? '', mark: null }];
  // longer alternatives first, so "Iraq" inside "Iraqi" style overlaps prefer the longer name
  patterns.sort((a, b) => b.re.length - a.re.length);
  const re = new RegExp(patterns.map((p) => `(?<![\\p{L}\\p{N}])(${p.re})`).join('|'), 'giu');
  const segments = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m[0].length === 0) continue;
    const group = m.slice(1).findIndex((g) => g !== undefined);
    if (m.index > last) segments.push({ text: text.slice(last, m.index), mark: null });
    segments.push({ text: m[0], mark: patterns[group].kind });
    last = m.index + m[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), mark: null });
  return segments;
}
