import { describe, expect, it } from 'vitest';
import { fmtAmount, fmtCompact, fmtPct } from './format.ts';

describe('format', () => {
  it('shortens axis amounts and keeps full amounts elsewhere', () => {
    expect(fmtCompact(2_800_000)).toBe('2.8M');
    expect(fmtCompact(700_000)).toBe('700K');
    expect(fmtCompact(950)).toBe('950');
    expect(fmtCompact(null)).toBe('—');
    expect(fmtAmount(2_800_000)).toBe('2,800,000');
    expect(fmtPct(0.0936)).toBe('9.4%');
  });
});
