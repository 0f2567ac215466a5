import { describe, expect, it } from 'vitest';
import { fmtCompact, fmtPct } from './format.ts';

describe('format', () => {
  it('shortens axis counts', () => {
    expect(fmtCompact(2_800_000)).toBe('2.8M');
    expect(fmtCompact(700_000)).toBe('700K');
    expect(fmtCompact(950)).toBe('950');
    expect(fmtCompact(null)).toBe('—');
    expect(fmtPct(0.0936)).toBe('9.4%');
  });
});
