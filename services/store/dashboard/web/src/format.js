// Labels and number/date formatting (pure).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `higher_education` -> `Higher education`. */
export function humanize(code) {
  if (!code) return '';
  const s = String(code).replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const SECTOR_LABELS = {
  ict: 'ICT',
  artificial_intelligence: 'Artificial intelligence',
  space_aerospace: 'Space & aerospace',
  health_medicine: 'Health & medicine',
  science_research: 'Science & research',
  trade_economy: 'Trade & economy',
  innovation_startups: 'Innovation & startups',
  culture_language: 'Culture & language',
  defense_security: 'Defence & security',
};

export function sectorLabel(code) {
  return SECTOR_LABELS[code] ?? humanize(code);
}

/** 1234567 -> "1,234,567". */
export function count(n) {
  return Number(n ?? 0).toLocaleString('en-US');
}

/** An event date at its precision: "18 Jan 2025", "Jan 2025", "2025"; '' when unknown. */
export function eventDate(date) {
  if (!date || !date.start) return '';
  const [y, m, d] = String(date.start).split('-');
  const precision = date.precision ?? (d ? 'day' : m ? 'month' : 'year');
  if (precision === 'year' || !m) return y;
  const month = MONTHS[Number(m) - 1] ?? m;
  if (precision === 'month' || !d) return `${month} ${y}`;
  return `${Number(d)} ${month} ${y}`;
}

/** An ISO instant or date -> "10 Feb 2025"; '' when absent or unparseable. */
export function shortDate(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : '';
}

/** "2025-01-01" -> "Jan 2025". */
export function monthLabel(start) {
  const [y, m] = String(start).split('-');
  return `${MONTHS[Number(m) - 1] ?? ''} ${y}`.trim();
}

/** The last day of the month starting at `start` ("2025-02-01" -> "2025-02-28"). */
export function monthEnd(start) {
  const [y, m] = String(start).split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

const DEFAULT_TYPES = ['meeting', 'conference', 'agreement', 'intent', 'cooperation', 'aid'];

/** The names of the vocabularies, indexed: {countryName(iso3), igoName(id), typeLabel(t), numericToIso3}. */
export function indexVocabularies(vocab) {
  const countries = new Map();
  const numeric = new Map();
  for (const c of vocab?.countries ?? []) {
    countries.set(c.iso3, c.name ?? c.iso3);
    if (c.numeric !== undefined && c.numeric !== null && c.numeric !== '') {
      numeric.set(String(c.numeric).padStart(3, '0'), c.iso3);
    }
  }
  const igos = new Map();
  for (const i of vocab?.igos ?? []) {
    if (typeof i === 'string') igos.set(i, i);
    else igos.set(i.id ?? i.code ?? i.short ?? i.name, i.name ?? i.id);
  }
  const asCodes = (list) => (list ?? []).map((t) => (typeof t === 'string' ? t : t.id ?? t.code ?? t.name));
  const types = asCodes(vocab?.types);
  return {
    types: types.length ? types : DEFAULT_TYPES,
    sectors: asCodes(vocab?.sectors),
    countries,
    igos,
    numericToIso3: numeric,
    countryName: (iso3) => countries.get(iso3) ?? iso3,
    igoName: (id) => igos.get(id) ?? id,
  };
}
