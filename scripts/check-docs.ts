/**
 * Part of `pnpm lint`: docs are reference, not a diary. Fails on
 * - "session N" narratives (history goes to CHANGELOG.md and docs/decisions/),
 * - relative links and #anchors in markdown that lead nowhere (a renamed page
 *   must not leave dead links behind),
 * - a GraphQL query field missing from the metric index (docs/metrics/README.md),
 *   which answers "where is it defined, what does it read, how fast is it" in one hop.
 * Absolute machine paths are caught for every file by check-machine-paths.sh.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface Finding {
  file: string;
  line: number;
  problem: string;
}

const NARRATIVE = /\bsessions? [0-9]/i;
const LINK = /\]\(([^)\s]+)\)/g;

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (m && m[1] !== undefined) anchors.add(slug(m[1]));
  }
  return anchors;
}

/** Problems of one markdown file; `read(path)` gives another file's text or undefined when missing. */
export function checkMarkdown(
  file: string,
  text: string,
  read: (path: string) => string | undefined,
): Finding[] {
  const findings: Finding[] = [];
  let fenced = false;
  text.split('\n').forEach((line, i) => {
    if (line.startsWith('```')) fenced = !fenced;
    if (NARRATIVE.test(line)) {
      findings.push({
        file,
        line: i + 1,
        problem:
          'a "session N" narrative: describe what is true now; history goes to CHANGELOG.md or docs/decisions/',
      });
    }
    if (fenced) return;
    for (const [, target] of line.matchAll(LINK)) {
      if (target === undefined || /^[a-z]+:/i.test(target)) continue;
      const [path = '', anchor] = target.split('#');
      const linked = path === '' ? file : join(dirname(file), path);
      const content = path === '' ? text : read(linked);
      if (content === undefined) {
        findings.push({ file, line: i + 1, problem: `link to a missing file: ${target}` });
      } else if (anchor && linked.endsWith('.md') && !anchorsOf(content).has(anchor)) {
        findings.push({ file, line: i + 1, problem: `link to a missing heading: ${target}` });
      }
    }
  });
  return findings;
}

/** The fields of `type Query` in an SDL (descriptions skipped). */
export function queryFields(sdl: string): string[] {
  const body = /^type Query \{\n([\s\S]*?)^\}/m.exec(sdl)?.[1] ?? '';
  const fields: string[] = [];
  let described = false;
  for (const line of body.split('\n')) {
    if (line.trim().startsWith('"""')) {
      if ((line.match(/"""/g) ?? []).length % 2 === 1) described = !described;
      continue;
    }
    const m = !described && /^ {2}([A-Za-z_]\w*)\s*[(:]/.exec(line);
    if (m && m[1] !== undefined) fields.push(m[1]);
  }
  return fields;
}

/** Query fields that the metric index does not name (as `field`). */
export function unindexedFields(sdl: string, index: string, file: string): Finding[] {
  return queryFields(sdl)
    .filter((f) => !index.includes(`\`${f}\``))
    .map((f) => ({
      file,
      line: 1,
      problem: `query field \`${f}\` is not in the metric index: add a row pointing to its page`,
    }));
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

function main(): void {
  const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
  const files = [...markdownFiles(join(root, 'docs')), join(root, 'README.md')];
  const read = (path: string) => {
    if (!existsSync(path)) return undefined;
    return statSync(path).isDirectory() ? '' : readFileSync(path, 'utf8');
  };
  const index = join(root, 'docs', 'metrics', 'README.md');
  const findings = [
    ...files.flatMap((f) => checkMarkdown(f, readFileSync(f, 'utf8'), read)),
    ...unindexedFields(
      readFileSync(join(root, 'api', 'schema.graphql'), 'utf8'),
      readFileSync(index, 'utf8'),
      index,
    ),
  ];
  for (const f of findings) console.error(`${relative(root, f.file)}:${f.line}: ${f.problem}`);
  if (findings.length > 0) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === new URL(import.meta.url).pathname) main();
