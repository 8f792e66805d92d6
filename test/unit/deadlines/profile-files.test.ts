// Unit tier: the rule profiles as data files (issue 16): profiles/*.yaml load into exactly the profiles the
// TypeScript held before the move, the deadline table computed from them is unchanged, the JSON Schema
// is what the zod schema generates, and a broken file names its file, line and field.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProfiles, ProfileFileError } from '../../../src/deadlines/profile-files.ts';
import { parseProfileVersion } from '../../../src/deadlines/profile-schema.ts';
import { PROFILES, PROFILES_DIR } from '../../../src/deadlines/profiles.ts';
import { InputError } from '../../../src/errors.ts';
import { OUTPUT, renderProfileSchema } from '../../../scripts/profile-schema.ts';
import { deadlineTable } from '../../fixtures/profiles/deadline-table.ts';
import { notificationTable } from '../../fixtures/profiles/notification-table.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/profiles/${name}`, import.meta.url), 'utf8');

describe('the move to data files changed nothing', () => {
  // The fixtures were dumped from src/deadlines/profiles.ts before the move; a deliberate change of a
  // profile file updates them in the same commit, so the review sees the difference.
  it('the loaded profiles equal the TypeScript profiles before the move, field for field', () => {
    // the notification routing joined the files later; it is pinned by its own table below
    const withoutRouting = PROFILES.map(({ notifications: _, ...profile }) => profile);
    expect(withoutRouting).toStrictEqual(JSON.parse(fixture('profiles-before-data-files.json')));
  });

  it('who is told what: every event × profile routes as the TypeScript overrides did', () => {
    expect(notificationTable()).toStrictEqual(JSON.parse(fixture('notification-routing-before-data-files.json')));
    expect(PROFILES.filter((p) => p.notifications).map((p) => p.id)).toEqual(['yantai', 'hunan', 'liaocheng', 'jinghai']);
  });

  it('every profile × rule × trigger date gives the same deadline, status, source and explanation', () => {
    const before = fixture('deadline-table.txt').trimEnd().split('\n');
    const now = deadlineTable();
    expect(now.length).toBe(before.length);
    expect(now).toEqual(before);
  });
});

describe('profiles/profile.schema.json', () => {
  it('is what `npm run docs:profile-schema` generates from the zod schema now', () => {
    expect(readFileSync(join(PROFILES_DIR, 'profile.schema.json'), 'utf8'), `run \`npm run docs:profile-schema\` and commit ${OUTPUT}`).toBe(renderProfileSchema());
  });

  it('is named by every profile file for the editors', () => {
    for (const f of readdirSync(PROFILES_DIR).filter((f) => f.endsWith('.yaml') && f !== 'index.yaml')) {
      expect(readFileSync(join(PROFILES_DIR, f), 'utf8').split('\n')[0], f).toBe('# yaml-language-server: $schema=./profile.schema.json');
    }
  });
});

describe('the production image reads the files', () => {
  it('loads under Node\'s own type stripping (test setups, scripts) and from any working directory', () => {
    const module = new URL('../../../src/deadlines/profiles.ts', import.meta.url).href;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(module)}); console.log(m.PROFILES.map((p) => p.id).join(','))`], {
      cwd: tmpdir(),
      encoding: 'utf8',
    });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.stdout.trim()).toBe(PROFILES.map((p) => p.id).join(','));
  });


  it('yaml is a runtime dependency (the image installs with --omit=dev) and the build context keeps profiles/', () => {
    const root = new URL('../../../', import.meta.url);
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.yaml).toBeTruthy();
    expect(readFileSync(new URL('deploy/app.Dockerfile', root), 'utf8')).toMatch(/^COPY \. \.$/m);
    const ignored = readFileSync(new URL('deploy/app.Dockerfile.dockerignore', root), 'utf8').split('\n').map((l) => l.trim());
    expect(ignored.filter((l) => /^\/?(profiles|\*\.yaml|\*\*\/\*\.yaml)\/?$/.test(l))).toEqual([]);
  });
});

/** A copy of profiles/ in a temporary folder, one file changed by `edit`. */
let tmp: string | undefined;
afterEach(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
});
function withEdit(file: string, edit: (text: string) => string): { dir: string; text: string } {
  tmp = mkdtempSync(join(tmpdir(), 'profiles-'));
  cpSync(PROFILES_DIR, tmp, { recursive: true });
  const path = join(tmp, file);
  const text = edit(readFileSync(path, 'utf8'));
  writeFileSync(path, text);
  return { dir: tmp, text };
}

/** The problems loadProfiles reports for a folder (it must throw). */
function problemsOf(dir: string): string[] {
  try {
    loadProfiles(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileFileError);
    expect((e as Error).message).toContain('rule profiles are invalid');
    return (e as ProfileFileError).problems;
  }
  throw new Error('loadProfiles accepted a broken folder');
}

/** 1-based line of the first line containing `needle` after the line containing `after`. */
function lineOf(text: string, needle: string, after = ''): number {
  const lines = text.split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  expect(start, after).toBeGreaterThanOrEqual(0);
  const i = lines.findIndex((l, n) => n >= start && l.includes(needle));
  expect(i, needle).toBeGreaterThanOrEqual(0);
  return i + 1;
}

/** Replaces the first occurrence of `from` after the line containing `after`. */
const replaceAfter = (after: string, from: string, to: string) => (text: string) => {
  const at = text.indexOf(after);
  expect(at, after).toBeGreaterThanOrEqual(0);
  const i = text.indexOf(from, at);
  expect(i, from).toBeGreaterThanOrEqual(0);
  return text.slice(0, i) + to + text.slice(i + from.length);
};

describe('a broken profile file names the file, the line and the field', () => {
  it('a negative period: versions[0].rules[3].period.amount, expected a positive integer', () => {
    const { dir, text } = withEdit('liaocheng.yaml', replaceAfter('id: head-absence-report', 'amount: 1', 'amount: -1'));
    expect(problemsOf(dir)).toEqual([
      `${join(dir, 'liaocheng.yaml')}:${lineOf(text, 'amount: -1')} versions[0].rules[3].period.amount: expected a positive integer（应为正整数）`,
    ]);
  });

  it('a text where a number belongs; a zero period where the rule sets it (checked once the structure is valid)', () => {
    const typed = withEdit('national.yaml', replaceAfter('id: appeal-judgment', 'amount: 15', "amount: '15'"));
    expect(problemsOf(typed.dir)).toEqual([`${join(typed.dir, 'national.yaml')}:${lineOf(typed.text, "amount: '15'")} versions[0].rules[8].period.amount: expected a whole number of days or months`]);
    const zero = withEdit('national.yaml', replaceAfter('id: appeal-ruling', 'amount: 10', 'amount: 0'));
    expect(problemsOf(zero.dir)).toEqual([`${join(zero.dir, 'national.yaml')}:${lineOf(zero.text, 'amount: 0', 'id: appeal-ruling')} versions[0].rules[9].period.amount: expected a positive integer（应为正整数）`]);
  });

  it('a rule without its citation, or with an empty article', () => {
    const { dir, text } = withEdit('tengzhou.yaml', (t) =>
      replaceAfter('id: head-appearance-rate', '        source:\n          file: 003_0e14abe5e5e19f52.txt\n', '        sauce:\n          file: 003_0e14abe5e5e19f52.txt\n')(
        replaceAfter('id: quarterly-circular', 'article: 三、（三）', "article: ' '")(t),
      ),
    );
    const file = join(dir, 'tengzhou.yaml');
    expect(problemsOf(dir)).toEqual([
      `${file}:${lineOf(text, "article: ' '")} versions[0].rules[1].source.article: the article or section must not be empty（不能为空）`,
      `${file}:${lineOf(text, '- kind: threshold')} versions[0].rules[2].source: required: the source citation (document, article, and file for a seed policy)`,
      `${file}:${lineOf(text, 'sauce:')} versions[0].rules[2].sauce: unknown field (a typo?)`,
    ]);
  });

  it('a local rule that does not cite its seed file', () => {
    const { dir, text } = withEdit('yantai.yaml', replaceAfter('id: training', '          file: 000_7288109d50e53de4.txt\n', ''));
    expect(problemsOf(dir)).toEqual([`${join(dir, 'yantai.yaml')}:${lineOf(text, 'source:', 'id: training')} versions[0].rules[3].source.file: required: the seed file of this version's policy (000_7288109d50e53de4.txt)`]);
  });

  it('an unknown trigger and an unknown stage', () => {
    const { dir, text } = withEdit('jinghai.yaml', (t) =>
      replaceAfter('id: post-answer-filing', 'stages: [ answer ]', 'stages: [ answering ]')(replaceAfter('id: forwarding', 'appealCopyReceivedOn', 'appealCopyReceived')(t)),
    );
    const file = join(dir, 'jinghai.yaml');
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe(`${file}:${lineOf(text, 'appealCopyReceived ]')} versions[0].rules[0].triggers[1]: unknown trigger "appealCopyReceived"; known: complaintReceivedOn, filedOn, answerDueOn, plannedSubmissionOn, answerSubmittedOn, evidenceObstacleEndedOn, obstacleEndedOn, hearingAt, judgmentServedOn, effectiveOn, appealCopyReceivedOn, appealFiledOn, retrialPetitionReceivedOn, retrialFiledOn, recommendationReceivedOn, decisionOn, reportYearEnd, reportPeriodEnd`);
    expect(problems[1]).toMatch(new RegExp(`^${escape(file)}:${lineOf(text, 'answering')} versions\\[0\\]\\.rules\\[2\\]\\.stages\\[0\\]: unknown stage "answering"; known: registration, answer,`));
  });

  it('notification routing: an unknown event and an unknown recipient role', () => {
    const { dir, text } = withEdit('liaocheng.yaml', (t) => t.replace('  quota.at-risk:\n    recipients: [ principal-head,', '  quota.at-risk:\n    recipients: [ principal,').replace('  hearing.head-unable:', '  hearing.head-unabel:'));
    const file = join(dir, 'liaocheng.yaml');
    expect(problemsOf(dir)).toEqual([
      `${file}:${lineOf(text, 'recipients: [ principal,')} notifications.quota.at-risk.recipients[0]: unknown recipient role "principal"; known: clerk, handler, legal-affairs, legal-counsel, deputy-head, principal-head, justice-bureau, head`,
      `${file}:${lineOf(text, 'hearing.head-unabel:')} notifications.hearing.head-unabel: unknown field (a typo?)`,
    ]);
  });

  it('a duplicate rule id: the second rule of that id is named', () => {
    const { dir, text } = withEdit('jinghai.yaml', replaceAfter('id: accountability-letter', 'id: accountability-letter', 'id: loss-analysis-report'));
    const lines = text.split('\n');
    const second = lines.findIndex((l, i) => l.includes('id: loss-analysis-report') && i + 1 > lineOf(text, 'id: loss-analysis-report')) + 1;
    expect(problemsOf(dir)).toEqual([`${join(dir, 'jinghai.yaml')}:${second} versions[0].rules[4].id: duplicate rule id loss-analysis-report (also rules[3])`]);
  });

  it('versions out of order: validTo before validFrom; two versions that overlap', () => {
    const early = withEdit('liaocheng.yaml', (t) => t.replace("validTo: '2027-01-31'", "validTo: '2021-01-31'"));
    expect(problemsOf(early.dir)).toEqual([`${join(early.dir, 'liaocheng.yaml')}:${lineOf(early.text, "validTo: '2021-01-31'")} versions[0].validTo: must be later than validFrom 2022-02-01`]);
    const newVersion = [
      "  - validFrom: '2026-07-01'",
      '    validTo: null',
      '    document: 聊城市行政应诉工作管理办法（修订）',
      '    file: 002_963c834d180c3dcb.txt',
      '    rules: []',
      '',
    ].join('\n');
    const { dir, text } = withEdit('liaocheng.yaml', (t) => `${t.trimEnd()}\n${newVersion}`);
    expect(problemsOf(dir)).toEqual([`${join(dir, 'liaocheng.yaml')}:${lineOf(text, "validFrom: '2026-07-01'")} versions[1].validFrom: overlaps versions[0] (2022-02-01 to 2027-01-31)`]);
  });

  it('an unknown parent, a file holding another profile, a file the index does not list', () => {
    const { dir, text } = withEdit('hunan.yaml', (t) => t.replace('parent: national', 'parent: natonal').replace('id: hunan\n', 'id: hunan-province\n'));
    writeFileSync(join(dir, 'guangdong.yaml'), readFileSync(join(dir, 'yantai.yaml'), 'utf8').replace('id: yantai', 'id: guangdong'));
    const file = join(dir, 'hunan.yaml');
    expect(problemsOf(dir)).toEqual([
      `${join(dir, 'guangdong.yaml')}: not listed in ${join(dir, 'index.yaml')} (add its id where it belongs in the list)`,
      `${file}:${lineOf(text, 'id: hunan-province')} id: the file hunan.yaml must hold the profile hunan, not hunan-province`,
      `${file}:${lineOf(text, 'parent: natonal')} parent: unknown profile natonal`,
    ]);
  });

  it('an overlay listed before its parent, an index naming a missing file', () => {
    const { dir, text } = withEdit('index.yaml', (t) => t.replace('  - national\n  - yantai\n', '  - yantai\n  - national\n').replace('  - jinghai\n', '  - jinghai\n  - macao\n'));
    const index = join(dir, 'index.yaml');
    expect(problemsOf(dir)).toEqual([
      `${join(dir, 'yantai.yaml')}:${lineOf(readFileSync(join(dir, 'yantai.yaml'), 'utf8'), 'parent: national')} parent: unknown profile national (it must come before yantai in ${index})`,
      `${index}:${lineOf(text, '- macao')} profiles[6]: no file ${join(dir, 'macao.yaml')}`,
    ]);
  });

  it('YAML syntax: a duplicate key and a bad indentation are reported at their line', () => {
    const { dir, text } = withEdit('tengzhou.yaml', (t) => t.replace('name: 滕州市\n', 'name: 滕州市\nname: 滕州\n'));
    const [problem] = problemsOf(dir);
    expect(problem).toMatch(new RegExp(`^${escape(join(dir, 'tengzhou.yaml'))}:${lineOf(text, 'name: 滕州市') + 1} .*[Mm]ap keys must be unique`));
    rmSync(tmp!, { recursive: true, force: true });
    const bad = withEdit('yantai.yaml', replaceAfter('id: training', '        name: 应诉培训次数', '      name: 应诉培训次数'));
    const problems = problemsOf(bad.dir);
    expect(problems[0]).toMatch(new RegExp(`^${escape(join(bad.dir, 'yantai.yaml'))}:(${lineOf(bad.text, 'name: 应诉培训次数', 'id: training')}|${lineOf(bad.text, 'name: 应诉培训次数', 'id: training') + 1}) `));
  });
});

describe('parseProfileVersion (a version submitted as data, e.g. a draft in JSON)', () => {
  const liaocheng = () => structuredClone(PROFILES.find((p) => p.id === 'liaocheng')!.versions[0]!);

  it('returns a valid version as the engine types it', () => {
    const version = liaocheng();
    expect(parseProfileVersion(JSON.parse(JSON.stringify(version)))).toStrictEqual(version);
  });

  it('throws InputError naming every bad field', () => {
    const version = liaocheng() as unknown as { validTo: string; rules: Record<string, unknown>[] };
    version.validTo = '2027-02-30';
    (version.rules[3]!.period as { amount: number }).amount = -1;
    version.rules[4]!.triggers = ['reportYearEnd', 'someday'];
    delete version.rules[5]!.catalog;
    let error: unknown;
    try {
      parseProfileVersion(version);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues).toEqual([
      { field: 'validTo', message: 'expected a real date YYYY-MM-DD（应为有效日期）' },
      { field: 'rules[3].period.amount', message: 'expected a positive integer（应为正整数）' },
      { field: 'rules[4].triggers[1]', message: expect.stringContaining('unknown trigger "someday"') },
      { field: 'rules[5].catalog', message: 'expected the rules catalogue row(s), e.g. "C01; §2.1"' },
    ]);
  });

  it('rejects what is not a version at all', () => {
    expect(() => parseProfileVersion(null)).toThrow(InputError);
    expect(() => parseProfileVersion({ validFrom: '2026-01-01', validTo: null, document: '示例', rules: [{ kind: 'deadline' }] })).toThrow(/rules\[0\]\.id/);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
