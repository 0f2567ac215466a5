import { describe, expect, it } from 'vitest';
import { listParam, queueFilter, queueModel, queueOffset, writeList } from './queue.ts';

const p = (s: string) => new URLSearchParams(s);

describe('work queue params', () => {
  it('reads each picker as a list and builds the API filter from the non-empty ones', () => {
    expect(queueFilter(p(''))).toBeNull();
    expect(queueFilter(p('team=north,south&bucket=M2&offset=50'))).toEqual({
      teams: ['north', 'south'],
      buckets: ['M2'],
    });
    // "" is the segment "none", a value of its own
    expect(listParam(p('segment=,willing_able'), 'segment')).toEqual(['', 'willing_able']);
    expect(writeList([])).toBeNull();
    expect(writeList(['a', 'b'])).toBe('a,b');
  });

  it('pages by 50 from a valid offset only', () => {
    expect(queueOffset(p('offset=120'))).toBe(100);
    expect(queueOffset(p('offset=-5'))).toBe(0);
    expect(queueOffset(p('offset=x'))).toBe(0);
  });

  it('knows whether the newest cure run can rank a queue', () => {
    const run = { runId: 'r', trainedAt: '', cutoff: '', verdict: 'v' };
    expect(queueModel({ newest: [], published: [] }).kind).toBe('none');
    const refused = { ...run, published: false };
    expect(queueModel({ newest: [refused], published: [] }).kind).toBe('refused');
    const published = { ...run, published: true };
    expect(queueModel({ newest: [published], published: [published] }).kind).toBe('published');
  });

  it('falls back to the last published run when the newest was refused', () => {
    const refused = { runId: 'new', trainedAt: '', cutoff: '', verdict: 'v', published: false };
    const older = { ...refused, runId: 'old', published: true };
    expect(queueModel({ newest: [refused], published: [older] })).toEqual({
      kind: 'published',
      run: older,
      refused,
    });
    expect(queueModel({ newest: [older], published: [older] })).toEqual({
      kind: 'published',
      run: older,
      refused: null,
    });
    // never published: no queue, the newest's verdict
    expect(queueModel({ newest: [refused], published: [] })).toEqual({
      kind: 'refused',
      run: refused,
    });
  });
});
