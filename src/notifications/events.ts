// The names of notification events and recipient roles (通知事件、接收角色): what a rule profile's
// `notifications` (profiles/*.yaml) may name. A module of its own, without imports, so the profile
// schema can read it while src/notifications/rules.ts reads the profiles.

export const notificationEvents = [
  'case.registered',
  'case.assigned',
  'deadline.reminder-5',
  'deadline.reminder-2',
  'deadline.due-today',
  'deadline.escalation',
  'deadline.overdue',
  'hearing.summons',
  'hearing.head-unable',
  'judgment.received',
  'performance.due',
  'recommendation.reply-due',
  'site-investigation.department',
  'quota.at-risk',
] as const;
export type NotificationEvent = (typeof notificationEvents)[number];

/**
 * Roles as in person_roles, plus `head`: the deputy head in charge (分管负责人) of the case's agency,
 * or its principal head when it has no deputy head.
 */
export const recipientRoles = ['clerk', 'handler', 'legal-affairs', 'legal-counsel', 'deputy-head', 'principal-head', 'justice-bureau', 'head'] as const;
export type RecipientRole = (typeof recipientRoles)[number];
