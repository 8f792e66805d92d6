// archive.freeze: closes the case file (结案归档) — assembles every document version (SHA-256
// re-checked against the stored content), the event log, deadlines, judgments and reports into a
// manifest and records it, with its own SHA-256, in case_archives (src/archive/case-archive.ts).
// Keyed by job key: a redelivered job returns the archive it already made.
import { z } from 'zod';
import { freezeCaseArchive } from '../../src/archive/case-archive.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  archivedBy: z.string().trim().min(1).max(50).optional(),
  archiveRetention: z.enum(['permanent', 'long', 'short'], { message: '保管期限应为 permanent、long 或 short' }).optional(),
  archiveNotes: z.string().max(5000).optional().nullable(),
});

export const freezeCaseArchiveWorker: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'archive.freeze',
  description: '案卷固化归档（文书 SHA-256、事件、期限、裁判结果）/ freeze the case file',
  variables: Variables,
  fetchVariables: ['caseId', 'archivedBy', 'archiveRetention', 'archiveNotes'],
  async handle(job, { db }) {
    const v = job.variables;
    const { archive } = await freezeCaseArchive(db, {
      caseId: v.caseId,
      archivedBy: v.archivedBy ?? `worker:${job.type}`,
      retention: v.archiveRetention ?? null,
      notes: v.archiveNotes ?? null,
      jobKey: job.key,
      processInstanceKey: job.processInstanceKey,
    });
    return {
      archiveId: archive.id,
      archiveVersion: archive.version,
      archiveManifestSha256: archive.manifestSha256,
      archivedDocumentCount: archive.documentCount,
      archivedEventCount: archive.eventCount,
    };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = freezeCaseArchiveWorker;
