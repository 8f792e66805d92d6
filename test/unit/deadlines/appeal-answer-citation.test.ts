// Issue 12 item 4: the appellee's answer period (15 days from the appeal copy) is not in the
// Administrative Litigation Law; it comes from the Civil Procedure Law, applied through 行政诉讼法
// 第一百零一条. 第八十五条 is the appeal period, 第八十六条 the second-instance hearing. The rule's
// citation and every text in the repository that speaks of the appellee's answer must say so.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../../../src/deadlines/calendar.ts';
import { computeDeadline } from '../../../src/deadlines/engine.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCANNED = ['README.md', 'docs', 'processes', 'forms', 'src', 'workers'];
const EXTENSIONS = /\.(md|bpmn|form|ts|hbs|json)$/;

function filesUnder(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((name) => filesUnder(join(path, name)));
}

/** Sentences of a text: a BPMN file's documentation, a template's line, a Markdown table row, else paragraphs split at 。；. */
function sentences(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const blocks = file.endsWith('.bpmn')
    ? [...text.matchAll(/<bpmn:documentation>([\s\S]*?)<\/bpmn:documentation>/g)].map((m) => m[1]!)
    : file.endsWith('.hbs')
      ? text.split('\n')
      : text.split(/\n\s*\n/).flatMap((p) => (p.trimStart().startsWith('|') ? p.split('\n') : [p.replace(/\s*\n\s*(\*\s*|\/\/\s*)?/g, ' ')]));
  return blocks.flatMap((b) => b.split(/[。；]/));
}

const ABOUT_APPELLEE_ANSWER = /被上诉|二审答辩|appeal-answer|appellee|上诉状副本[^，。；]*答辩/i;
const CITES_AN_ARTICLE = /第[一二三四五六七八九十百零]+条|Art\. ?\d|行诉法 ?\d|民事诉讼法 ?\d/;
const WRONG = /行政诉讼法》?第八十[五六]条|行诉法 ?8[56]\b|ALL Art\. ?8[56]\b/;
const THROUGH_101 = /第一百零一条|行诉法 101|ALL Art\. 101/;

describe('the appellee’s answer period: Civil Procedure Law through 行政诉讼法第一百零一条', () => {
  it('the appeal-answer rule cites the Civil Procedure Law, applied through Art. 101', () => {
    const r = computeDeadline(packagedCalendar(), { profile: 'national', rule: 'appeal-answer', trigger: '2026-03-10' });
    expect(r.due).toBe('2026-03-25');
    expect(r.source).toContain('《中华人民共和国民事诉讼法》');
    expect(r.source).toMatch(THROUGH_101);
    expect(r.source).not.toMatch(WRONG);
  });

  it('no text in the repository cites 行政诉讼法 85/86 for it, and every citing text names Art. 101', () => {
    const offending = SCANNED.flatMap(filesUnder)
      .filter((f) => EXTENSIONS.test(f) && !f.includes('node_modules'))
      .flatMap((f) =>
        sentences(f)
          .filter((s) => ABOUT_APPELLEE_ANSWER.test(s) && CITES_AN_ARTICLE.test(s) && (WRONG.test(s) || !THROUGH_101.test(s)))
          .map((s) => `${relative(ROOT, f)}: ${s.trim().slice(0, 160)}`),
      );
    expect(offending).toEqual([]);
  });
});
