// After the run: what was lost, what was done twice, and whether the ledger agrees with the engine's
// history — for every case, from the ledger tables and the engine's history (REST, paged). Each
// check is defined here once; docs/chaos.md repeats the definitions.
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { EXPECTED_END, type Suit } from './suits.ts';

interface HistoricInstance {
  id: string;
  businessKey: string | null;
  processDefinitionKey: string;
  superProcessInstanceId: string | null;
  state: string;
}
interface CallActivity {
  calledProcessInstanceId: string | null;
  processInstanceId: string;
}
interface ExternalTaskLog {
  externalTaskId: string;
  processInstanceId: string;
  activityId: string;
  activityInstanceId: string;
  topicName: string;
}

async function engineGet<T>(config: Config, path: string): Promise<T> {
  const auth = Buffer.from(`${config.ENGINE_USER}:${config.ENGINE_PASSWORD}`).toString('base64');
  const res = await fetch(`${config.engine.restUrl}${path}`, { headers: { authorization: `Basic ${auth}` }, signal: AbortSignal.timeout(120_000) });
  if (!res.ok) throw new Error(`engine GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function paged<T>(config: Config, path: string): Promise<T[]> {
  const all: T[] = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let first = 0; ; first += 2000) {
    const page = await engineGet<T[]>(config, `${path}${sep}firstResult=${first}&maxResults=2000`);
    all.push(...page);
    if (page.length < 2000) return all;
  }
}

export interface Finding {
  caseId: string;
  suit?: number;
  check: string;
  detail: string;
}

export interface AuditResult {
  suits: { total: number; completed: number; lost: number; byKind: Record<string, { total: number; completed: number }> };
  duplicates: { documents: number; notifications: number; notificationDeliveries: number; ledgerEvents: number; processInstances: number };
  lostWork: { engineCommands: number; notifications: number };
  ledgerVsEngine: { casesChecked: number; casesAgreeing: number; mismatches: number };
  findings: Finding[];
}

const stable = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

export async function audit(deps: { db: Db; config: Config; suits: Suit[]; mails: { messageId: string | null }[]; webhookBodies: string[] }): Promise<AuditResult> {
  const { db, config, suits } = deps;
  const findings: Finding[] = [];
  const caseIds = suits.map((s) => s.caseId).filter((id): id is string => Boolean(id));
  const suitOf = new Map(suits.filter((s) => s.caseId).map((s) => [s.caseId!, s]));
  const add = (caseId: string, check: string, detail: string) => findings.push({ caseId, suit: suitOf.get(caseId)?.no, check, detail });

  // ── the engine's history, once for the whole run ──
  const instances = (await paged<HistoricInstance>(config, '/history/process-instance')).filter((i) => i.businessKey && suitOf.has(i.businessKey));
  const calls = await paged<CallActivity>(config, '/history/activity-instance?activityType=callActivity');
  const calledIds = new Set(calls.map((c) => c.calledProcessInstanceId).filter(Boolean));
  const successLogs = await paged<ExternalTaskLog>(config, '/history/external-task-log?successLog=true');
  const jobById = new Map(successLogs.map((l) => [l.externalTaskId, l]));
  const instancesByCase = new Map<string, HistoricInstance[]>();
  for (const i of instances) instancesByCase.set(i.businessKey!, [...(instancesByCase.get(i.businessKey!) ?? []), i]);

  // ── the ledger ──
  const cases = new Map((await db('cases').whereIn('id', caseIds).select('id', 'stage', 'status', 'level', 'process_instance_key')).map((c: any) => [c.id, c]));
  const events = await db('case_events').whereIn('case_id', caseIds).orderBy('id').select('id', 'case_id', 'type', 'payload', 'source_job_key', 'process_instance_key', 'idempotency_key');
  const documents = await db('documents').whereIn('case_id', caseIds).select('id', 'case_id', 'kind', 'format', 'data', 'source_job_key');
  const outbox = await db('notification_outbox').whereIn('case_id', caseIds).select('id', 'case_id', 'event', 'channel', 'recipient_person_id', 'address', 'subject', 'body_text', 'status', 'source_job_key');
  const recorded = await db('case_process_instances').whereIn('case_id', caseIds).select('case_id', 'process_instance_key', 'bpmn_process_id');
  const commands = await db('engine_commands').whereIn('business_key', caseIds).select('business_key', 'kind', 'status', 'message_name', 'last_error');

  // ── suits: each at its expected end ──
  const byKind: Record<string, { total: number; completed: number }> = {};
  let completed = 0;
  for (const s of suits) {
    const k = (byKind[s.kind] ??= { total: 0, completed: 0 });
    k.total += 1;
    const c = s.caseId ? cases.get(s.caseId) : undefined;
    const end = EXPECTED_END[s.kind];
    const atEnd = Boolean(c && s.done && c.stage === end.stage && c.status === end.status && c.level === end.level);
    if (atEnd) {
      completed += 1;
      k.completed += 1;
    } else add(s.caseId ?? '-', 'suit-lost', `suit ${s.no} (${s.kind}) stopped at "${s.step}"${c ? ` with the case at ${c.stage}/${c.status}/${c.level}` : ' with no case'}${s.error ? `: ${s.error}` : ''}`);
  }

  // ── duplicates ──
  // process instances: more than one root instance (no super instance) of a process per case — a
  // suit starts its main process once, and a recommended suit the recommendation process once — or a
  // called instance that no call activity of the engine made
  let dupInstances = 0;
  for (const id of caseIds) {
    const mine = instancesByCase.get(id) ?? [];
    const rootsByProcess = new Map<string, typeof mine>();
    for (const i of mine.filter((x) => !x.superProcessInstanceId)) rootsByProcess.set(i.processDefinitionKey, [...(rootsByProcess.get(i.processDefinitionKey) ?? []), i]);
    for (const [processKey, roots] of rootsByProcess) {
      if (roots.length < 2) continue;
      dupInstances += roots.length - 1;
      add(id, 'duplicate-process-instance', `${roots.length} root instances of ${processKey}: ${roots.map((r) => r.id).join(', ')}`);
    }
    for (const i of mine.filter((x) => x.superProcessInstanceId && !calledIds.has(x.id))) {
      dupInstances += 1;
      add(id, 'duplicate-process-instance', `${i.processDefinitionKey} ${i.id} was not started by a call activity`);
    }
  }
  // ledger events: the same idempotency key twice, or the same (type, payload) twice in one case
  // written by two jobs of the same engine activity instance, or the same court event recorded twice
  let dupEvents = 0;
  const seenKey = new Set<string>();
  const seenActivity = new Map<string, number>();
  const seenCourt = new Map<string, number>();
  for (const e of events) {
    if (e.idempotency_key) {
      if (seenKey.has(e.idempotency_key)) {
        dupEvents += 1;
        add(e.case_id, 'duplicate-ledger-event', `idempotency key ${e.idempotency_key} twice`);
      }
      seenKey.add(e.idempotency_key);
    }
    const job = e.source_job_key ? jobById.get(e.source_job_key) : undefined;
    if (job) {
      const k = `${e.case_id}|${e.type}|${job.activityInstanceId}|${stable(e.payload)}`;
      seenActivity.set(k, (seenActivity.get(k) ?? 0) + 1);
      if (seenActivity.get(k)! > 1) {
        dupEvents += 1;
        add(e.case_id, 'duplicate-ledger-event', `${e.type} twice for activity ${job.activityId} (${job.activityInstanceId})`);
      }
    }
    if (String(e.type).startsWith('court-event:')) {
      const k = `${e.case_id}|${e.type}|${stable(e.payload)}`;
      seenCourt.set(k, (seenCourt.get(k) ?? 0) + 1);
      if (seenCourt.get(k)! > 1) {
        dupEvents += 1;
        add(e.case_id, 'duplicate-ledger-event', `${e.type} recorded twice (${stable(e.payload)})`);
      }
    }
  }
  // documents: the same (case, kind, format) rendered twice from the same data, or by two jobs of the same activity instance
  let dupDocuments = 0;
  const seenDoc = new Map<string, number>();
  for (const d of documents) {
    const job = d.source_job_key ? jobById.get(d.source_job_key) : undefined;
    for (const k of [`data|${d.case_id}|${d.kind}|${d.format}|${stable(d.data)}`, ...(job ? [`act|${d.case_id}|${d.kind}|${d.format}|${job.activityInstanceId}`] : [])]) {
      seenDoc.set(k, (seenDoc.get(k) ?? 0) + 1);
      if (seenDoc.get(k) === 2) {
        dupDocuments += 1;
        add(d.case_id, 'duplicate-document', `${d.kind}.${d.format} twice (${k.split('|')[0]})`);
      }
    }
  }
  // notifications: two outbox rows with the same case, event, channel, recipient, subject and text
  // queued by jobs of the same engine activity instance (or, without a job, at all) — the hearing
  // reminder repeats the summons' text on purpose, from another activity
  let dupNotifications = 0;
  const seenNote = new Map<string, number>();
  for (const n of outbox) {
    const job = n.source_job_key ? jobById.get(n.source_job_key) : undefined;
    const k = stable([n.case_id, n.event, n.channel, n.recipient_person_id, n.address, n.subject, n.body_text, job ? job.activityInstanceId : (n.source_job_key ?? 'no job')]);
    seenNote.set(k, (seenNote.get(k) ?? 0) + 1);
    if (seenNote.get(k) === 2) {
      dupNotifications += 1;
      add(n.case_id, 'duplicate-notification', `${n.event} on ${n.channel} to ${n.recipient_person_id ?? n.address} queued twice`);
    }
  }
  // deliveries: an e-mail's Message-ID (<notification-<row id>@…>) received twice; a robot message
  // (same text) received more often than the outbox holds sent rows with that text
  let dupDeliveries = 0;
  const ids = new Map<string, number>();
  for (const m of deps.mails) if (m.messageId) ids.set(m.messageId, (ids.get(m.messageId) ?? 0) + 1);
  for (const [id, n] of ids) if (n > 1) dupDeliveries += n - 1;
  const robotRows = new Map<string, number>();
  const allRobotRows = await db('notification_outbox').where({ channel: 'wecom', status: 'sent' }).select('subject', 'body_text');
  for (const r of allRobotRows) robotRows.set(`${r.subject}\n${r.body_text}`, (robotRows.get(`${r.subject}\n${r.body_text}`) ?? 0) + 1);
  const robotHits = new Map<string, number>();
  for (const b of deps.webhookBodies) {
    try {
      const text = JSON.parse(b).text.content as string;
      robotHits.set(text, (robotHits.get(text) ?? 0) + 1);
    } catch {
      /* not a robot message */
    }
  }
  for (const [text, n] of robotHits) if (n > (robotRows.get(text) ?? 0)) dupDeliveries += n - (robotRows.get(text) ?? 0);

  // ── lost work in the outboxes ──
  const lostCommands = commands.filter((c: any) => c.status !== 'done');
  for (const c of lostCommands) add(c.business_key, 'lost-engine-command', `${c.kind} ${c.message_name ?? ''} ${c.status}: ${c.last_error ?? ''}`);
  const lostNotes = outbox.filter((n: any) => n.status !== 'sent' && n.channel !== 'in-app');
  for (const n of lostNotes) add(n.case_id, 'lost-notification', `${n.event} on ${n.channel}: ${n.status}`);

  // ── the ledger against the engine's history ──
  let agreeing = 0;
  for (const id of caseIds) {
    const before = findings.length;
    const mine = instancesByCase.get(id) ?? [];
    const mineIds = new Set(mine.map((i) => i.id));
    const c = cases.get(id);
    const root = mine.find((i) => !i.superProcessInstanceId && i.processDefinitionKey === 'case-lifecycle');
    if (!c) add(id, 'ledger-vs-engine', 'no case row');
    else if (!root || c.process_instance_key !== root.id) add(id, 'ledger-vs-engine', `case row names main instance ${c.process_instance_key}, the engine has ${root?.id ?? 'none'}`);
    for (const r of recorded.filter((x: any) => x.case_id === id)) if (!mineIds.has(r.process_instance_key)) add(id, 'ledger-vs-engine', `ledger instance ${r.bpmn_process_id} ${r.process_instance_key} unknown to the engine`);
    for (const e of events.filter((x: any) => x.case_id === id)) {
      if (e.process_instance_key && !mineIds.has(e.process_instance_key)) add(id, 'ledger-vs-engine', `event ${e.type} names instance ${e.process_instance_key}, not one of the case's`);
      if (e.source_job_key) {
        const job = jobById.get(e.source_job_key);
        if (!job) add(id, 'ledger-vs-engine', `event ${e.type} written by job ${e.source_job_key} that the engine never logged as completed`);
        else if (!mineIds.has(job.processInstanceId)) add(id, 'ledger-vs-engine', `event ${e.type}: its job ran in another case's instance`);
      }
    }
    for (const d of documents.filter((x: any) => x.case_id === id && x.source_job_key)) {
      if (!jobById.has(d.source_job_key)) add(id, 'ledger-vs-engine', `document ${d.kind}.${d.format} from job ${d.source_job_key} that the engine never logged as completed`);
    }
    const suit = suitOf.get(id);
    if (root && suit) {
      const wantDone = EXPECTED_END[suit.kind].status !== 'open';
      if (wantDone !== (root.state === 'COMPLETED')) add(id, 'ledger-vs-engine', `ledger status ${c?.status}, engine main instance ${root.state}`);
    }
    if (findings.slice(before).every((f) => f.check !== 'ledger-vs-engine')) agreeing += 1;
  }
  const mismatches = findings.filter((f) => f.check === 'ledger-vs-engine').length;

  return {
    suits: { total: suits.length, completed, lost: suits.length - completed, byKind },
    duplicates: { documents: dupDocuments, notifications: dupNotifications, notificationDeliveries: dupDeliveries, ledgerEvents: dupEvents, processInstances: dupInstances },
    lostWork: { engineCommands: lostCommands.length, notifications: lostNotes.length },
    ledgerVsEngine: { casesChecked: caseIds.length, casesAgreeing: agreeing, mismatches },
    findings,
  };
}
