import { describe, expect, it } from 'vitest';
import { emptyFilters, isFiltered, parseFilters, sameFilters, selectParties, toParams, toSearch, toggle, withoutParties } from '../src/state.js';

describe('filters in the URL', () => {
  it('round-trips every filter through the query string', () => {
    const f = { country: ['IRN', 'IRQ'], igo: ['UNESCO'], type: ['agreement'], sector: ['energy'], date_from: '2024-01-01', date_to: '2024-12-31', q: 'nuclear "joint research"' };
    expect(parseFilters(toSearch(f))).toEqual(f);
    expect(toSearch(f)).toBe('?country=IRN&country=IRQ&igo=UNESCO&type=agreement&sector=energy&date_from=2024-01-01&date_to=2024-12-31&q=nuclear+%22joint+research%22');
  });

  it('drops unknown keys, malformed values and duplicates', () => {
    const f = parseFilters('?country=irn&country=IRN&country=Iran&date_from=yesterday&limit=5&type=meeting');
    expect(f).toEqual({ ...emptyFilters(), country: ['IRN'], type: ['meeting'] });
  });

  it('omits empty values and adds extra parameters', () => {
    expect(toSearch(emptyFilters())).toBe('');
    expect(isFiltered(emptyFilters())).toBe(false);
    expect(toParams({ ...emptyFilters(), type: ['aid'] }, { format: 'csv', cursor: null }).toString()).toBe('type=aid&format=csv');
  });

  it('toggles list values and compares filter sets', () => {
    const a = toggle(emptyFilters(), 'sector', 'energy');
    expect(a.sector).toEqual(['energy']);
    expect(toggle(a, 'sector', 'energy').sector).toEqual([]);
    expect(sameFilters(a, { ...emptyFilters(), sector: ['energy'] })).toBe(true);
    expect(sameFilters(a, emptyFilters())).toBe(false);
  });
});

describe('selecting parties from the network', () => {
  const iran = { id: 'IRN', kind: 'country' };
  const unesco = { id: 'UNESCO', kind: 'igo' };

  it('a click selects one node, a second click on it clears', () => {
    const f = selectParties({ ...emptyFilters(), type: ['aid'] }, [iran]);
    expect(f).toMatchObject({ country: ['IRN'], igo: [], type: ['aid'] });
    expect(selectParties(f, [iran])).toMatchObject({ country: [], igo: [], type: ['aid'] });
  });

  it('an edge selects both ends, split into countries and IGOs', () => {
    expect(selectParties(emptyFilters(), [iran, unesco])).toMatchObject({ country: ['IRN'], igo: ['UNESCO'] });
  });

  it('an additive click adds or removes one party', () => {
    const f = selectParties(selectParties(emptyFilters(), [iran]), [unesco], { additive: true });
    expect(f).toMatchObject({ country: ['IRN'], igo: ['UNESCO'] });
    expect(selectParties(f, [iran], { additive: true })).toMatchObject({ country: [], igo: ['UNESCO'] });
  });

  it('the network itself is drawn without the party selection', () => {
    expect(withoutParties({ ...emptyFilters(), country: ['IRN'], igo: ['SCO'], q: 'x' })).toEqual({ ...emptyFilters(), q: 'x' });
  });
});
