import { describe, expect, it } from 'vitest';
import { monthOf, nextMonth, stackMonths } from '../src/stack.js';

describe('timeline stacking', () => {
  it('fills the months between sparse buckets and stacks in type order', () => {
    const rows = stackMonths(
      [
        { start: '2024-11-01', total: 3, counts: { agreement: 1, meeting: 2 } },
        { start: '2025-02-01', total: 1, counts: { aid: 1 } },
      ],
      ['meeting', 'agreement', 'aid'],
    );
    expect(rows.map((r) => r.start)).toEqual(['2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01']);
    expect(rows[0].segments).toEqual([
      { key: 'meeting', y0: 0, y1: 2 },
      { key: 'agreement', y0: 2, y1: 3 },
    ]);
    expect(rows[1]).toEqual({ start: '2024-12-01', total: 0, segments: [] });
    expect(rows[3].segments).toEqual([{ key: 'aid', y0: 0, y1: 1 }]);
  });

  it('keeps unknown keys (after the known ones) and caps the number of months', () => {
    const rows = stackMonths([{ start: '2020-01-01', total: 1, counts: { other: 1 } }, { start: '2024-12-01', total: 1, counts: {} }], ['meeting'], { maxMonths: 12 });
    expect(rows).toHaveLength(12);
    expect(rows[0].start).toBe('2024-01-01');
    expect(stackMonths([{ start: '2020-01-01', total: 1, counts: { other: 1 } }], ['meeting'])[0].segments).toEqual([{ key: 'other', y0: 0, y1: 1 }]);
    expect(stackMonths([], ['meeting'])).toEqual([]);
  });

  it('steps months across years', () => {
    expect(nextMonth('2024-12-01')).toBe('2025-01-01');
    expect(monthOf('2024-03-17')).toBe('2024-03-01');
  });
});
