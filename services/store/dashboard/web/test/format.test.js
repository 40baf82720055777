import { describe, expect, it } from 'vitest';
import { count, eventDate, humanize, indexVocabularies, monthEnd, monthLabel, sectorLabel, shortDate } from '../src/format.js';

describe('formatting', () => {
  it('formats event dates at their precision', () => {
    expect(eventDate({ start: '2025-01-18', precision: 'day' })).toBe('18 Jan 2025');
    expect(eventDate({ start: '2025-01', precision: 'month' })).toBe('Jan 2025');
    expect(eventDate({ start: '2025-01-01', precision: 'month' })).toBe('Jan 2025');
    expect(eventDate({ start: '2025', precision: 'year' })).toBe('2025');
    expect(eventDate(null)).toBe('');
  });

  it('formats labels, counts and months', () => {
    expect(humanize('higher_education')).toBe('Higher education');
    expect(sectorLabel('ict')).toBe('ICT');
    expect(count(1234567)).toBe('1,234,567');
    expect(shortDate('2025-02-10T00:00:00Z')).toBe('10 Feb 2025');
    expect(monthLabel('2024-12-01')).toBe('Dec 2024');
    expect(monthEnd('2024-02-01')).toBe('2024-02-29');
    expect(monthEnd('2025-12-01')).toBe('2025-12-31');
  });

  it('indexes the vocabularies, ISO numeric codes padded as in the world topology', () => {
    const v = indexVocabularies({
      types: ['meeting', 'aid'],
      sectors: ['energy'],
      countries: [{ iso3: 'IRN', name: 'Iran', numeric: '364' }, { iso3: 'AFG', name: 'Afghanistan', numeric: 4 }],
      igos: ['UNESCO', { id: 'SCO', name: 'Shanghai Cooperation Organisation' }],
    });
    expect(v.countryName('IRN')).toBe('Iran');
    expect(v.countryName('XXX')).toBe('XXX');
    expect(v.numericToIso3.get('004')).toBe('AFG');
    expect(v.igoName('SCO')).toBe('Shanghai Cooperation Organisation');
    expect(v.types).toEqual(['meeting', 'aid']);
  });

  it('falls back to the six event types when the vocabularies are unavailable', () => {
    expect(indexVocabularies(null).types).toHaveLength(6);
  });
});
