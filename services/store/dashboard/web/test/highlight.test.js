import { describe, expect, it } from 'vitest';
import { highlight, searchTerms } from '../src/highlight.js';

const marked = (segments) => segments.filter((s) => s.mark).map((s) => `${s.mark}:${s.text}`);

describe('evidence highlighting', () => {
  it('reads the positive terms of a websearch query', () => {
    expect(searchTerms('nuclear "joint research" -oil or energy')).toEqual([
      { text: 'nuclear', phrase: false },
      { text: 'joint research', phrase: true },
      { text: 'energy', phrase: false },
    ]);
  });

  it('marks searched words at word starts, stemmed, and party names whole', () => {
    const text = 'Iran and Iraq agreed on joint research between universities in Iraq.';
    const segs = highlight(text, { q: 'university "joint research"', names: ['Iraq', 'Iran'] });
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(marked(segs)).toEqual(['party:Iran', 'party:Iraq', 'search:joint research', 'search:universities', 'party:Iraq']);
  });

  it('leaves text alone when there is nothing to mark, and never matches inside words', () => {
    expect(highlight('Oman and Romania', { names: ['Oman'] }).filter((s) => s.mark)).toHaveLength(1);
    expect(marked(highlight('Iranian and Iran', { names: ['Iran'] }))).toEqual(['party:Iran']);
    expect(highlight('plain', {})).toEqual([{ text: 'plain', mark: null }]);
    expect(highlight('a (b) [c]', { q: '(b)' }).map((s) => s.text).join('')).toBe('a (b) [c]');
  });
});
