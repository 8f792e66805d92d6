// The suits (诉讼) of a chaos run, driven through the case API over HTTP exactly as a client would:
// register, complete the user tasks of the case's agency, post court events. A client retries what
// failed for want of an answer (connection refused or reset, 5xx) — a court event with the SAME
// Idempotency-Key, a registration with the same case number (409 CASE_EXISTS names the case it
// made), a task completion by looking whether the task is still open — and waits when the case
// cannot take an event yet (409). Five kinds of suit end at different points of the life cycle —
// among them a pre-trial settlement (审前和解) reached and a judicial recommendation (司法建议)
// replied to — so that at any moment of the run the suits are spread over the stages.

import { RECOMMENDATION_REPLY } from '../fixtures/recommendation-values.ts';
import { APPROVE_HEAD, APPROVE_REVIEW, DRAFT, FILING, NO_RISK, REGISTRATION, SUBMISSION } from '../fixtures/answer-stage-values.ts';

export type SuitKind = 'answer' | 'hearing' | 'appeal' | 'settled' | 'recommended';

/** Where each kind ends, as the case API and the engine show it (a status other than open: the case's main instance has ended). */
export const EXPECTED_END: Record<SuitKind, { stage: string; status: string; level: string; description: string }> = {
  answer: { stage: 'awaiting-hearing', status: 'open', level: 'first', description: 'registered, settlement assessed, answer submitted: waits for the hearing notice' },
  hearing: { stage: 'judgment', status: 'open', level: 'first', description: '+ hearing notice, 出庭应诉 (plan, documents, hearing, transcript), judgment served: the appeal decision (w_consider) open' },
  appeal: { stage: 'archived', status: 'closed', level: 'second', description: '+ plaintiff appeals, appeal copy, second-instance answer and hearing, final judgment, archive review: closed' },
  settled: { stage: 'closed', status: 'settled', level: 'first', description: 'registered, mediation recommended by the court: a head at the session, the written reply, the settlement reached while the answer period runs: closed as settled' },
  recommended: { stage: 'judgment', status: 'open', level: 'first', description: 'as "hearing", then a judicial recommendation (司法建议): its reply drafted, sent and recorded; the appeal decision open' },
};

export interface Suit {
  no: number;
  kind: SuitKind;
  caseNumber: string;
  caseId?: string;
  /** the last step begun (for the stage spread and the report of a lost suit) */
  step: string;
  done: boolean;
  error?: string;
  startedAt?: number;
  finishedAt?: number;
}

export interface ClientStats {
  requests: number;
  retriedAfterNoAnswer: number;
  waitedOn409: number;
  /** successful mutating steps, by time (ms epoch) and kind */
  steps: { at: number; what: 'register' | 'task' | 'event' }[];
}

export interface Driver {
  baseUrl: string;
  adminToken: string;
  performerToken: string;
  today: string;
  runId: string;
  stats: ClientStats;
  /** the run gives up on a suit step at this time */
  deadline: number;
  /** each step's own time (bench:lifecycle: where mode b's extra time goes) */
  onStep?: (step: string, ms: number) => void;
}

type Answer = { status: number; body: any };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One HTTP request; status 0 when no answer came (refused, reset, timed out). */
async function attempt(d: Driver, method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  d.stats.requests += 1;
  try {
    const res = await fetch(`${d.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed };
  } catch {
    return { status: 0, body: null };
  }
}

const noAnswer = (a: Answer) => a.status === 0 || a.status >= 500;

function checkDeadline(d: Driver, what: string) {
  if (Date.now() > d.deadline) throw new Error(`gave up on ${what}: the run's drive deadline passed`);
}

/** GET with retries until it answers 200. */
async function read(d: Driver, path: string, token = d.adminToken): Promise<any> {
  for (let pause = 200; ; pause = Math.min(pause * 2, 2_000)) {
    checkDeadline(d, `GET ${path}`);
    const a = await attempt(d, 'GET', path, token);
    if (a.status === 200) return a.body;
    if (!noAnswer(a)) throw new Error(`GET ${path}: ${a.status} ${JSON.stringify(a.body)}`);
    d.stats.retriedAfterNoAnswer += 1;
    await sleep(pause);
  }
}

async function register(d: Driver, suit: Suit, agencyId: string): Promise<string> {
  const body = {
    agencyId,
    caseNumber: suit.caseNumber,
    court: '某某区人民法院',
    level: 'first',
    cause: '行政处罚',
    actUnderSuit: { description: '行政处罚决定（罚款二万元）', madeByAgencyId: agencyId },
    reconsideration: { status: 'none' },
    plaintiffs: [{ name: `原告${suit.no}`, type: 'person' }],
    plaintiffCount: 1,
    thirdParties: [],
    claimAmount: 20000,
    flags: { majorPublicInterest: false, highAttention: false, massIncidentRisk: false, procuratorate: false, majorComplex: false },
    complaintReceivedOn: d.today,
  };
  for (let pause = 200; ; pause = Math.min(pause * 2, 2_000)) {
    checkDeadline(d, 'registration');
    const a = await attempt(d, 'POST', '/api/cases', d.adminToken, body);
    if (a.status === 201) return a.body.id;
    // the retry of a registration whose first answer was lost: the case number names the case it made
    if (a.status === 409 && a.body?.error?.code === 'CASE_EXISTS') return a.body.error.details.id;
    if (!noAnswer(a)) throw new Error(`registration: ${a.status} ${JSON.stringify(a.body)}`);
    d.stats.retriedAfterNoAnswer += 1;
    await sleep(pause);
  }
}

/** A court event, retried with the same Idempotency-Key; a 409 (the case cannot take it yet) is waited out. */
async function event(d: Driver, suit: Suit, label: string, body: Record<string, unknown>): Promise<void> {
  const key = `chaos-${d.runId}-${suit.no}-${label}`;
  for (let pause = 200; ; pause = Math.min(pause * 2, 2_000)) {
    checkDeadline(d, `event ${label}`);
    const a = await attempt(d, 'POST', `/api/cases/${suit.caseId}/events`, d.adminToken, body, { 'idempotency-key': key });
    if (a.status === 202) return;
    if (a.status === 409) d.stats.waitedOn409 += 1;
    else if (noAnswer(a)) d.stats.retriedAfterNoAnswer += 1;
    else throw new Error(`event ${label}: ${a.status} ${JSON.stringify(a.body)}`);
    await sleep(a.status === 409 ? 500 : pause);
  }
}

/**
 * Completes the open task of the element. After a completion that got no answer, the task's
 * absence (or another task of the element in its place) means the engine took it.
 */
async function complete(d: Driver, suit: Suit, elementId: string, variables: Record<string, unknown>): Promise<void> {
  let uncertain: string | undefined;
  for (let pause = 250; ; pause = Math.min(pause * 2, 1_000)) {
    checkDeadline(d, `task ${elementId}`);
    const tasks = (await read(d, `/api/cases/${suit.caseId}/tasks`, d.performerToken)) as { key: string; elementId: string }[];
    const task = tasks.find((t) => t.elementId === elementId);
    if (uncertain && (!task || task.key !== uncertain)) return;
    if (!task) {
      await sleep(pause);
      continue;
    }
    const a = await attempt(d, 'POST', `/api/tasks/${task.key}/complete`, d.performerToken, { variables });
    if (a.status === 200) return;
    if (noAnswer(a)) {
      d.stats.retriedAfterNoAnswer += 1;
      uncertain = task.key;
    } else if (a.status !== 404 && a.status !== 409) {
      throw new Error(`task ${elementId}: ${a.status} ${JSON.stringify(a.body)}`);
    }
    await sleep(pause);
  }
}

/** Polls the case until `ok`, at the pace of the task polls (250 ms doubling to 1 s; bench:lifecycle's engine driver polls so too). */
async function waitCase(d: Driver, suit: Suit, what: string, ok: (c: any) => boolean): Promise<any> {
  for (let pause = 250; ; pause = Math.min(pause * 2, 1_000)) {
    checkDeadline(d, what);
    const c = await read(d, `/api/cases/${suit.caseId}`);
    if (ok(c)) return c;
    await sleep(pause);
  }
}


/** What the life cycle waits for between steps (the case API's stage, or the appeal decision's task). */
export type SuitWait = 'awaiting-hearing' | 'judgment' | 'w_consider' | 'second-instance' | 'archived' | 'settled' | 'recommendation-replied';

/** The steps of a suit, over whichever client drives them (the case API here, the engine in bench:lifecycle's baseline). */
export interface SuitSteps {
  register(): Promise<void>;
  task(elementId: string, variables: Record<string, unknown>): Promise<void>;
  /** a court event; `label` names it uniquely within the suit (idempotency) */
  event(label: string, body: Record<string, unknown>): Promise<void>;
  wait(what: SuitWait): Promise<void>;
}

/** The life cycle of a suit of that kind, step by step (shared by the chaos run and the life-cycle benchmark). */
export async function runSuitSteps(kind: SuitKind, today: string, s: SuitSteps): Promise<void> {
  const answer = async () => {
    await s.task('w_draft', DRAFT);
    await s.task('w_review', APPROVE_REVIEW);
    await s.task('w_approve', APPROVE_HEAD);
    await s.task('w_file', FILING(today));
    await s.task('w_submit', SUBMISSION(today));
  };
  const hearing = async (label: string, time: string) => {
    await s.event(`hearing-${label}`, { type: 'hearing-scheduled', hearingAt: `${today}T${time}:00+08:00` });
    await s.task('p_plan', {
      headName: '彭志强',
      headPost: '局长',
      headInChargeOf: '全面工作',
      headAvailability: 'available',
      agents: [{ name: '张晓燕', kind: 'staff', post: '法规科科员', employer: '聊城市测试局' }],
    });
    await s.task('p_submit', { documentsSubmittedOn: today, documentsSubmissionMethod: 'direct' });
    await s.task('h_attendance', { hearingHeldOn: today, headAppeared: true, appearedHeadName: '王志强', attendees: '王志强（负责人）、张晓燕（工作人员）' });
    await s.task('h_transcript', { transcriptChecked: true, transcriptSignedOn: today });
  };

  await s.register();
  await s.task('reg_register', REGISTRATION(today));
  if (kind === 'settled') {
    // recommended in writing by the court: a head takes part in the session (LC Art. 32); the answer period keeps running
    await s.task('ps_assess', { ...NO_RISK, mediationSuitable: true, writtenRecommendation: true, recommendedBy: 'court' });
    await s.task('ps_session_head', { sessionOn: today, sessionParticipants: '曾建国（副局长）、田海涛', sessionSummary: '双方就补偿数额初步达成一致，需报局务会研究。', needsWrittenReply: true, agreedReplyBy: today });
    await s.task('ps_reply', { repliedOn: today, replySummary: '经研究同意按协商数额补偿。' });
    await s.event('settlement', { type: 'settlement-outcome', outcome: 'settled' });
    return s.wait('settled');
  }
  await s.task('ps_assess', NO_RISK);
  await answer();
  await s.wait('awaiting-hearing');
  if (kind === 'answer') return;

  await hearing('first', '00:30');
  await s.event('judgment-first', { type: 'judgment-served', kind: 'judgment', outcome: 'won', servedOn: today });
  await s.wait('judgment');
  if (kind === 'recommended') {
    // with the period the court set: 聊城 sets none of its own, and a recommendation without one is a "reply promptly" task (r_reply_prompt)
    await s.event('recommendation', { type: 'judicial-recommendation', receivedOn: today, replyWithinDays: 30, issuer: '某某区人民法院' });
    await s.task('r_reply', RECOMMENDATION_REPLY('（2026）鲁15司建1号'));
    await s.task('r_send', { repliedOn: today });
    await s.wait('recommendation-replied');
  }
  if (kind === 'hearing' || kind === 'recommended') return s.wait('w_consider');

  await s.event('appeal-filed', { type: 'appeal-filed', by: 'plaintiff', on: today });
  await s.wait('second-instance');
  await s.event('appeal-copy', { type: 'appeal-copy-served', on: today });
  await answer();
  await hearing('second', '01:30');
  await s.event('judgment-second', { type: 'judgment-served', kind: 'judgment', outcome: 'won', servedOn: today });
  await s.task('a_review', { archiveComplete: true, archivedBy: '李晓燕', archiveRetention: 'permanent' });
  await s.wait('archived');
}

/** The ledger's answer to each wait, as the case API shows it. */
const LEDGER_WAITS: Record<Exclude<SuitWait, 'w_consider'>, { what: string; ok: (c: any) => boolean }> = {
  'awaiting-hearing': { what: 'the hearing wait', ok: (c) => c.stage === 'awaiting-hearing' },
  judgment: { what: 'the judgment stage', ok: (c) => c.stage === 'judgment' },
  'second-instance': { what: 'the second instance', ok: (c) => c.stage === 'second-instance' && c.level === 'second' },
  archived: { what: 'the archive', ok: (c) => c.stage === 'archived' && c.status === 'closed' },
  settled: { what: 'the settlement', ok: (c) => c.status === 'settled' },
  'recommendation-replied': { what: 'the recorded reply to the recommendation', ok: (c) => c.events.some((e: { type: string }) => e.type === 'judicial-recommendation-replied') },
};

/** What this suit's driver runs, step by step; `suit.step` names the step under way. */
export async function driveSuit(d: Driver, suit: Suit, agencyId: string): Promise<void> {
  const step = (name: string) => {
    suit.step = name;
  };
  const mark = (what: 'register' | 'task' | 'event') => d.stats.steps.push({ at: Date.now(), what });
  suit.startedAt = Date.now();
  const steps: SuitSteps = {
    async register() {
      step('registration');
      suit.caseId = await register(d, suit, agencyId);
      mark('register');
    },
    async task(elementId, variables) {
      step(`task ${elementId}`);
      await complete(d, suit, elementId, variables);
      mark('task');
    },
    async event(label, body) {
      step(`event ${label}`);
      await event(d, suit, label, body);
      mark('event');
    },
    async wait(what) {
      step(`waiting: ${what}`);
      if (what !== 'w_consider') {
        await waitCase(d, suit, LEDGER_WAITS[what].what, LEDGER_WAITS[what].ok);
        return;
      }
      for (let pause = 250; ; pause = Math.min(pause * 2, 1_000)) {
        const tasks = (await read(d, `/api/cases/${suit.caseId}/tasks`, d.performerToken)) as { elementId: string }[];
        if (tasks.some((t) => t.elementId === 'w_consider')) return;
        checkDeadline(d, 'w_consider');
        await sleep(pause);
      }
    },
  };
  await runSuitSteps(suit.kind, d.today, d.onStep ? timedSteps(d.onStep, steps) : steps);
}

/** The same steps, each reporting its own time (the case-API driver here and bench:lifecycle's engine driver, under the same names). */
export function timedSteps<T extends SuitSteps>(onStep: (step: string, ms: number) => void, steps: T): T {
  const timed = async (name: string, run: () => Promise<void>) => {
    const started = performance.now();
    await run();
    onStep(name, performance.now() - started);
  };
  return {
    ...steps,
    register: () => timed('registration', () => steps.register()),
    task: (elementId, variables) => timed(`task ${elementId}`, () => steps.task(elementId, variables)),
    event: (label, body) => timed(`event ${label}`, () => steps.event(label, body)),
    wait: (what) => timed(`wait ${what}`, () => steps.wait(what)),
  };
}
