// The API's answers as the pages read them (src/workspace, src/cases/case-view.ts, the data API).
export interface InboxTask {
  id: string;
  name: string;
  caseId: string;
  caseNumber: string;
  agencyId: string;
  agencyName: string;
  stage: string;
  due: string | null;
  created: string;
  assignee: string | null;
  mine: boolean;
  candidateGroups: { id: string; label: string }[];
  formId: string | null;
}

export interface CaseWarning {
  caseId: string;
  caseNumber: string;
  agencyName: string;
  deadlineName: string;
  ruleId: string;
  dueOn: string;
  warning: 'overdue' | 'due-3d' | 'due-week';
}

export interface HomeSummary {
  today: string;
  tasks: { total: number; items: InboxTask[] };
  warnings: { counts: Record<'overdue' | 'due-3d' | 'due-week', number>; items: CaseWarning[] };
  supervision: { id: string; caseId: string; caseNumber: string; subject: string; sentAt: string }[];
  notifications: { unreadCount: number; items: { id: string; caseId: string | null; subject: string; urgent: boolean; createdAt: string }[] };
}

export interface LedgerRow {
  id: string;
  caseNumber: string;
  agencyId: string;
  agencyName: string;
  profile: string;
  court: string;
  level: string;
  cause: string;
  stage: string;
  stageLabel?: string;
  status: string;
  plaintiffNames?: string[] | string;
  complaintReceivedOn: string;
  nextDeadline?: { ruleId: string; label: string; dueOn: string } | null;
  warning?: 'overdue' | 'due-3d' | 'due-week' | null;
  enterpriseRelated?: boolean;
  outcome?: string | null;
}

export interface CaseDeadlineView {
  rule: string;
  triggerKey: string;
  name: string;
  trigger: string;
  due: string;
  dueAt: string;
  status: 'OK' | 'PROVISIONAL';
  overdue: boolean;
  /** the case has done what the deadline asks (registered, answered) */
  fulfilled: boolean;
  explanation: string;
  source: string;
  basis: string;
}

export interface ProjectedDeadline {
  rule: string;
  name: string;
  step: string;
  due: string;
  assumption: string;
  explanation: string;
  source: string;
  status: 'OK' | 'PROVISIONAL';
}

export interface CaseView {
  id: string;
  caseNumber: string;
  agencyId: string;
  agencyName: string | null;
  court: string;
  level: string;
  cause: string;
  actUnderSuit: { description: string; madeByAgencyId: string };
  reconsideration: { status: string; organAgencyId: string | null };
  plaintiffs: { name: string; type: string }[];
  thirdParties: { name: string; type: string }[];
  plaintiffCount: number;
  claimAmount: number | null;
  flags: Record<string, boolean>;
  complaintReceivedOn: string;
  stage: string;
  stageLabel: string;
  status: string;
  answerSubmittedOn: string | null;
  respondingUnits: { agencyId: string; agencyName: string; role: string; defends: string; rule: string; explanation: string }[];
  deadlines: CaseDeadlineView[];
  projectedDeadlines?: ProjectedDeadline[];
  headAppearance: { required: string; reasons: { text?: string; source?: string }[] | unknown[]; decidedBy: string };
  documents: { id: string; kind: string; title: string; version: number; format: string; latest: boolean; sha256: string; size: number; fileName: string; createdAt: string; url: string }[];
  hearings: { hearingAt: string; recordedAt: string }[];
  hearingsHeld: { hearingAt?: string; heldOn?: string; headAppeared?: boolean; appearedHeadName?: string; attendees?: unknown; transcriptChecked?: boolean; recordedAt: string }[];
  notifications: { id: string; event: string; channel: string; recipientName: string | null; subject: string; status: string; createdAt: string; sentAt: string | null }[];
  judgment: null | { kind: string; outcome: string; level: string; servedOn: string; appealable: boolean; appealed: boolean; effectiveOn: string | null; effectiveStatus: string; effectiveReason: string; unservedParties: string[] };
  events: { id: string; type: string; label: string; payload: Record<string, unknown>; actor: string | null; occurredAt: string }[];
}

export interface CaseDiagram {
  instanceId: string;
  processDefinitionKey: string;
  processName: string;
  state: 'running' | 'finished';
  startTime: string;
  endTime: string | null;
  parentInstanceId: string | null;
  xml: string;
  activeActivityIds: string[];
  cockpitUrl: string;
}

export interface Agency {
  id: string;
  code: string;
  name: string;
  kind: string;
  level: string;
  profile: string;
  parentId: string | null;
}
