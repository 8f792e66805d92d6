// notifications.send: tells the people of a case about an event (in-app, e-mail, robots, SMS).
// Inputs (variables, or task headers set in the Modeler): event (template id), caseId (or agencyId),
// recipients (roles; default: the event's rule for the agency's profile), recipientsAgencyId (resolve
// the roles in that agency instead of the case's: a co-defendant unit's own answer), personIds, urgent,
// notificationData (extra template data). Keyed by job key: a redelivered job sends nothing twice.
// Output: notificationIds, notifiedRecipients, unresolvedRoles, deferredUntil.
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { notificationEvents, recipientRoles } from '../../src/notifications/rules.ts';
import { sendersFor, sendNotificationsForJob } from '../../src/notifications/index.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const Variables = z.looseObject({
  event: z.enum(notificationEvents).optional(),
  caseId: z.uuid().optional(),
  agencyId: z.uuid().optional(),
  /** resolve the roles in this agency rather than the case's (a co-defendant unit's own answer) */
  recipientsAgencyId: z.uuid().optional().nullable(),
  recipients: z.array(z.enum(recipientRoles)).optional(),
  personIds: z.array(z.uuid()).optional(),
  urgent: z.boolean().optional(),
  notificationData: z.record(z.string(), z.unknown()).optional(),
});

const Headers = z.object({
  event: z.enum(notificationEvents).optional(),
  recipients: z
    .string()
    .transform((s) => s.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(recipientRoles)))
    .optional(),
  urgent: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const sendNotification: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'notifications.send',
  description: '发送通知（站内信、邮件、群机器人、短信）/ notify the people of a case',
  variables: Variables,
  // declared data may name any variable: all are fetched
  declaredData: 'notificationData',
  // holds the job while its messages are retried (up to NOTIFY_JOB_WAIT_MS, default 10 min)
  timeoutMs: 11 * 60_000,
  async handle(job, deps) {
    const headers = Headers.safeParse(job.customHeaders);
    if (!headers.success) {
      throw new InputError(headers.error.issues.map((i) => ({ field: `headers.${i.path.join('.')}`, message: i.message })));
    }
    const v = job.variables;
    const event = v.event ?? headers.data.event;
    if (!event) throw new InputError([{ field: 'variables.event', message: '缺少通知事件（变量 event 或任务头 event）' }]);
    if (!v.caseId && !v.agencyId) throw new InputError([{ field: 'variables.caseId', message: '需要 caseId 或 agencyId' }]);
    const result = await sendNotificationsForJob(
      { ...deps, senders: sendersFor(deps) },
      {
        event,
        caseId: v.caseId,
        agencyId: v.agencyId,
        recipientsAgencyId: v.recipientsAgencyId,
        roles: v.recipients ?? headers.data.recipients,
        personIds: v.personIds,
        urgent: v.urgent ?? headers.data.urgent,
        data: v.notificationData,
        // "today" of the rule decisions (days left, due today) is the engine's, as for every worker
        asOf: job.activatedAt,
        idempotencyKey: `job:${job.key}`,
        sourceJobKey: job.key,
        processInstanceKey: job.processInstanceKey,
      },
    );
    return {
      notificationIds: result.notificationIds,
      // not "recipients": that name is this module's input, and Operaton puts every output in the instance's scope
      notifiedRecipients: result.recipients.map((r) => ({ personId: r.personId, name: r.name, role: r.role, channels: r.channels })),
      unresolvedRoles: result.unresolvedRoles,
      deferredUntil: result.deferredUntil,
      ...(result.skippedReason ? { notificationSkipped: result.skippedReason } : {}),
    };
  },
};

export const { jobType, description, variables, declaredData, timeoutMs, handle } = sendNotification;
