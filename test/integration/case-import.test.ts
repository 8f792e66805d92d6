// integration tier (the project's engine app and the ledger): a 1,000-row ledger of cases already in
// progress, uploaded through POST /api/imports by a justice bureau for its region, is registered in
// the background and each case's process is started through the engine outbox at the stage it has
// reached — the instances wait at the right activities, with the known dates as variables. No worker
// runs in this file, so each instance stays where it started; they are deleted at the end so that no
// later file's workers meet them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import request from 'supertest';
import { startEngineCommandDispatcher, type EngineCommandDispatcher } from '../../src/engine-commands/engine-command-dispatcher.ts';
import { createApp } from '../../src/http/app.ts';
import { startCaseImportRunner, type CaseImportRunner } from '../../src/imports/case-import-jobs.ts';
import { seedDemoRegion } from '../../src/seed/demo-region.ts';
import { useEngine, waitUntil } from '../helpers/engine.ts';
import { excelDate, importWorkbook, type ImportSheetRow } from '../../src/imports/import-workbook.ts';
import { userOf, withToken } from '../helpers/principal.ts';
import { useTestDb } from '../helpers/test-db.ts';

const { engine, rest, config } = useEngine();
const db = useTestDb();
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
let commands: EngineCommandDispatcher | undefined;
let runner: CaseImportRunner | undefined;
let app: ReturnType<typeof createApp>;
const instanceIds: string[] = [];

const ROWS = 1_000;
// the stage each fifth of the ledger has reached, and the activity its main instance must wait at
const STAGES = [
  { label: '收件登记', stage: 'registration', waitsAt: 'cl_registration', extra: {} },
  { label: '答辩举证', stage: 'answer', waitsAt: 'cl_answer', extra: {} },
  { label: '答辩完毕，等待开庭', stage: 'awaiting-hearing', waitsAt: 'cl_wait_hearing', extra: { 答辩提交日期: excelDate('2026-10-20') } },
  { label: '出庭应诉', stage: 'hearing', waitsAt: 'cl_hearing', extra: { 答辩提交日期: excelDate('2026-10-20'), 开庭时间: '2026-11-26 09:30' } },
  { label: '裁判与上诉', stage: 'judgment', waitsAt: 'cl_judgment_stage', extra: { 裁判文书类型: '判决', 裁判结果: '胜诉', 裁判文书送达日期: excelDate('2026-11-20') } },
] as const;
const AGENCIES = ['liaocheng-dept', 'liaocheng-gov'];

function ledgerRow(n: number): ImportSheetRow {
  const s = STAGES[n % STAGES.length]!;
  return {
    被告机关: AGENCIES[n % 2],
    案号: `（2026）鲁15行初${7000 + n}号`,
    审级: '一审',
    法院: '聊城市中级人民法院',
    案由: n % 3 ? '行政处罚' : '政府信息公开',
    被诉行政行为: `聊城市某局第${n}号决定`,
    原告: n % 4 ? `张${n}` : `聊城某某${n}有限公司`,
    收到起诉状日期: excelDate(`2026-10-${String(1 + (n % 20)).padStart(2, '0')}`),
    当前阶段: s.label,
    ...s.extra,
  };
}

beforeAll(async () => {
  await seedDemoRegion(db);
  commands = startEngineCommandDispatcher({ db, engine, logger }, { pollMs: 300, maxRetryMs: 2_000 });
  runner = startCaseImportRunner({ db, commands, logger }, { pollMs: 1_000 });
  // the justice bureau's legal-affairs staff: the region's agencies are in scope, and it may register cases
  const bureau = await userOf(db, 'liaocheng-justice', ['legal-affairs', 'justice-bureau']);
  app = withToken(createApp({ config, db, engine, engineCommands: commands, caseImports: runner, logger }), bureau);
});

afterAll(async () => {
  await runner?.stop();
  await commands?.stop();
  // 4 at a time: the instances (and their called ones) go, so no later file's workers fetch their tasks
  for (let i = 0; i < instanceIds.length; i += 4) {
    await Promise.all(instanceIds.slice(i, i + 4).map((id) => rest.json('DELETE', `/process-instance/${id}?skipCustomListeners=true&skipIoMappings=true`).catch(() => undefined)));
  }
}, 300_000);

describe('import of a 1,000-row ledger on the engine', () => {
  it('registers every case and starts its process at the stage it has reached', { timeout: 600_000 }, async () => {
    const started = Date.now();
    const file = await importWorkbook(Array.from({ length: ROWS }, (_, n) => ledgerRow(n)));
    const res = await request(app).post('/api/imports').attach('file', file, '聊城存量案件.xlsx');
    expect(res.status).toBe(202);
    const job = await waitUntil(
      'the import finished',
      async () => {
        const progress = (await request(app).get(`/api/imports/${res.body.id}`)).body;
        return progress.status !== 'importing' && progress;
      },
      300_000,
      1_000,
    );
    expect(job).toMatchObject({ status: 'done', total: ROWS, processed: ROWS, errors: [] });
    expect(job.caseIds).toHaveLength(ROWS);
    const imported = Date.now();

    // every start command carried out: each case knows its main instance
    const cases = await waitUntil(
      'every instance started',
      async () => {
        const rows = await db('cases').whereIn('id', job.caseIds).select('id', 'case_number', 'stage', 'process_instance_key');
        return rows.every((r: any) => r.process_instance_key) && rows;
      },
      300_000,
      1_000,
    );
    instanceIds.push(...cases.map((c: any) => c.process_instance_key));
    const startedAll = Date.now();

    // where each main instance waits, from the engine's history: one unfinished activity per stage's element
    const waitingAt = new Map<string, string>();
    for (const s of STAGES) {
      const active = await rest.json<{ processInstanceId: string }[]>('GET', `/history/activity-instance?activityId=${s.waitsAt}&unfinished=true&processDefinitionKey=case-lifecycle&maxResults=5000`);
      for (const a of active) waitingAt.set(a.processInstanceId, s.waitsAt);
    }
    const expected = new Map(STAGES.map((s) => [s.stage, s.waitsAt]));
    const wrong = cases.filter((c: any) => waitingAt.get(c.process_instance_key) !== expected.get(c.stage));
    expect(wrong).toEqual([]);
    const stageCounts = Object.fromEntries(STAGES.map((s) => [s.stage, cases.filter((c: any) => c.stage === s.stage).length]));
    expect(stageCounts).toEqual({ registration: 200, answer: 200, 'awaiting-hearing': 200, hearing: 200, judgment: 200 });

    // the known dates travel as process variables; the called processes start where the stage begins
    const sample = (stage: string) => cases.find((c: any) => c.stage === stage)!;
    const hearingVars = await rest.json<Record<string, { value: unknown }>>('GET', `/process-instance/${sample('hearing').process_instance_key}/variables`);
    expect(hearingVars.hearingAt!.value).toBe('2026-11-26T09:30:00+08:00');
    expect(hearingVars.answerSubmittedOn!.value).toBe('2026-10-20');
    const judgmentVars = await rest.json<Record<string, { value: unknown }>>('GET', `/process-instance/${sample('judgment').process_instance_key}/variables`);
    expect(judgmentVars).toMatchObject({ judgmentKind: { value: 'judgment' }, judgmentOutcome: { value: 'won' }, judgmentServedOn: { value: '2026-11-20' } });
    const answerCalled = await rest.json<{ id: string }[]>('GET', `/process-instance?superProcessInstance=${sample('answer').process_instance_key}`);
    expect(answerCalled).toHaveLength(1);
    // the registration stage starts at the start event: the same path as a case registered today
    expect((await rest.json<unknown[]>('GET', `/history/activity-instance?processInstanceId=${sample('registration').process_instance_key}&activityId=cl_start`)).length).toBe(1);
    expect((await rest.json<unknown[]>('GET', `/history/activity-instance?processInstanceId=${sample('hearing').process_instance_key}&activityId=cl_start`)).length).toBe(0);
    console.log(`import of ${ROWS} cases: registered in ${((imported - started) / 1000).toFixed(1)} s, every instance started after ${((startedAll - started) / 1000).toFixed(1)} s`);
  });
});
