import { describe, expect, it } from 'vitest';
import { anchorsOf, checkMarkdown, queryFields, slug, unindexedFields } from './check-docs.ts';

const files: Record<string, string> = {
  'docs/etl.md': "# ETL\n\n## Steady state: a day's load onto history\n",
};
const read = (path: string) => files[path];

describe('check-docs', () => {
  it('finds "session N" narratives, in any case', () => {
    const found = checkMarkdown(
      'docs/a.md',
      'ok\n### Session 3 (issue #3): measured\nuntil session 5 it was\n',
      read,
    );
    expect(found.map((f) => f.line)).toEqual([2, 3]);
  });

  it('accepts links to existing files and headings', () => {
    const text =
      'See [etl](etl.md), [steady](etl.md#steady-state-a-days-load-onto-history), [web](https://x.org/a.md).';
    expect(checkMarkdown('docs/a.md', text, read)).toEqual([]);
  });

  it('finds links to missing files and missing headings', () => {
    const text = '[old](ETL.md) and [gone](etl.md#measured-session-2)\n';
    expect(checkMarkdown('docs/a.md', text, read).map((f) => f.problem)).toEqual([
      'link to a missing file: ETL.md',
      'link to a missing heading: etl.md#measured-session-2',
    ]);
  });

  it('checks anchors within the same page and ignores code blocks', () => {
    const text = '# Top\n\n[up](#top) [nope](#nowhere)\n```\n[x](missing.md) session 1\n```\n';
    expect(checkMarkdown('docs/a.md', text, read).map((f) => f.line)).toEqual([3, 5]);
  });

  it('slugs headings as GitHub does', () => {
    expect(slug('Serving (`pnpm bench:load`)')).toBe('serving-pnpm-benchload');
    expect(slug('Small cells (viewer role)')).toBe('small-cells-viewer-role');
    expect([...anchorsOf('# A b\n```\n# not\n```\n## C-d')]).toEqual(['a-b', 'c-d']);
  });

  it('lists the query fields of an SDL, not the words of their descriptions', () => {
    const sdl = [
      'type Other {',
      '  notAQuery: Int',
      '}',
      '',
      'type Query {',
      '  """',
      '  Outcomes: of closed cases (a description line that looks like a field).',
      '  """',
      '  caseOutcomes(',
      '    """First day."""',
      '    from: String!',
      '  ): [Int!]!',
      '',
      '  """The as-of date."""',
      '  asOf: String!',
      '}',
    ].join('\n');
    expect(queryFields(sdl)).toEqual(['caseOutcomes', 'asOf']);
    const index = '| `caseOutcomes` | [case-outcomes.md](case-outcomes.md) |';
    expect(unindexedFields(sdl, index, 'docs/metrics/README.md').map((f) => f.problem)).toEqual([
      'query field `asOf` is not in the metric index: add a row pointing to its page',
    ]);
  });
});
