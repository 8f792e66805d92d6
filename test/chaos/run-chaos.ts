// One chaos run: the deployment of stack.ts, N suits driven through the case API (suits.ts), and
// a schedule of faults while they run; then every suit driven to its end, the outboxes drained,
// and the audit (audit.ts). Returns the report; scripts/chaos.ts prints it, test/chaos/chaos.test.ts
// asserts it.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import { setPassword } from '../../src/auth/accounts.ts';
import { projectRoot } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { candidateGroupRoles } from '../../src/process-engine/engine-directory.ts';
import { audit, type AuditResult } from './audit.ts';
import { startStack, type Log, type Stack, type StackPorts } from './stack.ts';
import { driveSuit, type ClientStats, type Driver, type Suit, type SuitKind } from './suits.ts';

export interface ChaosOptions {
  suits: number;
  /** suits driven at the same time */
  concurrency: number;
  /** how long the SMTP server and the webhook receiver stay down */
  outageMs: number;
  /** the whole drive gives up after this */
  driveTimeoutMs: number;
  /** no suit starts after this much of the drive: a slower machine runs fewer suits (the report says how many) and the run stays within CI's time */
  startBudgetMs?: number;
  ports?: Partial<StackPorts>;
  runtimeDir?: string;
  log: Log;
}

export interface FaultRecord {
  fault: string;
  what: string;
  injectedAt: string;
  /** injection → the component is back (process restarted and answering, server listening) */
  downMs: number;
  /** component back → work flows again (the measure is named in `recoveredWhen`) */
  recoveryMs: number | null;
  recoveredWhen: string;
  suitsInFlight: Record<string, number>;
}

export interface ChaosReport {
  date: string;
  options: { suits: number; concurrency: number; outageMs: number; startBudgetMs: number | null };
  /** suits begun within the start budget (all of them without one); the audit covers these */
  suitsStarted: number;
  durationMs: number;
  faults: FaultRecord[];
  stagesAtFaults: Record<string, number>;
  client: { requests: number; retriedAfterNoAnswer: number; waitedOn409: number };
  audit: AuditResult;
  passed: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const KINDS: SuitKind[] = ['answer', 'hearing', 'appeal', 'settled', 'recommended'];

/** A person of the agency with these roles and an API token (the token returned); also bench:lifecycle's clients. */
export async function person(db: Db, agencyId: string, roles: string[]): Promise<string> {
  const login = `chaos-${roles[0]}-${randomUUID().slice(0, 8)}`;
  const [p] = await db('people').insert({ agency_id: agencyId, name: `压力测试${login.slice(-4)}`, post: '测试', kind: 'staff', login }).returning('id');
  for (const role of roles) await db('person_roles').insert({ person_id: p.id, role, agency_id: agencyId });
  await setPassword(db, p.id, `chaos-${randomUUID()}`, { mustChange: false });
  return (await createApiToken(db, p.id, { name: 'chaos run' })).token;
}

/** Suits by the step they are at (for the spread over stages when a fault hits). */
function inFlight(suits: Suit[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of suits) {
    if (!s.startedAt || s.done || s.error) continue;
    const k = s.step.replace(/^task (reg_|ps_).*/, 'registration/settlement').replace(/^task w_.*/, 'answer').replace(/^task (p_|h_).*/, 'hearing').replace(/^task a_.*/, 'archive').replace(/^task r_.*/, 'recommendation').replace(/^event .*/, 'court event').replace(/^waiting: /, '');
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if (await probe()) return true;
    } catch {
      /* the database may be restarting */
    }
    await sleep(200);
  }
  return false;
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const { log } = options;
  const started = Date.now();
  const runtimeDir = options.runtimeDir ?? path.join(projectRoot, '.runtime', 'chaos');
  const stack: Stack = await startStack({ runtimeDir, ports: options.ports, log });
  try {
    return await run(stack, options, started);
  } finally {
    await stack.stop();
  }
}

async function run(stack: Stack, options: ChaosOptions, started: number): Promise<ChaosReport> {
  const { db } = stack;
  const { log } = options;
  const agency = await db('agencies').where({ code: 'liaocheng-dept' }).first('id');
  const agencyId = agency.id as string;
  // the agency's group robot, pointed at the webhook receiver
  await db('agency_notification_channels')
    .insert({ agency_id: agencyId, channel: 'wecom', enabled: true, webhook_url: `http://127.0.0.1:${stack.webhook.port}/cgi-bin/webhook/send?key=chaos`, events: null })
    .onConflict(['agency_id', 'channel'])
    .merge();
  const adminToken = await person(db, agencyId, ['admin']);
  const performerToken = await person(db, agencyId, [...candidateGroupRoles]);
  const runId = randomUUID().slice(0, 8);
  const stats: ClientStats = { requests: 0, retriedAfterNoAnswer: 0, waitedOn409: 0, steps: [] };
  const driver: Driver = {
    baseUrl: stack.webUrl,
    adminToken,
    performerToken,
    today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
    runId,
    stats,
    deadline: Date.now() + options.driveTimeoutMs,
  };
  const suits: Suit[] = Array.from({ length: options.suits }, (_, i) => ({
    no: i + 1,
    kind: KINDS[i % KINDS.length]!,
    caseNumber: `（2026）鲁15行初C${runId}${String(i + 1).padStart(4, '0')}号`,
    step: 'not started',
    done: false,
  }));

  // ── the drivers: a pool of `concurrency` suits at a time ──
  let next = 0;
  const driveStarted = Date.now();
  const withinBudget = () => options.startBudgetMs === undefined || Date.now() - driveStarted < options.startBudgetMs;
  const drive = async () => {
    while (next < suits.length && withinBudget()) {
      const suit = suits[next++]!;
      try {
        await driveSuit(driver, suit, agencyId);
        suit.done = true;
      } catch (error) {
        suit.error = (error as Error).message;
      }
      suit.finishedAt = Date.now();
    }
  };
  let drivingDone = false;
  const driving = Promise.all(Array.from({ length: Math.min(options.concurrency, suits.length) }, drive)).then(() => {
    drivingDone = true;
  });
  const progressTimer = setInterval(() => {
    const done = suits.filter((s) => s.done).length;
    log(`suits: ${done}/${suits.length} at their end, ${suits.filter((s) => s.error).length} failed; in flight ${JSON.stringify(inFlight(suits))}`);
  }, 30_000);

  // ── the faults, one after another, while the suits run ──
  const faults: FaultRecord[] = [];
  const stagesAtFaults: Record<string, number> = {};
  const stepAfter = (t: number, what?: string) => stats.steps.find((s) => s.at > t && (!what || s.what === what))?.at;
  const record = async (fault: string, what: string, inject: () => Promise<void> | void, restore: () => Promise<void>, recovered: { when: string; probe: (restoredAt: number) => Promise<number | undefined> }) => {
    const flight = inFlight(suits);
    for (const [k, n] of Object.entries(flight)) stagesAtFaults[k] = (stagesAtFaults[k] ?? 0) + n;
    const injectedAt = Date.now();
    log(`fault: ${fault} (${what}); in flight ${JSON.stringify(flight)}`);
    await inject();
    await restore();
    const restoredAt = Date.now();
    let recoveredAt: number | undefined;
    const limit = restoredAt + 10 * 60_000;
    while (Date.now() < limit && recoveredAt === undefined) {
      recoveredAt = await recovered.probe(restoredAt).catch(() => undefined);
      if (recoveredAt === undefined) {
        if (drivingDone && !/backlog/.test(recovered.when)) break;
        await sleep(200);
      }
    }
    const rec: FaultRecord = {
      fault,
      what,
      injectedAt: new Date(injectedAt).toISOString(),
      downMs: restoredAt - injectedAt,
      recoveryMs: recoveredAt === undefined ? null : Math.max(0, recoveredAt - restoredAt),
      recoveredWhen: recovered.when,
      suitsInFlight: flight,
    };
    faults.push(rec);
    log(`  back after ${(rec.downMs / 1000).toFixed(1)} s, work flowing again ${rec.recoveryMs === null ? 'not measured (no load left)' : `${(rec.recoveryMs / 1000).toFixed(1)} s later`}`);
  };
  const firstStep = (what?: 'register' | 'task' | 'event') => async (t: number) => stepAfter(t, what);
  const jobWriteAfter = async (t: number) => {
    const row = await db('case_events').whereNotNull('source_job_key').where('occurred_at', '>', new Date(t)).orderBy('occurred_at').first('occurred_at');
    return row ? new Date(row.occurred_at).getTime() : undefined;
  };
  const backlogDrained = (channel: string) => async (t: number) => {
    const open = await db('notification_outbox').where({ channel }).whereNot({ status: 'sent' }).where('created_at', '<=', new Date(t)).count<{ count: string }[]>('* as count');
    return Number(open[0]!.count) === 0 ? Date.now() : undefined;
  };
  const waitFor = (what: string, probe: () => boolean) => until(what, probe, options.driveTimeoutMs);

  const chaos = (async () => {
    // 1. the web app dies while cases are being registered
    await waitFor('a registration under way', () => drivingDone || suits.some((s) => s.step === 'registration'));
    await record('web-app-kill-registration', 'kill -9 of the web app while cases are registered; restarted at once', () => stack.killWeb(), () => stack.startWeb(), { when: 'the next registration, task or event succeeded', probe: firstStep() });
    // 2. the engine app dies mid-flight
    await waitFor('a tenth of the suits past registration', () => drivingDone || suits.filter((s) => s.step !== 'registration' && s.step !== 'not started').length >= Math.max(2, options.suits / 10));
    await record('engine-kill', 'kill -9 of the Operaton engine app; restarted (Spring Boot start)', () => stack.killEngine(), async () => void (await stack.startEngine(false)), { when: 'the next user task completed through the case API', probe: firstStep('task') });
    // the later faults wait until some suit has gone further, so that they hit other stages
    const reached = (prefix: RegExp) => () => drivingDone || suits.some((x) => !x.done && prefix.test(x.step));
    await waitFor('a suit at the answer', reached(/^task w_/));
    // 3. the workers die (fetched tasks stay locked until their lock expires)
    await record('workers-kill', 'kill -9 of the workers process; restarted after 2 s', () => stack.killWorkers(), async () => {
      await sleep(2_000);
      stack.startWorkers();
    }, { when: 'the next ledger event written by a worker job', probe: jobWriteAfter });
    await waitFor('a suit past the answer', reached(/^(task (p_|h_|a_)|event |waiting: (judgment|second|archived|w_consider))/));
    // 4. PostgreSQL (the private cluster: ledger and engine databases) crashes and restarts
    await record('postgres-restart', 'pg_ctl stop -m immediate of the private cluster (ledger + engine databases), started again after 3 s', () => stack.pg.crash(), async () => {
      await sleep(3_000);
      stack.pg.start();
    }, { when: 'the next registration, task or event succeeded', probe: firstStep() });
    await sleep(2_000);
    // 5. the SMTP server and the webhook receiver are down for a while, together
    const outage = async (name: 'smtp' | 'webhook') => {
      const server = name === 'smtp' ? stack.smtp : stack.webhook;
      await record(`${name}-down`, `${name === 'smtp' ? 'the SMTP server' : 'the webhook receiver (group robot)'} down for ${Math.round(options.outageMs / 1000)} s`, () => server.down(), async () => {
        await sleep(options.outageMs);
        await server.up();
      }, { when: `the ${name === 'smtp' ? 'e-mail' : 'robot'} backlog queued before it came back is sent`, probe: backlogDrained(name === 'smtp' ? 'email' : 'wecom') });
    };
    await Promise.all([outage('smtp'), outage('webhook')]);
    // 6. the web app dies while court events are posted
    await waitFor('a court event under way', () => drivingDone || suits.some((s) => s.step.startsWith('event ')));
    if (!drivingDone) {
      await record('web-app-kill-events', 'kill -9 of the web app while court events are posted; restarted at once', () => stack.killWeb(), () => stack.startWeb(), { when: 'the next court event succeeded', probe: firstStep('event') });
    }
  })();

  await chaos;
  await driving;
  clearInterval(progressTimer);
  const begun = suits.filter((s) => s.startedAt);
  log(`drive finished: ${suits.filter((s) => s.done).length}/${begun.length} suits at their end` + (begun.length < suits.length ? ` (${suits.length - begun.length} not started: the start budget of ${Math.round(options.startBudgetMs! / 60_000)} min ran out)` : ''));

  // ── drain: every engine command carried out, every notification sent (bounded) ──
  await until('the outboxes drained', async () => {
    const [c] = await db('engine_commands').where({ status: 'pending' }).count<{ count: string }[]>('* as count');
    const [n] = await db('notification_outbox').whereIn('status', ['pending', 'sending']).whereNot({ channel: 'in-app' }).count<{ count: string }[]>('* as count');
    if (Number(c!.count) !== 0 || Number(n!.count) !== 0) return false;
    // the engine settles after the ledger: the archive's worker closes the case, then the main
    // process still runs to its end — wait until no closed case has an active main instance
    const closed = new Set((await db('cases').where({ status: 'closed' }).pluck('id')) as string[]);
    const auth = Buffer.from(`${stack.config.ENGINE_USER}:${stack.config.ENGINE_PASSWORD}`).toString('base64');
    const res = await fetch(`${stack.engineUrl}/history/process-instance?processDefinitionKey=case-lifecycle&active=true&maxResults=100000`, { headers: { authorization: `Basic ${auth}` } });
    if (!res.ok) return false;
    const active = (await res.json()) as { businessKey: string | null }[];
    return !active.some((i) => i.businessKey && closed.has(i.businessKey));
  }, 5 * 60_000);

  const result = await audit({ db, config: stack.config, suits: begun, mails: stack.smtp.all().map((m) => ({ messageId: m.messageId })), webhookBodies: stack.webhook.hits.map((h) => h.body) });
  const d = result.duplicates;
  const passed = result.suits.lost === 0 && d.documents + d.notifications + d.notificationDeliveries + d.ledgerEvents + d.processInstances === 0 && result.lostWork.engineCommands + result.lostWork.notifications === 0 && result.ledgerVsEngine.mismatches === 0;
  return {
    date: new Date().toISOString(),
    options: { suits: options.suits, concurrency: options.concurrency, outageMs: options.outageMs, startBudgetMs: options.startBudgetMs ?? null },
    suitsStarted: begun.length,
    durationMs: Date.now() - started,
    faults,
    stagesAtFaults,
    client: { requests: stats.requests, retriedAfterNoAnswer: stats.retriedAfterNoAnswer, waitedOn409: stats.waitedOn409 },
    audit: result,
    passed,
  };
}

/** The report as a plain table. */
export function formatReport(r: ChaosReport): string {
  const a = r.audit;
  const lines = [
    `chaos run ${r.date}: ${r.options.suits} suits, ${r.options.concurrency} at a time, outages ${Math.round(r.options.outageMs / 1000)} s, ${(r.durationMs / 60_000).toFixed(1)} min — ${r.passed ? 'PASSED' : 'FAILED'}`,
    '',
    'fault                         down (s)  recovery (s)  recovered when',
    ...r.faults.map((f) => `${f.fault.padEnd(30)}${(f.downMs / 1000).toFixed(1).padStart(8)}  ${(f.recoveryMs === null ? 'n/a' : (f.recoveryMs / 1000).toFixed(1)).padStart(12)}  ${f.recoveredWhen}`),
    '',
    ...(r.suitsStarted < r.options.suits ? [`suits started                 ${r.suitsStarted} of ${r.options.suits} (no suit starts after the first ${Math.round(r.options.startBudgetMs! / 60_000)} min of the drive)`] : []),
    `suits completed               ${a.suits.completed} / ${a.suits.total}  (${Object.entries(a.suits.byKind).map(([k, v]) => `${k} ${v.completed}/${v.total}`).join(', ')})`,
    `suits lost                    ${a.suits.lost}`,
    `duplicated documents          ${a.duplicates.documents}`,
    `duplicated notifications      ${a.duplicates.notifications} queued, ${a.duplicates.notificationDeliveries} delivered twice`,
    `duplicated ledger events      ${a.duplicates.ledgerEvents}`,
    `duplicated process instances  ${a.duplicates.processInstances}`,
    `lost engine commands          ${a.lostWork.engineCommands}`,
    `lost notifications            ${a.lostWork.notifications}`,
    `ledger = engine history       ${a.ledgerVsEngine.casesAgreeing} / ${a.ledgerVsEngine.casesChecked} cases (${a.ledgerVsEngine.mismatches} mismatches)`,
    `client                        ${r.client.requests} requests, ${r.client.retriedAfterNoAnswer} retried after no answer, ${r.client.waitedOn409} waits on 409`,
    `stages hit by faults          ${Object.entries(r.stagesAtFaults).map(([k, n]) => `${k} ${n}`).join(', ')}`,
  ];
  if (a.findings.length) lines.push('', `findings (first 30 of ${a.findings.length}):`, ...a.findings.slice(0, 30).map((f) => `  [${f.check}] suit ${f.suit ?? '-'} case ${f.caseId}: ${f.detail}`));
  return lines.join('\n');
}
