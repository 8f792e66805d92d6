// Tier: engine (the project's engine app, a fresh ledger database of this file's own).
// The annual report (年度行政应诉工作报告, LC Art. 43 para 2, YT 四（一）) on the engine: the year-end
// timer of statistics-annual-report-timer fires (its job run through the engine's REST API after the
// engine clock is put just past the job's due date — whatever today is), the fan-out worker starts
// one statistics-report instance per government whose profile asks for the report (through the
// engine outbox), the draft worker fills in the ledger's figures, the review task shows them (the
// same numbers as figureTotals), the head approves, and the report is rendered to PDF and DOCX and
// filed. Redelivered jobs and a second firing make no second draft, instance or document.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, projectRoot } from '../../src/config.ts';
import { loadForms, validateAgainstForm } from '../../src/cases/form-validation.ts';
import { createDb, type Db } from '../../src/db/database.ts';
import { shanghaiDateOf } from '../../src/deadlines/dates.ts';
import { deployAll } from '../../src/engine/deploy.ts';
import { dispatchDueCommands } from '../../src/engine-commands/engine-command-dispatcher.ts';
import { seedDemoRegion } from '../../src/seed/demo-region.ts';
import { figureTotals } from '../../src/statistics/figure-queries.ts';
import { periodOf } from '../../src/statistics/periods.ts';
import { reportBusinessKey } from '../../src/statistics/reports/report-service.ts';
import { startWorkers, type WorkerHost } from '../../src/workers/worker-host.ts';
import { draftStatisticsReport } from '../../workers/statistics/draft-report.ts';
import { fileStatisticsReport } from '../../workers/statistics/file-report.ts';
import { recordStatisticsReview } from '../../workers/statistics/record-review.ts';
import { scheduleStatisticsReports } from '../../workers/statistics/schedule-reports.ts';
import { freshLedgerDatabase } from '../helpers/fresh-database.ts';
import { useTestEngine } from '../helpers/operaton.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const { engine, rest, clock } = useTestEngine();
const logger = pino({ level: 'silent' });
const config = loadConfig();
const ARTIFACTS = path.join(projectRoot, '.runtime', 'test-artifacts', 'statistics-reports');
const MODULES = [scheduleStatisticsReports, draftStatisticsReport, recordStatisticsReview, fileStatisticsReport];

let ledger: { url: string; drop: () => Promise<void> };
let db: Db;
let workers: WorkerHost | undefined;
let year: number;
let govId: string;
let deptId: string;
const started: string[] = [];

interface Job {
  id: string;
  dueDate: string;
  processDefinitionKey: string;
}

/** The liaocheng department's cases of the reported year, and one of the government the year before. */
async function insertLedger(y: number) {
  const dept = await db('agencies').where({ code: 'liaocheng-dept' }).first('id');
  const gov = await db('agencies').where({ code: 'liaocheng-gov' }).first('id');
  deptId = dept.id;
  govId = gov.id;
  const kase = async (agencyId: string, n: string, received: string, more: Record<string, unknown> = {}) =>
    (
      await db('cases')
        .insert({ agency_id: agencyId, case_number: `（${received.slice(0, 4)}）鲁15行初${n}号`, court: '聊城市中级人民法院', level: 'first', cause: n === '1' ? '房屋征收' : '行政处罚', act_description: '行政决定', plaintiff_count: 1, complaint_received_on: received, ...more })
        .returning('id')
    )[0].id as string;
  const k1 = await kase(deptId, '1', `${y}-03-02`);
  const k2 = await kase(deptId, '2', `${y}-05-10`);
  await kase(deptId, '3', `${y}-02-01`, { status: 'withdrawn', withdrawn_on: `${y}-03-01` });
  await kase(govId, '9', `${y - 1}-06-01`);
  const hearing = (caseId: string, heldOn: string, headAppeared: boolean) => ({
    case_id: caseId,
    type: 'hearing-held',
    payload: JSON.stringify({ hearingKey: 'first', heldOn, hearingAt: `${heldOn}T09:30:00+08:00`, headAppeared, principalHeadAppeared: headAppeared }),
    actor: 'test',
    occurred_at: new Date(`${heldOn}T04:00:00Z`),
  });
  await db('case_events').insert([hearing(k1, `${y}-04-10`, true), hearing(k2, `${y}-07-01`, false)]);
  await db('case_judgments').insert({ case_id: k1, agency_id: deptId, level: 'first', kind: 'judgment', outcome: 'lost', served_on: `${y}-05-20`, effective_on: `${y}-06-05`, field: '房屋征收' });
}

async function task(instanceId: string, key: string) {
  return waitUntil(`task ${key}`, async () => (await engine.listTasks({ processInstanceId: instanceId, taskDefinitionKey: key }))[0], 60_000);
}

async function complete(taskId: string, formId: string, variables: Record<string, unknown>) {
  const form = (await loadForms()).get(formId);
  expect(form, formId).toBeDefined();
  expect(validateAgainstForm(form!, variables)).toEqual([]);
  await engine.completeTask(taskId, variables);
}

const dispatchAll = async () => {
  await waitUntil('engine outbox carried out', async () => {
    await dispatchDueCommands({ db, engine, logger });
    const pending = await db('engine_commands').whereNot({ status: 'done' }).count<{ count: string }[]>('id as count');
    return Number(pending[0]!.count) === 0 ? true : undefined;
  }, 30_000);
};

beforeAll(async () => {
  ledger = await freshLedgerDatabase('yingsu_test_stats_reports');
  db = createDb(ledger.url, { min: 0, max: 4 });
  await seedDemoRegion(db);
  await deployAll(engine);
  workers = await startWorkers(engine.externalTasks, { config, db, logger }, { workers: MODULES, checkDiagrams: false, workerId: 'statistics-reports-test', longPollMs: 1000 });
}, 300_000);

afterAll(async () => {
  await workers?.stop();
  for (const id of started) await rest.json('DELETE', `/process-instance/${id}?skipCustomListeners=true`).catch(() => undefined);
  await db?.destroy();
  await ledger?.drop();
});

describe('the annual report from the year-end timer (engine)', () => {
  it('timer → one report per Yantai / Liaocheng government → review shows the ledger’s figures → approval files a PDF and a DOCX', async () => {
    // the timer job of the deployed definition; its due date decides the year (never today's date)
    const [job] = await rest.json<Job[]>('GET', '/job?timers=true&processDefinitionKey=statistics-annual-report-timer');
    expect(job, 'the timer start job of statistics-annual-report-timer').toBeDefined();
    const due = new Date(job!.dueDate.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    expect(shanghaiDateOf(due).slice(5)).toBe('01-01');
    year = Number(shanghaiDateOf(due).slice(0, 4)) - 1;
    await insertLedger(year);

    await clock.set(new Date(due.getTime() + 60_000));
    // run it now through the REST API (the job executor may have taken it first: then it ran already)
    await rest.json('POST', `/job/${job!.id}/execute`).catch(() => undefined);
    const timerInstance = await waitUntil('the timer started its instance', async () => (await rest.json<{ id: string; state: string }[]>('GET', '/history/process-instance?processDefinitionKey=statistics-annual-report-timer')).find((i) => i.state === 'COMPLETED'), 60_000);
    expect(timerInstance).toBeDefined();

    // one start command per government whose profile asks for the annual report (Yantai, Liaocheng), none for the others
    // (the quarterly circular's timer is due at the same moment on 1 January: it fired too, for Tengzhou's fourth quarter)
    const allCommands = await waitUntil('the quarterly timer’s command too', async () => {
      const rows = await db('engine_commands').where({ kind: 'start-instance', process_key: 'statistics-report' }).orderBy('id');
      return rows.length === 3 ? rows : undefined;
    }, 60_000);
    const codeOf = new Map((await db('agencies').select('id', 'code')).map((a: any) => [a.id, a.code]));
    expect(allCommands.map((c: any) => [c.variables.reportKind, c.variables.reportPeriod, codeOf.get(c.variables.agencyId)]).sort()).toEqual([
      ['annual-report', String(year), 'liaocheng-gov'],
      ['annual-report', String(year), 'yantai-gov'],
      ['quarterly-circular', `${year}Q4`, 'tengzhou-gov'],
    ]);
    const commands = allCommands;
    await dispatchAll();

    const instance = await waitUntil('the Liaocheng report instance', async () => (await rest.json<{ id: string; tenantId: string | null }[]>('GET', `/process-instance?businessKey=${encodeURIComponent(reportBusinessKey('annual-report', String(year), govId))}`))[0], 30_000);
    for (const c of commands) started.push(...(await rest.json<{ id: string }[]>('GET', `/process-instance?businessKey=${encodeURIComponent(c.business_key)}`)).map((i) => i.id));
    expect(instance.tenantId).toBe(govId);

    // the review task: the justice bureau's, due by 10 January (LC Art. 43 para 2, from the deadline engine)
    const review = await task(instance.id, 's_review');
    expect(Date.parse(review.due!)).toBe(Date.parse(`${year + 1}-01-10T23:59:59+08:00`));
    expect((await rest.json<{ groupId: string }[]>('GET', `/task/${review.id}/identity-links?type=candidate`)).map((l) => l.groupId)).toEqual(['justice-bureau']);
    const form = (await engine.getTaskForm(review.id)) as { components: { key?: string; readonly?: boolean }[] };
    expect(form.components.find((c) => c.key === 'reportFiguresText')).toMatchObject({ readonly: true });

    // the figures it shows are figureTotals' for the region (the government and the agencies under it)
    const regionIds = (await db('agencies').where({ id: govId }).orWhere({ parent_id: govId }).select('id')).map((a: any) => a.id);
    const asOf = shanghaiDateOf(await clock.now());
    const p = periodOf(year, null);
    const totals = await figureTotals(db, { agencyIds: regionIds, from: p.from, to: p.to, asOf });
    const before = await figureTotals(db, { agencyIds: regionIds, from: `${year - 1}-01-01`, to: `${year - 1}-12-31`, asOf });
    // worked out by hand from the ledger above: 3 new cases (1 the year before), 1 of 2 heard cases with a head, 1 loss of 2 closed
    expect([totals['cases-new']!.numerator, before['cases-new']!.numerator, totals['head-appearance-rate-case']!.numerator, totals['head-appearance-rate-case']!.denominator, totals['loss-rate']!.numerator, totals['loss-rate']!.denominator]).toEqual([3, 1, 1, 2, 1, 2]);
    const vars = await rest.json<Record<string, { value: unknown }>>('GET', `/task/${review.id}/form-variables`);
    const shown = String(vars.reportFiguresText!.value);
    expect(shown).toContain(`新收案件数：${totals['cases-new']!.numerator}件 / ${before['cases-new']!.numerator}件 / 增长200.0%`);
    expect(shown).toContain(`负责人出庭应诉率（按案件）：50.0%（${totals['head-appearance-rate-case']!.numerator}/${totals['head-appearance-rate-case']!.denominator}）`);
    expect(shown).toContain(`败诉率：50.0%（${totals['loss-rate']!.numerator}/${totals['loss-rate']!.denominator}）`);
    expect(shown).toContain('1. 聊城市自然资源和规划局：新收3件，审结2件，未结1件，出庭应诉率50.0%');
    expect(String(vars.reportDueText!.value)).toContain(`${year + 1}年1月10日前`);
    const draft = await db('statistics_reports').where({ agency_id: govId, kind: 'annual-report', period: String(year) }).first();
    expect(draft.status).toBe('draft');
    expect(String(draft.due_on)).toBe(`${year + 1}-01-10`);
    expect(draft.due_rule.source).toContain('第四十三条第二款');
    for (const id of ['cases-new', 'cases-closed', 'cases-pending', 'head-appearance-rate-case', 'loss-rate']) {
      const line = draft.figures.lines.find((l: any) => l.id === id);
      expect([line.numerator, line.denominator], id).toEqual([totals[id]!.numerator, totals[id]!.denominator]);
    }

    // the reviewer writes the text (a number typed into the form changes nothing)
    await complete(review.id, 'statistics-report-review', {
      reportSectionPractices: '一是落实负责人出庭应诉制度。\n二是开展败诉案件分析。',
      reportSectionProblems: '个别单位负责人出庭应诉率偏低。',
      reportSectionPlans: '推动负责人出庭应诉常态化。',
      reportReviewComments: '数据已核对。',
    });
    const approval = await task(instance.id, 's_approve');
    expect((await rest.json<{ groupId: string }[]>('GET', `/task/${approval.id}/identity-links?type=candidate`)).map((l) => l.groupId)).toEqual(['principal-head']);
    const reviewed = await db('statistics_reports').where({ id: draft.id }).first();
    expect(reviewed.sections.map((s: any) => s.heading)).toEqual(['主要做法', '存在的问题', '下一步工作打算']);
    expect(reviewed.figures).toEqual(draft.figures);

    // the head approves: rendered, filed, 已报送
    await complete(approval.id, 'statistics-report-approval', { reportDecision: 'approve', reportApprovalOpinion: '同意报送。' });
    await waitUntil('the report process ended', async () => ((await rest.json<{ state: string }>('GET', `/history/process-instance/${instance.id}`)).state === 'COMPLETED' ? true : undefined), 90_000);
    const filed = await db('statistics_reports').where({ id: draft.id }).first();
    expect(filed.status).toBe('filed');
    expect(filed.approval_opinion).toBe('同意报送。');
    const docs = await db('documents').where({ statistics_report_id: draft.id }).orderBy('format', 'desc').select('format', 'content', 'kind', 'period', 'agency_id');
    expect(docs.map((d: any) => [d.format, d.kind, d.period, d.agency_id])).toEqual([
      ['pdf', 'annual-report', String(year), govId],
      ['docx', 'annual-report', String(year), govId],
    ]);
    mkdirSync(ARTIFACTS, { recursive: true });
    const pdfFile = path.join(ARTIFACTS, 'annual-report.pdf');
    const docxFile = path.join(ARTIFACTS, 'annual-report.docx');
    writeFileSync(pdfFile, docs[0].content);
    writeFileSync(docxFile, docs[1].content);
    expect(docs[0].content.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    const docxXml = execFileSync('unzip', ['-p', docxFile, 'word/document.xml'], { encoding: 'utf8' });
    for (const expected of [`关于${year}年度行政应诉工作情况的报告`, '聊城市人民政府及所属单位新收行政应诉案件3件', '出庭应诉率50.0%（按案件计）', '聊城市自然资源和规划局', '一是落实负责人出庭应诉制度。', '上一级人民政府']) {
      expect(pdfText, `PDF: ${expected}`).toContain(expected);
      expect(docxXml, `DOCX: ${expected}`).toContain(expected);
    }

    // redelivery and a second firing: no second draft, instance or document
    const jobOf = (type: string, variables: Record<string, unknown>, key: string, headers: Record<string, string> = {}) => ({ key, type, processInstanceKey: instance.id, bpmnProcessId: 'statistics-report', elementId: 'x', retries: 3, variables, customHeaders: headers, activatedAt: new Date(`${year + 1}-01-02T09:00:00+08:00`) });
    const again = await draftStatisticsReport.handle(jobOf('statistics.draft-report', { agencyId: govId, reportKind: 'annual-report', reportPeriod: String(year) }, 'another-draft-job') as never, { config, db, logger });
    expect(again).toMatchObject({ reportId: draft.id, reportDrafted: false });
    await scheduleStatisticsReports.handle(jobOf('statistics.schedule-reports', {}, 'second-firing', { reportKind: 'annual-report' }) as never, { config, db, logger });
    expect(await db('engine_commands').where({ process_key: 'statistics-report' }).count<{ count: string }[]>('id as count')).toEqual([{ count: String(commands.length) }]);
    const fileJob = (await db('statistics_reports').where({ id: draft.id }).first('file_job_key')).file_job_key as string;
    await fileStatisticsReport.handle(jobOf('statistics.file-report', { reportId: draft.id }, fileJob) as never, { config, db, logger });
    expect(await db('documents').where({ statistics_report_id: draft.id }).count<{ count: string }[]>('id as count')).toEqual([{ count: '2' }]);
    // the three drafts (Yantai's and Tengzhou's wait for their review), and nothing more
    await waitUntil('the other drafts', async () => ((await db('statistics_reports').count<{ count: string }[]>('id as count'))[0]!.count === '3' ? true : undefined), 30_000);
    const reports = (await db('statistics_reports').join('agencies', 'agencies.id', 'statistics_reports.agency_id').select('agencies.code', 'statistics_reports.kind', 'statistics_reports.due_on', 'statistics_reports.due_rule')).map((r: any) => ({ code: r.code, kind: r.kind, due: String(r.due_on), source: r.due_rule.source as string }));
    expect(reports.filter((r) => r.kind === 'annual-report').map((r) => [r.code, r.due]).sort()).toEqual([
      ['liaocheng-gov', `${year + 1}-01-10`],
      ['yantai-gov', `${year + 1}-01-05`],
    ]);
    // Tengzhou: ten working days after the quarter (a provisional date when next year's holiday notice is not loaded)
    const circular = reports.find((r) => r.kind === 'quarterly-circular')!;
    expect(circular.code).toBe('tengzhou-gov');
    expect(circular.due > `${year + 1}-01-10` && circular.due < `${year + 1}-01-20`).toBe(true);
    expect(circular.source).toContain('三、（三）');
  });
});
