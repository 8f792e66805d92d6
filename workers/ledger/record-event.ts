// ledger.record-event: appends an event to the case ledger (台账) from a diagram step.
// The event type comes from the task header "eventType" (set in the Modeler), the case from the
// process variable caseId. Keyed by job key, so a redelivered job writes nothing new.
import { z } from 'zod';
import { appendCaseEvent } from '../../src/ledger/case-events.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const Variables = z.looseObject({
  caseId: z.uuid().optional(),
  eventPayload: z.record(z.string(), z.unknown()).optional(),
});

export const recordCaseEvent: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'ledger.record-event',
  description: '在案件台账中记录事件 / append an event to the case ledger',
  variables: Variables,
  // declared data may name any variable: all are fetched
  declaredData: 'eventPayload',
  async handle(job, { db }) {
    const type = job.customHeaders.eventType;
    if (!type) throw new Error(`任务 ${job.elementId} 缺少任务头 eventType / task header "eventType" is missing`);
    const { event, created } = await appendCaseEvent(db, {
      caseId: job.variables.caseId ?? null,
      type,
      payload: { ...job.variables.eventPayload, elementId: job.elementId, bpmnProcessId: job.bpmnProcessId },
      actor: `worker:${job.type}`,
      sourceJobKey: job.key,
      processInstanceKey: job.processInstanceKey,
    });
    return { lastEventId: event.id, lastEventCreated: created };
  },
};

export const { jobType, description, variables, declaredData, handle } = recordCaseEvent;
