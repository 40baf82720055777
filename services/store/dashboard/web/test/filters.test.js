import { describe, expect, it } from 'vitest';
import { indexVocabularies } from '../src/format.js';
import { resolveParty } from '../src/views/filters.js';

const names = indexVocabularies({
  countries: [{ iso3: 'IRN', name: 'Iran', numeric: '364' }, { iso3: 'IRQ', name: 'Iraq', numeric: '368' }],
  igos: ['UNESCO', { id: 'SCO', name: 'Shanghai Cooperation Organisation' }],
});

describe('the party box', () => {
  it('resolves codes, names and datalist choices', () => {
    expect(resolveParty('irq', names)).toEqual({ id: 'IRQ', kind: 'country' });
    expect(resolveParty('Iran', names)).toEqual({ id: 'IRN', kind: 'country' });
    expect(resolveParty('Iraq (IRQ)', names)).toEqual({ id: 'IRQ', kind: 'country' });
    expect(resolveParty('unesco', names)).toEqual({ id: 'UNESCO', kind: 'igo' });
    expect(resolveParty('Shanghai Cooperation Organisation (SCO)', names)).toEqual({ id: 'SCO', kind: 'igo' });
  });

  it('returns null for anything else', () => {
    expect(resolveParty('Atlantis', names)).toBeNull();
    expect(resolveParty('  ', names)).toBeNull();
  });
});
