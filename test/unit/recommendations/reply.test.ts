import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../../../src/deadlines/calendar.ts';
import { assessRecommendation, obligationsText, RECOMMENDATION_KINDS } from '../../../src/recommendations/reply.ts';
import { computeCaseDeadlines } from '../../../src/deadlines/case-deadlines.ts';
import { deadlineProcessVariables } from '../../../src/deadlines/process-variables.ts';
import type { StoredDeadline } from '../../../src/deadlines/ledger.ts';
import { feelValue } from '../../helpers/feel-drift.ts';
import { acceptsCourtEvent } from '../../../src/judgment/court-events.ts';

const cal = packagedCalendar();
const YT = '000_7288109d50e53de4.txt';
const HN = '001_43aff403179c4a24.txt';

describe('judicial recommendations (司法建议)', () => {
  it('scenario 6: after the judgment, the reply deadline differs between Yantai (60 days) and Hunan (3 months)', () => {
    expect(acceptsCourtEvent('performance', 'judicial-recommendation').accepted).toBe(true);
    const yt = assessRecommendation(cal, { profile: 'yantai', kind: 'judicial', receivedOn: '2026-03-10' });
    const hn = assessRecommendation(cal, { profile: 'hunan', kind: 'judicial', receivedOn: '2026-03-10' });
    expect(yt.reply).toMatchObject({ rule: 'judicial-recommendation-reply', due: '2026-05-09', courtSet: false, source: expect.stringContaining(`${YT} 三、（一）`) });
    expect(hn.reply).toMatchObject({ rule: 'judicial-recommendation-reply', due: '2026-06-10', source: expect.stringContaining(`${HN} 七、（四）`) });
    expect(yt.obligations.map((o) => o.code)).toEqual(['yt-copy-legal-affairs']);
    expect(hn.obligations.map((o) => o.code)).toEqual(['hn-correct-act', 'hn-fix-rules']);
  });

  it('Yantai: the court’s own period replaces the 60 days', () => {
    const r = assessRecommendation(cal, { profile: 'yantai', kind: 'judicial', receivedOn: '2026-03-10', replyWithinDays: 30 });
    expect(r.reply).toMatchObject({ due: '2026-04-09', courtSet: true });
  });

  it.each(['liaocheng', 'jinghai', 'national', 'tengzhou'])('%s: the period the court sets; without one, reply promptly', (profile) => {
    expect(assessRecommendation(cal, { profile, kind: 'judicial', receivedOn: '2026-03-10' })).toMatchObject({ reply: null, needsPeriodFromRecommendation: true });
    expect(assessRecommendation(cal, { profile, kind: 'judicial', receivedOn: '2026-03-10', replyWithinDays: 30 }).reply).toMatchObject({ due: '2026-04-09', courtSet: true });
  });

  it('Hunan: a period the court sets that is shorter than 3 months wins (湘政办发〔2017〕9号 七、（四） is the default, not a licence to be late)', () => {
    const r = assessRecommendation(cal, { profile: 'hunan', kind: 'judicial', receivedOn: '2026-03-10', replyWithinDays: 30 });
    expect(r.reply).toMatchObject({ rule: 'judicial-recommendation-reply', due: '2026-04-09', dueAt: '2026-04-09T23:59:59+08:00', courtSet: true, source: expect.stringContaining('人民法院司法建议书') });
    expect(r.reply!.explanation).toContain('人民法院确定的期限为30日');
    // the duties of 七、（四） still apply
    expect(r.obligations.map((o) => o.code)).toEqual(['hn-correct-act', 'hn-fix-rules']);
  });

  it.each(['national', 'yantai', 'hunan', 'liaocheng', 'tengzhou', 'jinghai'])('%s: the period the recommendation sets wins over the profile’s default, for every kind', (profile) => {
    for (const kind of RECOMMENDATION_KINDS) {
      for (const [days, due] of [[30, '2026-04-09'], [120, '2026-07-08']] as const) {
        expect(assessRecommendation(cal, { profile, kind, receivedOn: '2026-03-10', replyWithinDays: days }).reply, `${kind} ${days}`).toMatchObject({ due, courtSet: true });
      }
    }
  });

  it('a procuratorial recommendation uses the period it states (the seeds’ periods are for judicial ones); archived cases accept it', () => {
    expect(acceptsCourtEvent('archived', 'procuratorial-recommendation').accepted).toBe(true);
    expect(assessRecommendation(cal, { profile: 'hunan', kind: 'procuratorial', receivedOn: '2026-03-10', replyWithinDays: 60 }).reply!.due).toBe('2026-05-09');
    expect(assessRecommendation(cal, { profile: 'liaocheng', kind: 'procuratorial', receivedOn: '2026-03-10' }).obligations[0]!.source).toContain('第三十六条');
  });

  it('检察建议 (LC Art. 36): its own rule and citation; Yantai’s 60 days and Hunan’s 3 months and duties are for 司法建议 only', () => {
    const lc = assessRecommendation(cal, { profile: 'liaocheng', kind: 'procuratorial', receivedOn: '2026-03-10', replyWithinDays: 60 });
    expect(lc.reply).toMatchObject({ rule: 'procuratorial-recommendation-reply', due: '2026-05-09', source: expect.stringContaining('人民检察院检察建议书') });
    expect(lc.obligations.map((o) => o.code)).toEqual(['lc-reply-promptly']);
    expect(assessRecommendation(cal, { profile: 'yantai', kind: 'procuratorial', receivedOn: '2026-03-10' })).toMatchObject({ reply: null, needsPeriodFromRecommendation: true, obligations: [] });
    expect(assessRecommendation(cal, { profile: 'hunan', kind: 'procuratorial', receivedOn: '2026-03-10' })).toMatchObject({ reply: null, obligations: [] });
  });

  it('规范性文件处理建议书 (JH 一、（七）): its own rule and citation, the Jinghai duty; none from Liaocheng’s Art. 36', () => {
    const jh = assessRecommendation(cal, { profile: 'jinghai', kind: 'normative-document', receivedOn: '2026-03-10', replyWithinDays: 30 });
    expect(jh.reply).toMatchObject({ rule: 'normative-document-recommendation-reply', due: '2026-04-09', source: expect.stringContaining('规范性文件处理建议书') });
    expect(jh.obligations).toEqual([expect.objectContaining({ code: 'jh-reply-in-period', source: expect.stringContaining('004_b8935aaaa4c0ff62.txt 一、（七）') })]);
    expect(assessRecommendation(cal, { profile: 'liaocheng', kind: 'normative-document', receivedOn: '2026-03-10' })).toMatchObject({ reply: null, obligations: [] });
  });

  it('bad input names the field', () => {
    expect(() => assessRecommendation(cal, { profile: 'hunan', kind: 'judicial', receivedOn: 'soon' })).toThrow(/receivedOn/);
    expect(() => assessRecommendation(cal, { profile: 'hunan', kind: 'advice', receivedOn: '2026-03-10' })).toThrow(/kind/);
  });
});

describe('the duties as one line (recommendationObligationsText, for the reply forms)', () => {
  // the FEEL output mapping of r_assess in judicial-recommendation.bpmn on main, which it replaces
  const OLD_FEEL = '=string join(for r in recommendationAssessment.obligations return r.text + "（" + r.source + "）", "；")';

  it.each(['yantai', 'hunan', 'liaocheng', 'jinghai', 'national', 'tengzhou'])('%s: "text（source）" joined by "；", as the FEEL mapping gave', (profile) => {
    for (const kind of ['judicial', 'procuratorial'] as const) {
      const a = assessRecommendation(cal, { profile, kind, receivedOn: '2026-03-10', replyWithinDays: 30 });
      expect(obligationsText(a.obligations)).toBe(feelValue(OLD_FEEL, { recommendationAssessment: a }));
    }
  });

  it('Hunan: both duties with their source; none gives the empty text', () => {
    const hn = assessRecommendation(cal, { profile: 'hunan', kind: 'judicial', receivedOn: '2026-03-10' });
    const text = obligationsText(hn.obligations);
    expect(text.split('；')).toHaveLength(2);
    expect(text).toContain('纠正违法行政行为');
    expect(text).toMatch(new RegExp(`^司法建议涉及行政行为违法.*（${HN} 七、（四）.*）；司法建议涉及法律`));
    expect(obligationsText([])).toBe('');
    expect(obligationsText([])).toBe(feelValue(OLD_FEEL, { recommendationAssessment: { obligations: [] } }));
    expect(obligationsText([{ text: '甲', source: '乙' }])).toBe('甲（乙）');
  });
});

describe('the reply deadline in the case’s deadlines (deadlines.compute)', () => {
  const stored = (profile: string, options: Record<string, unknown>) =>
    computeCaseDeadlines(cal, { profile, triggers: { recommendationReceivedOn: '2026-03-10' }, options }, ['recommendation']).map(
      (d) => ({ ...d, id: d.rule, stage: d.stage }) as unknown as StoredDeadline,
    );

  it('Hunan with a court period of 30 days: the stored deadline and the reminder timer follow the court', () => {
    const deadlines = stored('hunan', { replyWithinDays: 30 });
    expect(deadlines.map((d) => [d.rule, d.due])).toEqual([['judicial-recommendation-reply', '2026-04-09']]);
    const v = deadlineProcessVariables(cal, deadlines);
    // the names the diagram's timers read, whatever the kind
    expect(v).toMatchObject({ recommendationReplyDueAt: '2026-04-09T23:59:59+08:00', recommendationReplyRemindT5At: '2026-04-03T09:00:00+08:00' });
  });

  it('one rule per kind, by the recommendationKind option (absent: judicial)', () => {
    expect(stored('hunan', {}).map((d) => [d.rule, d.due])).toEqual([['judicial-recommendation-reply', '2026-06-10']]);
    expect(stored('hunan', { recommendationKind: 'procuratorial' })).toEqual([]); // no period stated: nothing to store
    expect(stored('hunan', { recommendationKind: 'procuratorial', replyWithinDays: 60 }).map((d) => [d.rule, d.due])).toEqual([['procuratorial-recommendation-reply', '2026-05-09']]);
    const jh = stored('jinghai', { recommendationKind: 'normative-document', replyWithinDays: 30 });
    expect(jh.map((d) => [d.rule, d.name, d.due])).toEqual([['normative-document-recommendation-reply', '规范性文件处理建议回复期限', '2026-04-09']]);
    expect(deadlineProcessVariables(cal, jh)).toMatchObject({ recommendationReplyDue: '2026-04-09' });
  });
});
