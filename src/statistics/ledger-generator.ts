// A seeded-random generator of realistic case ledgers (台账) for the statistics: a province's
// agencies (cities bound to the five local profiles, counties, departments), cases over several
// years with their parties, hearings, decisions, appeals, withdrawals and settlements, performance,
// recommendations, answers and answer deadlines — written to the real tables. The same seed gives
// the same ledger. The distributions are documented in docs/statistics.md ("Generated ledgers").
import type { Knex } from 'knex';
import type { Db } from '../db/database.ts';
import { epochDay, formatIsoDate, parseIsoDate } from '../deadlines/dates.ts';

export interface GeneratorOptions {
  seed: number;
  cases: number;
  /** complaint receipt dates spread uniformly over these years */
  fromYear: number;
  toYear: number;
  /** the ledger's "today": nothing happens after it (later closings stay pending) */
  asOf: string;
  /** prefix of agency codes and case numbers, so several generated ledgers can share a database */
  label?: string;
  /**
   * mean number of further events per case that the statistics do not read (documents, deadlines,
   * tasks, notifications …: the volume of a real ledger, 10–26 a case for a mean of 18); 0 = none
   */
  fillerEvents?: number;
}

/** mulberry32: small, fast, good enough for test data; deterministic per seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The distributions the generator draws from (documented in docs/statistics.md). */
export const DISTRIBUTIONS = {
  causes: [
    ['行政处罚', 25],
    ['政府信息公开', 15],
    ['房屋征收与补偿', 12],
    ['行政强制', 10],
    ['履行法定职责', 10],
    ['行政许可', 8],
    ['工伤认定', 8],
    ['行政登记', 6],
    ['行政复议', 6],
  ] as [string, number][],
  /** which kind of agency a case is against */
  defendants: [
    ['department', 70],
    ['government', 25],
    ['justice-bureau', 5],
  ] as [string, number][],
  enterprisePlaintiff: 0.18,
  enterpriseThirdParty: 0.04,
  /** how a case ends: shares of all cases (the rest are decided); closing 30–300 days after receipt */
  settled: 0.06,
  withdrawn: 0.18,
  /** of the withdrawals, the share after a settlement */
  withdrawnAfterSettlement: 0.3,
  /** of the withdrawals, the share with cases.withdrawn_on filled (the rest dated by the stage change only) */
  withdrawnOnRecorded: 0.8,
  firstDecisionKind: [
    ['judgment', 80],
    ['ruling', 15],
    ['mediation', 5],
  ] as [string, number][],
  outcome: [
    ['won', 84],
    ['lost', 12],
    ['partly-lost', 4],
  ] as [string, number][],
  appealed: 0.3,
  retrial: 0.02,
  /** Jinghai only: a reconsideration organ's decision recorded on the case */
  jinghaiReconsideration: 0.08,
  /** a hearing for every decided instance; for settled / withdrawn cases this share */
  hearingWhenNotDecided: 0.4,
  secondSession: 0.15,
  /** a head appears at a session: national default, and per profile */
  headAppears: { national: 0.7, yantai: 0.75, hunan: 0.8, liaocheng: 0.92, tengzhou: 0.95, jinghai: 0.85 } as Record<string, number>,
  principalHeadAppears: 0.12,
  /** lost cases with a performance plan; of those, completed; the completion falls −20…+30 days around the planned date */
  performancePlanned: 0.9,
  performanceCompleted: 0.85,
  recommendation: 0.04,
  recommendationReplied: 0.9,
  /** answers submitted 5–18 days after receipt (the deadline is day 15); the share never submitted */
  answerMissing: 0.03,
  /** superseded answer deadlines (a corrected trigger) kept as history */
  supersededDeadline: 0.05,
} as const;

const PROFILES = ['yantai', 'hunan', 'liaocheng', 'tengzhou', 'jinghai', 'national'] as const;

interface Rows {
  agencies: Record<string, unknown>[];
  cases: Record<string, unknown>[];
  case_parties: Record<string, unknown>[];
  case_judgments: Record<string, unknown>[];
  case_events: Record<string, unknown>[];
  case_deadlines: Record<string, unknown>[];
  case_answers: Record<string, unknown>[];
}

export interface GeneratedLedger {
  rows: Rows;
  /** the province government: region:<id> covers every generated agency */
  provinceId: string;
  agencies: { id: string; name: string; kind: string; profile: string; parentId: string | null }[];
}

/** The events of a real ledger the statistics do not read, added as volume (fillerEvents). */
export const FILLER_EVENT_TYPES = ['deadline-computed', 'document-rendered', 'task-completed', 'notification-sent', 'responding-units-assigned', 'evidence-submitted', 'hearing-scheduled', 'case-note-added'] as const;

/** Generates the ledger's rows (no database access). */
export function generateLedger(o: GeneratorOptions): GeneratedLedger {
  const stream = ledgerStream(o);
  for (let n = 0; n < o.cases; n++) stream.addCase(n);
  return { rows: stream.rows, provinceId: stream.provinceId, agencies: stream.agencies };
}

export interface LedgerStream extends GeneratedLedger {
  /** appends case number n (0, 1, 2 … in order) and its facts to `rows`; the caller may empty the case tables' arrays between calls */
  addCase(n: number): void;
}

/** The generator one case at a time: `rows.agencies` holds the agencies, each addCase adds one case's rows. */
export function ledgerStream(o: GeneratorOptions): LedgerStream {
  const rnd = seededRandom(o.seed);
  const label = o.label ?? `g${o.seed}`;
  const uuid = () => {
    const h = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16));
    h[12] = '4';
    h[16] = '89ab'[Math.floor(rnd() * 4)]!;
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  const chance = (p: number) => rnd() < p;
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const weighted = (list: readonly [string, number][]): string => {
    const total = list.reduce((n, [, w]) => n + w, 0);
    let r = rnd() * total;
    for (const [v, w] of list) if ((r -= w) < 0) return v;
    return list[list.length - 1]![0];
  };
  const day = (d: number) => formatIsoDate(d);
  const asOfDay = parseIsoDate(o.asOf)!;
  // an instant on that Shanghai day (00:00–23:59 local): before 08:00 it is the previous day in UTC
  const instantOn = (d: number) => new Date(d * 86_400_000 + (between(0, 23 * 60 + 59) - 8 * 60) * 60_000);

  const rows: Rows = { agencies: [], cases: [], case_parties: [], case_judgments: [], case_events: [], case_deadlines: [], case_answers: [] };
  const agencies: GeneratedLedger['agencies'] = [];
  const addAgency = (name: string, kind: string, level: string, parentId: string | null, profile: string) => {
    const id = uuid();
    agencies.push({ id, name, kind, profile, parentId });
    rows.agencies.push({ id, code: `${label}-${rows.agencies.length + 1}`, name, kind, level, parent_id: parentId, profile });
    return id;
  };
  const provinceId = addAgency(`生成省人民政府（${label}）`, 'government', 'province', null, 'national');
  addAgency(`生成省司法厅（${label}）`, 'justice-bureau', 'province', provinceId, 'national');
  const courtsOf = new Map<string, string[]>();
  const DEPARTMENTS = ['公安局', '自然资源和规划局', '市场监督管理局', '人力资源和社会保障局', '住房和城乡建设局'];
  PROFILES.forEach((profile, i) => {
    const city = `生成${i + 1}市`;
    const gov = addAgency(`${city}人民政府`, 'government', 'city', provinceId, profile);
    const courts = [`${city}中级人民法院`, `${city}甲区人民法院`, `${city}乙县人民法院`];
    const cityAgencies = [gov, addAgency(`${city}司法局`, 'justice-bureau', 'city', gov, profile), ...DEPARTMENTS.map((d) => addAgency(`${city}${d}`, 'department', 'city', gov, profile))];
    for (const county of ['甲区', '乙县']) {
      const cgov = addAgency(`${city}${county}人民政府`, 'government', 'county', gov, profile);
      cityAgencies.push(cgov, addAgency(`${city}${county}司法局`, 'justice-bureau', 'county', cgov, profile));
      for (const d of DEPARTMENTS.slice(0, 3)) cityAgencies.push(addAgency(`${city}${county}${d}`, 'department', 'county', cgov, profile));
    }
    for (const id of cityAgencies) courtsOf.set(id, courts);
  });
  const byKind = new Map<string, GeneratedLedger['agencies']>();
  for (const a of agencies) if (courtsOf.has(a.id)) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a]);

  const firstDay = epochDay(o.fromYear, 1, 1);
  const lastDay = Math.min(epochDay(o.toYear, 12, 31), asOfDay);
  let eventNo = 0;
  const event = (caseId: string, type: string, payload: Record<string, unknown>, on: number, processInstanceKey: string | null = null, keyed = true) => {
    eventNo += 1;
    rows.case_events.push({ case_id: caseId, type, payload: JSON.stringify(payload), actor: 'generator', process_instance_key: processInstanceKey, idempotency_key: keyed ? `${label}:event:${eventNo}` : null, occurred_at: instantOn(on) });
  };
  const deadline = (caseId: string, ruleId: string, triggerKey: string, profile: string, triggerOn: number, dueOn: number) => {
    const base = { case_id: caseId, rule_id: ruleId, trigger_key: triggerKey, profile, rule_profile: 'national', name: ruleId, stage: 'answer', basis: 'statutory', status: 'OK', explanation: '生成的数据', source: '行政诉讼法第六十七条', computed_reason: 'generator' };
    if (chance(DISTRIBUTIONS.supersededDeadline)) {
      rows.case_deadlines.push({ ...base, trigger_on: day(triggerOn - 3), due_on: day(dueOn - 3), superseded_at: instantOn(triggerOn + 2), superseded_change: 'changed', superseded_reason: 'generator' });
    }
    rows.case_deadlines.push({ ...base, trigger_on: day(triggerOn), due_on: day(dueOn) });
  };
  const hearings = (caseId: string, level: string, profile: string, from: number, until: number) => {
    if (until - from < 12) return;
    const sessions = chance(DISTRIBUTIONS.secondSession) ? 2 : 1;
    for (let s = 1; s <= sessions; s++) {
      const held = between(from + 10, until - 2);
      if (held > asOfDay) continue;
      const head = chance(DISTRIBUTIONS.headAppears[profile] ?? 0.7);
      const key = s === 1 ? level : `${level}_${s}`;
      // about one hearing in ten records only hearingAt, as older diagram versions did
      const payload = chance(0.1) ? { hearingKey: key, hearingAt: `${day(held)}T09:30:00+08:00` } : { hearingKey: key, heldOn: day(held), hearingAt: `${day(held)}T09:30:00+08:00` };
      event(caseId, 'hearing-held', { ...payload, headAppeared: head, principalHeadAppeared: head && chance(DISTRIBUTIONS.principalHeadAppears) }, held);
    }
  };

  const addCase = (n: number) => {
    const caseId = uuid();
    const agency = pick(byKind.get(weighted(DISTRIBUTIONS.defendants))!);
    const received = between(firstDay, lastDay);
    const cause = weighted(DISTRIBUTIONS.causes);
    const court = pick(courtsOf.get(agency.id)!);
    const enterprisePlaintiff = chance(DISTRIBUTIONS.enterprisePlaintiff);
    const enterpriseThird = chance(DISTRIBUTIONS.enterpriseThirdParty);
    const flags: Record<string, boolean> = {};
    if ((enterprisePlaintiff || enterpriseThird) && chance(0.5)) flags.enterpriseRelated = true;
    rows.case_parties.push({ case_id: caseId, role: 'plaintiff', name: enterprisePlaintiff ? `生成企业${n}有限公司` : `原告${n}`, type: enterprisePlaintiff ? 'enterprise' : 'person', position: 0 });
    if (enterpriseThird) rows.case_parties.push({ case_id: caseId, role: 'third-party', name: `第三人企业${n}`, type: 'enterprise', position: 0 });

    const r = rnd();
    const plannedClose = received + between(30, 300);
    const closesInTime = plannedClose <= asOfDay;
    const ending = !closesInTime ? 'pending' : r < DISTRIBUTIONS.settled ? 'settled' : r < DISTRIBUTIONS.settled + DISTRIBUTIONS.withdrawn ? 'withdrawn' : 'decided';
    let status = 'open';
    let settlementStatus = 'none';
    let withdrawnOn: string | null = null;
    let level = 'first';
    let stage = 'answer';

    // answer at first instance: due 15 days after receipt
    deadline(caseId, 'answer-and-evidence', 'complaintReceivedOn', agency.profile, received, received + 15);
    const submitted = received + between(5, 18);
    const answerSubmitted = !chance(DISTRIBUTIONS.answerMissing) && submitted <= asOfDay && !(ending !== 'decided' && ending !== 'pending' && plannedClose < submitted);
    if (answerSubmitted) rows.case_answers.push({ case_id: caseId, level: 'first', submitted_on: day(submitted) });

    if (ending === 'settled' || ending === 'withdrawn') {
      if (chance(DISTRIBUTIONS.hearingWhenNotDecided)) hearings(caseId, 'first', agency.profile, received, plannedClose);
      if (ending === 'settled') {
        status = 'settled';
        settlementStatus = 'settled';
      } else {
        status = 'withdrawn';
        settlementStatus = chance(DISTRIBUTIONS.withdrawnAfterSettlement) ? 'withdrawn' : 'none';
        if (chance(DISTRIBUTIONS.withdrawnOnRecorded)) withdrawnOn = day(plannedClose);
      }
      stage = 'closed';
      event(caseId, 'stage-changed', { from: { status: 'open' }, to: { stage, status, settlementStatus }, reason: 'generator' }, plannedClose);
    } else if (ending === 'decided') {
      hearings(caseId, 'first', agency.profile, received, plannedClose);
      const kind = weighted(DISTRIBUTIONS.firstDecisionKind);
      let outcome = kind === 'mediation' ? 'won' : weighted(DISTRIBUTIONS.outcome);
      const served = plannedClose - 16;
      let effective = plannedClose;
      let decidedLevel = 'first';
      if (kind !== 'mediation' && chance(DISTRIBUTIONS.appealed)) {
        // second instance: the plaintiff's appeal asks for an answer; decided 60–150 days later
        level = 'second';
        const copyServed = served + between(10, 25);
        if (chance(0.5) && copyServed <= asOfDay) {
          deadline(caseId, 'appeal-answer', 'appealCopyServedOn', agency.profile, copyServed, copyServed + 15);
          const answered = copyServed + between(4, 18);
          if (answered <= asOfDay && !chance(DISTRIBUTIONS.answerMissing)) rows.case_answers.push({ case_id: caseId, level: 'second', submitted_on: day(answered) });
        }
        event(caseId, 'stage-changed', { from: { stage: 'judgment', level: 'first' }, to: { stage: 'second-instance', level: 'second' }, reason: 'generator' }, Math.min(served + 10, asOfDay));
        hearings(caseId, 'second', agency.profile, copyServed, copyServed + 90);
        effective = copyServed + between(60, 150);
        decidedLevel = 'second';
        if (chance(0.3)) outcome = outcome === 'won' ? 'lost' : 'won';
      }
      if (effective > asOfDay) {
        stage = decidedLevel === 'second' ? 'second-instance' : 'judgment';
      } else {
        rows.case_judgments.push({ case_id: caseId, agency_id: agency.id, level: decidedLevel, kind, outcome, served_on: day(effective - 16), effective_on: day(effective), field: cause, enterprise_related: enterprisePlaintiff || enterpriseThird || flags.enterpriseRelated === true });
        stage = effective + 60 < asOfDay ? 'archived' : 'performance';
        status = stage === 'archived' ? 'closed' : 'open';
        if (outcome !== 'won' && chance(DISTRIBUTIONS.performancePlanned)) {
          const pik = `${label}-perf-${n}`;
          const due = effective + between(30, 90);
          event(caseId, 'performance-planned', { dueOn: day(due), content: '履行生效裁判' }, effective + 5, pik);
          const done = due + between(-20, 30);
          if (done <= asOfDay && chance(DISTRIBUTIONS.performanceCompleted)) event(caseId, 'performance-completed', { completedOn: day(done), dueOn: day(due) }, done, pik);
        }
        if (chance(DISTRIBUTIONS.retrial)) {
          // a retrial after archiving: its own answer deadline and hearing; decided (reversing the outcome) or still pending
          level = 'retrial';
          const petition = effective + between(30, 150);
          if (petition + 20 <= asOfDay) {
            event(caseId, 'stage-changed', { from: { stage: 'archived', level: decidedLevel }, to: { stage: 'retrial', level: 'retrial' }, reason: 'generator' }, petition);
            deadline(caseId, 'retrial-response', 'retrialPetitionServedOn', agency.profile, petition, petition + 15);
            if (chance(0.9)) rows.case_answers.push({ case_id: caseId, level: 'retrial', submitted_on: day(petition + between(5, 17)) });
            hearings(caseId, 'retrial', agency.profile, petition, petition + 80);
            const retrialEffective = petition + between(60, 120);
            if (retrialEffective <= asOfDay) {
              rows.case_judgments.push({ case_id: caseId, agency_id: agency.id, level: 'retrial', kind: 'judgment', outcome: outcome === 'won' ? 'lost' : 'won', served_on: day(retrialEffective), effective_on: day(retrialEffective), field: cause, enterprise_related: false });
              stage = 'archived';
              status = 'closed';
            } else {
              stage = 'retrial';
              status = 'open';
            }
          }
        }
      }
    } else if (received + 30 <= asOfDay) {
      hearings(caseId, 'first', agency.profile, received, Math.min(asOfDay, received + 200));
    }
    if (agency.profile === 'jinghai' && chance(DISTRIBUTIONS.jinghaiReconsideration)) {
      const decided = received - between(20, 90);
      const effective = chance(0.8) ? day(decided + 15) : null;
      rows.case_judgments.push({ case_id: caseId, agency_id: agency.id, level: 'reconsideration', kind: 'judgment', outcome: chance(0.4) ? 'lost' : 'won', served_on: day(decided), effective_on: effective, field: cause, enterprise_related: false });
    }
    if (chance(DISTRIBUTIONS.recommendation)) {
      const receivedOn = received + between(20, 400);
      if (receivedOn <= asOfDay) {
        const procuratorial = chance(0.2);
        event(caseId, procuratorial ? 'court-event:procuratorial-recommendation' : 'court-event:judicial-recommendation', { receivedOn: day(receivedOn), issuer: procuratorial ? '生成市人民检察院' : court }, receivedOn);
        const repliedOn = receivedOn + between(10, 80);
        if (repliedOn <= asOfDay && chance(DISTRIBUTIONS.recommendationReplied)) {
          event(caseId, 'judicial-recommendation-replied', { kind: procuratorial ? 'procuratorial' : 'judicial', receivedOn: day(receivedOn), replyDue: day(receivedOn + 60), repliedOn: day(repliedOn) }, repliedOn, `${label}-rec-${n}`);
        }
      }
    }
    rows.cases.push({
      id: caseId,
      agency_id: agency.id,
      case_number: `（${day(received).slice(0, 4)}）生${label}行初${n + 1}号`,
      court,
      level,
      cause,
      act_description: `${cause}决定`,
      plaintiff_count: 1,
      flags: JSON.stringify(flags),
      complaint_received_on: day(received),
      stage,
      status,
      settlement_status: settlementStatus,
      withdrawn_on: withdrawnOn,
      answer_submitted_on: null,
    });
    if (o.fillerEvents) {
      const until = Math.min(asOfDay, received + 400);
      for (let k = between(Math.round(o.fillerEvents * 0.55), Math.round(o.fillerEvents * 1.45)); k > 0; k--) {
        event(caseId, pick(FILLER_EVENT_TYPES), { note: '生成的数据', step: k }, between(received, Math.max(received, until)), null, false);
      }
    }
  };
  return { rows, provinceId, agencies, addCase };
}

/** Writes a generated ledger into the database, in batches, in one transaction; reports progress. */
export async function insertGeneratedLedger(db: Db, ledger: GeneratedLedger, progress?: (table: string, rows: number) => void): Promise<void> {
  await db.transaction(async (trx: Knex.Transaction) => {
    // the statistics summaries are refreshed once for all the new cases at the end, not per batch
    await trx.raw(`select set_config('yingsu.statistics_deferred', 'on', true)`);
    for (const table of ['agencies', 'cases', 'case_parties', 'case_judgments', 'case_events', 'case_deadlines', 'case_answers'] as const) {
      const list = ledger.rows[table];
      for (let i = 0; i < list.length; i += 1000) await trx(table).insert(list.slice(i, i + 1000));
      progress?.(table, list.length);
    }
    await trx.raw(`select set_config('yingsu.statistics_deferred', 'off', true)`);
    await trx.raw('select stat_refresh_cases(cast(? as uuid[]))', [ledger.rows.cases.map((c) => c.id as string)]);
    progress?.('statistics summaries', ledger.rows.cases.length);
  });
}
