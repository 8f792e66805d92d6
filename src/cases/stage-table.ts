// The ONE table of the case stages and the events each accepts. Everything else about stages is
// derived from it: the stage lists and labels (case API, court-event rules, OpenAPI document), which
// court events the law allows in a stage (src/judgment/court-events.ts) and which events the running
// diagrams take there (src/cases/case-stages.ts: the case API's 409 and its reason).
import type { CourtEvent } from '../judgment/court-events.ts';
import type { CaseEventType } from './case-input.ts';

export interface StageRow {
  label: string;
  /** no effective decision of the current level yet (awaiting or in trial): no appeal, a withdrawal is possible */
  pending?: true;
  /** the court events the court can send in this stage at all (law). Absent: a stage of the product's own, which the law's table does not name */
  courtMaySend?: readonly CourtEvent[];
  /** the events the case API takes in this stage: what the running diagrams wait for there. Absent: no diagram records this stage */
  processTakes?: readonly CaseEventType[];
}

const RECOMMENDATIONS = ['judicial-recommendation', 'procuratorial-recommendation'] as const;
/** events that start a process of their own, taken in every stage: recommendations and public opinion about the case (LC Art. 48) */
const OWN_PROCESSES = [...RECOMMENDATIONS, 'public-opinion-incident'] as const;
const IN_TRIAL = ['hearing-scheduled', 'hearing-moved', 'head-appearance-notice', 'judgment-served', 'withdrawn', 'site-investigation'] as const;

// A judicial (or procuratorial) recommendation may come in every stage, also after archiving; it
// starts its own process, so every stage takes it (the API's event names are the court events').
export const STAGE_TABLE = {
  registration: {
    label: '收件登记',
    pending: true,
    courtMaySend: ['case-withdrawn', ...RECOMMENDATIONS],
    processTakes: ['withdrawn', 'settlement-outcome', ...OWN_PROCESSES],
  },
  // the law's stage; the diagrams keep the case in registration / answer while the talks run
  settlement: {
    label: '审前和解',
    pending: true,
    // a ruling (e.g. dismissing the suit) can come before any hearing
    courtMaySend: ['hearing-scheduled', 'judgment-served', 'case-withdrawn', ...RECOMMENDATIONS],
  },
  answer: {
    label: '答辩举证',
    pending: true,
    courtMaySend: ['hearing-scheduled', 'hearing-moved', 'head-appearance-notice', 'judgment-served', 'case-withdrawn', 'site-investigation', ...RECOMMENDATIONS],
    processTakes: ['withdrawn', 'settlement-outcome', 'hearing-scheduled', 'site-investigation', ...OWN_PROCESSES],
  },
  // the product's own stage between the answer and the hearing
  'awaiting-hearing': {
    label: '答辩完毕，等待开庭',
    processTakes: ['withdrawn', 'settlement-outcome', 'hearing-scheduled', 'site-investigation', ...OWN_PROCESSES],
  },
  hearing: {
    label: '出庭应诉',
    pending: true,
    courtMaySend: ['hearing-scheduled', 'hearing-moved', 'head-appearance-notice', 'judgment-served', 'case-withdrawn', 'site-investigation', ...RECOMMENDATIONS],
    processTakes: ['withdrawn', 'hearing-moved', 'head-appearance-notice', 'hearing-scheduled', 'judgment-served', 'site-investigation', ...OWN_PROCESSES],
  },
  judgment: {
    label: '裁判与上诉',
    // a correcting ruling may still be served; a second-instance judgment is effective on service, so a retrial petition may follow at once.
    // Services on further parties and the certificate of effect move the effective date while the appeal periods run
    courtMaySend: ['judgment-served', 'judgment-served-to-party', 'judgment-effective', 'appeal-filed', 'appeal-copy-served', 'retrial-petition-served', 'case-withdrawn', ...RECOMMENDATIONS],
    processTakes: ['judgment-served-to-party', 'judgment-effective', 'appeal-filed', 'appeal-copy-served', 'retrial-petition-served', ...OWN_PROCESSES],
  },
  'second-instance': {
    label: '二审',
    pending: true,
    courtMaySend: ['hearing-scheduled', 'hearing-moved', 'head-appearance-notice', 'judgment-served', 'appeal-copy-served', 'case-withdrawn', 'site-investigation', ...RECOMMENDATIONS],
    processTakes: [...IN_TRIAL, 'appeal-copy-served', ...OWN_PROCESSES],
  },
  retrial: {
    label: '再审',
    pending: true,
    courtMaySend: ['hearing-scheduled', 'hearing-moved', 'head-appearance-notice', 'judgment-served', 'case-withdrawn', 'site-investigation', ...RECOMMENDATIONS],
    processTakes: [...IN_TRIAL, ...OWN_PROCESSES],
  },
  // 再审: its own process (message start), for an effective decision, also after archiving
  // after an estimated effect a later service or the certificate still fixes the date (ledger first, then the
  // running steps are told), and a party whose own period still runs may appeal: the main process's
  // boundary on the effect part takes it to second instance (src/cases/case-stages.ts says when)
  performance: { label: '履行', courtMaySend: ['retrial-petition-served', 'judgment-served-to-party', 'judgment-effective', 'appeal-filed', ...RECOMMENDATIONS], processTakes: ['retrial-petition-served', 'appeal-filed', ...OWN_PROCESSES] },
  'loss-analysis': { label: '败诉分析与问责', courtMaySend: ['retrial-petition-served', 'judgment-served-to-party', 'judgment-effective', 'appeal-filed', ...RECOMMENDATIONS], processTakes: ['retrial-petition-served', 'appeal-filed', ...OWN_PROCESSES] },
  // performance and the loss analysis are done but the effect was only estimated (a party's service date
  // unknown, or its own period still running): the case waits here — not archived — until the service
  // dates or the court's certificate confirm the effect and the date is reached; a party's appeal within
  // its own period still takes the case to second instance (行政诉讼法85)
  'awaiting-effect': {
    label: '等待裁判生效确认',
    courtMaySend: ['retrial-petition-served', 'judgment-served-to-party', 'judgment-effective', 'appeal-filed', ...RECOMMENDATIONS],
    processTakes: ['retrial-petition-served', 'appeal-filed', ...OWN_PROCESSES],
  },
  archived: { label: '结案归档', courtMaySend: ['retrial-petition-served', ...RECOMMENDATIONS], processTakes: ['retrial-petition-served', ...OWN_PROCESSES] },
  // the product's own end state (settled, withdrawn, closed without archiving)
  closed: { label: '已结案', processTakes: [...OWN_PROCESSES] },
} as const satisfies Record<string, StageRow>;

type Table = typeof STAGE_TABLE;
/** The stages the law's court-event table names (rows with courtMaySend). */
export type LegalStage = { [S in keyof Table]: Table[S] extends { courtMaySend: readonly unknown[] } ? S : never }[keyof Table];
/** The stages the running diagrams record (rows with processTakes). */
export type ProcessStage = { [S in keyof Table]: Table[S] extends { processTakes: readonly unknown[] } ? S : never }[keyof Table];

const rows = Object.entries(STAGE_TABLE) as [keyof Table, StageRow][];

/** The law's stages, in table order. */
export const LEGAL_STAGES = rows.filter(([, r]) => r.courtMaySend).map(([s]) => s) as LegalStage[];
/** The stages the diagrams record (the case API's stage values), in table order. */
export const PROCESS_STAGES = rows.filter(([, r]) => r.processTakes).map(([s]) => s) as ProcessStage[];

/** The row of a stage; undefined for a name the table does not know. */
export function stageRow(stage: string): StageRow | undefined {
  return Object.hasOwn(STAGE_TABLE, stage) ? (STAGE_TABLE as Record<string, StageRow>)[stage] : undefined;
}
