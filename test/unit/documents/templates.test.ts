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
    for (const kind of documentKinds) expect(registry.templateVersion(kind)).toMatch(/^\d+\.\d+\+[0-9a-f]{8}$/);
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

  it('numbers evidence by category (1-1, 2-1, 2-2 …) and lists the normative documents (ALL Art. 67)', () => {
    const list = textOf(registry.render('evidence-list', sampleDocumentData['evidence-list']).html);
    expect(list).toMatch(/第一类　职权依据\s*[\s\S]*?1-1[\s\S]*第二类　事实证据[\s\S]*?2-1[\s\S]*?2-2[\s\S]*第三类　程序证据[\s\S]*?3-1/);
    expect(list).toMatch(/法律依据清单[\s\S]*《国有土地上房屋征收与补偿条例》/);
    expect(() => registry.render('evidence-list', { ...sampleDocumentData['evidence-list'], normativeBasis: [] })).toThrow(/第六十七条/);
  });

  it('puts objections to admissibility before the merits, with the request to dismiss the suit', () => {
    const brief = textOf(registry.render('answer-brief', sampleDocumentData['answer-brief']).html);
    expect(brief).toMatch(/一、关于原告的起诉不符合法定起诉条件[\s\S]*原告起诉超过法定起诉期限[\s\S]*二、原告的诉讼请求[\s\S]*六、答辩请求/);
    expect(brief).toContain('请求人民法院依法裁定驳回原告的起诉；如人民法院认为原告的起诉符合法定起诉条件，请求依法判决驳回原告的诉讼请求。');
    const merits = textOf(registry.render('answer-brief', { ...sampleDocumentData['answer-brief'], objections: [] }).html);
    expect(merits).toMatch(/一、原告的诉讼请求[\s\S]*五、答辩请求\s*[\s\S]*请求人民法院依法判决驳回原告的诉讼请求。/);
    expect(merits).not.toContain('驳回原告的起诉');
  });

  it('labels the parties and names the answering party before the seal, with the right title at each level', () => {
    const first = textOf(registry.render('answer-brief', { ...sampleDocumentData['answer-brief'], thirdParties: [{ name: '聊城某某物业公司', kind: 'enterprise', legalRepresentative: '吴某' }] }).html);
    expect(first).toContain('答辩人（被告）：聊城市东昌府区人民政府，住所地：山东省聊城市东昌府区柳园南路1号。');
    expect(first).toContain('联系电话：0635-8888123。');
    expect(first).toContain('原告：王某某，住址：山东省聊城市东昌府区古楼街道某某小区3号楼。');
    expect(first).toContain('原告：聊城某某置业有限公司。法定代表人：陈某。');
    expect(first).toContain('第三人：聊城某某物业公司。法定代表人：吴某。');
    expect(first).toContain('答辩人：聊城市东昌府区人民政府（盖章）');
    const titleOf = (level: string) => registry.render('answer-brief', { ...sampleDocumentData['answer-brief'], level }).html.match(/<h1 class="title">(.*?)<\/h1>/)![1];
    expect([titleOf('first'), titleOf('second'), titleOf('retrial')]).toEqual(['行政答辩状', '上诉答辩状', '再审答辩意见']);
    expect(textOf(registry.render('answer-brief', { ...sampleDocumentData['answer-brief'], level: 'second' }).html)).toContain('上诉人（原审原告）：王某某');
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

describe('what a court and an office accept (issue 12 §2)', () => {
  const registry = new TemplateRegistry(path.join(projectRoot, 'src', 'documents', 'templates'));
  const text = (kind: 'head-absence-explanation' | 'appeal-proposal', data: Record<string, unknown>) => textOf(registry.render(kind, data).html);

  it('addresses the head-absence explanation to the court once, sealed by the agency or signed by the principal head', () => {
    const sealed = text('head-absence-explanation', sampleDocumentData['head-absence-explanation']!);
    expect(sealed.split('山东省聊城市中级人民法院').length - 1).toBe(1);
    expect(sealed).not.toContain('此致');
    expect(sealed).toContain('聊城市东昌府区人民政府（盖章）');
    const signed = text('head-absence-explanation', { ...sampleDocumentData['head-absence-explanation'], signedBy: 'principal-head', principalHead: { name: '李明', post: '区长' } });
    expect(signed).toContain('主要负责人（签字）：李明');
    expect(() => registry.render('head-absence-explanation', { ...sampleDocumentData['head-absence-explanation'], signedBy: 'principal-head' })).toThrow(/主要负责人/);
  });

  it('prints the justice-bureau filing line of an appeal proposal only where the profile requires it (Liaocheng Art. 33)', () => {
    expect(text('appeal-proposal', sampleDocumentData['appeal-proposal']!)).toContain('报同级司法行政机关备案');
    expect(text('appeal-proposal', { ...sampleDocumentData['appeal-proposal'], profile: 'yantai' })).not.toContain('备案');
  });
});

describe('the new filings: 行政上诉状, 再审申请书, 延期开庭申请书', () => {
  const registry = new TemplateRegistry(path.join(projectRoot, 'src', 'documents', 'templates'));
  it('refuses an appeal dated after the appeal deadline, a retrial without a statutory ground, a postponement dated after the hearing', () => {
    expect(() => registry.render('administrative-appeal', { ...sampleDocumentData['administrative-appeal'], date: '2026-12-17' })).toThrow(/第八十五条/);
    expect(() => registry.render('retrial-application', { ...sampleDocumentData['retrial-application'], grounds: [] })).toThrow(/第九十一条/);
    expect(() => registry.render('hearing-postponement-application', { ...sampleDocumentData['hearing-postponement-application'], date: '2026-11-13' })).toThrow(/开庭前/);
  });

  it('writes a hearing time in Beijing time whatever offset it carries', () => {
    const text = textOf(registry.render('hearing-postponement-application', { ...sampleDocumentData['hearing-postponement-application'], hearingAt: '2026-11-12T01:30:00Z' }).html);
    expect(text).toContain('原定于2026年11月12日9时30分的开庭');
  });
});

describe('the reply to a recommendation (YT 三、（一）)', () => {
  const registry = new TemplateRegistry(path.join(projectRoot, 'src', 'documents', 'templates'));
  it('is copied to the government legal-affairs body in Yantai, and only where named elsewhere', () => {
    const reply = sampleDocumentData['judicial-recommendation-reply']!;
    expect(textOf(registry.render('judicial-recommendation-reply', { ...reply, profile: 'yantai' }).html)).toContain('抄送：本级人民政府法制机构。');
    expect(textOf(registry.render('judicial-recommendation-reply', { ...reply, profile: 'liaocheng' }).html)).not.toContain('抄送');
    expect(textOf(registry.render('judicial-recommendation-reply', { ...reply, profile: 'hunan', copyTo: ['湖南省人民政府法制办公室'] }).html)).toContain('抄送：湖南省人民政府法制办公室。');
  });
});

describe('the accountability letter (问责追责意见函, JH 二、（三）3)', () => {
  const registry = new TemplateRegistry(path.join(projectRoot, 'src', 'documents', 'templates'));
  const letter = sampleDocumentData['accountability-letter']!;
  const issuerError = (data: Record<string, unknown>) => {
    try {
      registry.render('accountability-letter', data);
    } catch (e) {
      return e instanceof DocumentDataError ? e.issues.find((i) => i.field === 'documentData.issuer')?.message : String(e);
    }
    return undefined;
  };
  it('is sealed by the district reconsideration body the Jinghai profile names', () => {
    const text = textOf(registry.render('accountability-letter', { ...letter, profile: 'jinghai', issuer: '天津市静海区行政复议委员会办公室' }).html);
    expect(text).toContain('天津市静海区行政复议委员会办公室（盖章）');
  });
  it('refuses a Jinghai letter sealed by the agency that lost, or by another body, naming the field', () => {
    expect(issuerError({ ...letter, profile: 'jinghai', issuer: '静海区某某局' })).toMatch(/由区行政复议机构函告并盖章（静海区实施方案 二、（三）3）/);
    expect(issuerError({ ...letter, profile: 'jinghai', issuer: '天津市静海区人民政府办公室' })).toMatch(/不是区行政复议机构/);
    // a profile that names no sealing body takes the issuer as given
    expect(issuerError({ ...letter, profile: 'national', issuer: '某市人民政府办公室' })).toBeUndefined();
  });
});
