// The Liaocheng enterprise-case seminar (LC Art. 23) on the real engine: a city department's first
// lost enterprise case of the year runs loss-analysis to its end without a seminar; once the past
// calendar year is closed with a loss rate above 10 %, the department's next loss analysis asks for
// one seminar for that year (the form shows why), and the one after that does not ask again.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordJudgmentOutcome } from '../../src/loss-analysis/loss.ts';
import { elementInstances } from '../helpers/engine.ts';
import { usePart2 } from '../helpers/part2-scenario.ts';

const s = usePart2();
const LC = '002_963c834d180c3dcb.txt';

describe('Liaocheng enterprise-case seminar (LC Art. 23) in loss-analysis', () => {
  it('not after one loss; for the closed year whose loss rate passed 10 %, once', async () => {
    const code = `lc-seminar-${randomUUID()}`;
    await s.db('agencies').insert({ code, name: '聊城市测试局', kind: 'department', level: 'city', profile: 'liaocheng' });
    const today = await s.today();
    const year = Number(today.slice(0, 4));
    const enterpriseCase = async (cause: string, receivedOn = today) => {
      const c = await s.createCase(code, { stage: 'judgment', cause, plaintiffs: [{ name: '聊城某建材有限公司', type: 'enterprise' }] });
      await s.db('cases').where({ id: c.caseId }).update({ complaint_received_on: receivedOn });
      return c;
    };
    const lossAnalysis = (caseId: string) => s.start('loss-analysis', { caseId, judgmentKind: 'judgment', judgmentOutcome: 'lost', judgmentServedOn: today, judgmentLevel: 'first', effectiveOn: today });

    // one lost enterprise case (a loss rate of 100 % so far this year): no seminar
    const first = await enterpriseCase('行政处罚');
    const li1 = await lossAnalysis(first.caseId);
    await s.finished(li1);
    expect(await elementInstances(s.rest, li1, 'l_seminar')).toHaveLength(0);
    expect(await s.variable(li1, 'enterpriseSeminarRequired')).toBe(false);

    // last year: 5 enterprise cases decided, 1 lost (20 %), in other fields (no repeated-loss analysis)
    for (let i = 0; i < 5; i++) {
      const c = await enterpriseCase(`行政许可${i}`, `${year - 1}-03-01`);
      await recordJudgmentOutcome(s.db, { caseId: c.caseId, level: 'first', kind: 'judgment', outcome: i === 0 ? 'lost' : 'won', servedOn: `${year - 1}-09-01`, effectiveOn: `${year - 1}-09-20` });
    }
    const second = await enterpriseCase('政府信息公开');
    const li2 = await lossAnalysis(second.caseId);
    const seminar = await s.task(li2, 'l_seminar');
    expect(seminar.formId).toBe('enterprise-case-seminar');
    const why = (await s.variable(li2, 'enterpriseSeminarReason')) as string;
    expect(why).toContain(`${year - 1}年涉企行政案件5件；生效裁判5件，败诉1件（败诉率20%）：年度败诉率超过10%`);
    expect(why).toContain(`${LC} 第二十三条`);
    await s.complete(li2, 'l_seminar', { seminarHeldOn: today, seminarConclusion: '涉企处罚应先行教育提示。' });
    await s.finished(li2);
    expect((await s.events(second.caseId)).find((e) => e.type === 'enterprise-seminar-held')!.payload).toMatchObject({ year: year - 1, heldOn: today });

    // the department's next loss: that year's seminar has been asked for already
    const third = await enterpriseCase('行政强制');
    const li3 = await lossAnalysis(third.caseId);
    await s.finished(li3);
    expect(await elementInstances(s.rest, li3, 'l_seminar')).toHaveLength(0);
  });
});
