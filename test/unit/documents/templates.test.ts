// Templates render from data only (no browser): every kind, strict data checks, escaping.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { DOCUMENT_KINDS, documentKinds } from '../../../src/documents/document-kinds.ts';
import { DocumentDataError, TemplateRegistry } from '../../../src/documents/template-registry.ts';
import { expectedText, sampleDocumentData } from '../../fixtures/sample-case.ts';

const templateDir = path.join(projectRoot, 'src', 'documents', 'templates');
const registry = new TemplateRegistry(templateDir);
const textOf = (html: string) => html.replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, '');

describe('document templates', () => {
  it('has one template per kind, each with a declared version', () => {
    const files = readdirSync(templateDir).filter((f) => f.endsWith('.hbs') && !f.startsWith('_'));
    expect(files.sort()).toEqual(documentKinds.map((k) => `${DOCUMENT_KINDS[k].template}.hbs`).sort());
    for (const kind of documentKinds) expect(registry.templateVersion(kind)).toMatch(/^1\.0\+[0-9a-f]{8}$/);
  });

  it('writes a law title typed with its book-title marks once (《…》, not 《《…》》)', () => {
    const data = { ...sampleDocumentData['answer-brief'], legalBasis: [{ title: '《中华人民共和国行政处罚法》', articles: '第三十条' }, { title: '中华人民共和国行政诉讼法', articles: '第六十七条' }] };
    const text = textOf(registry.render('answer-brief', data).html);
    expect(text).toContain('《中华人民共和国行政处罚法》第三十条');
    expect(text).toContain('《中华人民共和国行政诉讼法》第六十七条');
    expect(text).not.toContain('《《');
  });

  it('never uses unescaped output ({{{ }}}), so user data is always escaped', () => {
    for (const file of readdirSync(templateDir)) expect(readFileSync(path.join(templateDir, file), 'utf8'), file).not.toContain('{{{');
  });

  it.each(documentKinds)('renders %s for the full sample case', (kind) => {
    const { html, title } = registry.render(kind, sampleDocumentData[kind]);
    expect(title).toBe(DOCUMENT_KINDS[kind].title);
    expect(html).toContain('<main class="document">');
    for (const expected of expectedText[kind]) expect(textOf(html), `${kind}: ${expected}`).toContain(expected);
  });

  it('numbers evidence continuously across groups and names the Art. 15 objections', () => {
    const list = textOf(registry.render('evidence-list', sampleDocumentData['evidence-list']).html);
    expect(list).toMatch(/一、职权依据[\s\S]*二、事实证据[\s\S]*三、程序证据/);
    const brief = textOf(registry.render('answer-brief', sampleDocumentData['answer-brief']).html);
    expect(brief).toContain('五、关于原告起诉不符合法定条件的意见');
    expect(brief).toContain('原告不具备行政诉讼原告主体资格');
    expect(brief).toContain('六、答辩请求');
  });

  it('refuses missing required data, naming the fields in Chinese and English', () => {
    const { court: _court, agency, ...rest } = sampleDocumentData['answer-brief'] as Record<string, any>;
    const data = { ...rest, agency: { ...agency, legalRepresentative: { name: '李明' } } };
    let error: unknown;
    try {
      registry.render('answer-brief', data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DocumentDataError);
    const fields = (error as DocumentDataError).issues.map((i) => i.field);
    expect(fields).toContain('documentData.court');
    expect(fields).toContain('documentData.agency.legalRepresentative.post');
    expect((error as Error).message).toMatch(/文书「行政答辩状」数据不完整 \/ document data for answer-brief is incomplete/);
    expect((error as Error).message).toContain('缺少必填数据 / required data is missing');
  });

  it('refuses an evidence-extension application dated after the evidence period', () => {
    expect(() => registry.render('evidence-extension-application', { ...sampleDocumentData['evidence-extension-application'], date: '2026-10-09' })).toThrow(
      /延期申请应在举证期限届满前提出/,
    );
  });

  it('fails a template that uses data the schema does not provide (strict mode), instead of printing a blank', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'templates-'));
    for (const file of readdirSync(templateDir)) copyFileSync(path.join(templateDir, file), path.join(dir, file));
    const broken = readFileSync(path.join(dir, 'power-of-attorney.hbs'), 'utf8').replace('<h1 class="title">授权委托书</h1>', '<h1 class="title">授权委托书{{agency.seal}}</h1>');
    writeFileSync(path.join(dir, 'power-of-attorney.hbs'), broken);
    const strict = new TemplateRegistry(dir);
    expect(() => strict.render('power-of-attorney', sampleDocumentData['power-of-attorney'])).toThrow(/缺少数据「seal」/);
  });

  it('escapes user data: markup and Handlebars syntax print literally', () => {
    const data = structuredClone(sampleDocumentData['answer-brief']) as Record<string, any>;
    data.plaintiffs[0].name = '<script>alert(1)</script>';
    data.facts = '{{x}} 与 {{{y}}} & "引号"';
    const { html } = registry.render('answer-brief', data);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('{{x}} 与 {{{y}}} &amp; &quot;引号&quot;');
  });
});
