import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../../../src/deadlines/calendar.ts';
import { assessRecommendation, obligationsText } from '../../../src/recommendations/reply.ts';
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

  it('a procuratorial recommendation uses the period it states (the seeds’ periods are for judicial ones); archived cases accept it', () => {
    expect(acceptsCourtEvent('archived', 'procuratorial-recommendation').accepted).toBe(true);
    expect(assessRecommendation(cal, { profile: 'hunan', kind: 'procuratorial', receivedOn: '2026-03-10', replyWithinDays: 60 }).reply!.due).toBe('2026-05-09');
    expect(assessRecommendation(cal, { profile: 'liaocheng', kind: 'procuratorial', receivedOn: '2026-03-10' }).obligations[0]!.source).toContain('第三十六条');
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
