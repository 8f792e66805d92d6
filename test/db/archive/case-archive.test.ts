// Case archive (结案归档): the frozen manifest lists every document version with its SHA-256 and the
// event log, a redelivered job makes no second archive, a tampered document stops the freeze, and a
// frozen row cannot be changed.
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildArchiveManifest, canonicalJson, freezeCaseArchive, listCaseArchives, sha256Hex, verifyCaseArchive } from '../../../src/archive/case-archive.ts';
import { ConflictError } from '../../../src/errors.ts';
import { appendCaseEvent, listCaseEvents } from '../../../src/ledger/case-events.ts';
import { freezeCaseArchiveWorker } from '../../../workers/archive/freeze.ts';
import { useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();

async function caseWithFile() {
  const [agency] = await db('agencies').insert({ code: `arch-${randomUUID()}`, name: '测试归档机关', kind: 'department', level: 'city', profile: 'jinghai' }).returning('*');
  const [c] = await db('cases')
    .insert({ agency_id: agency.id, case_number: `（2026）津01行初${Math.floor(Math.random() * 1e6)}号`, court: '天津市第一中级人民法院', level: 'first', cause: '行政处罚', act_description: '罚款决定', complaint_received_on: '2026-03-02' })
    .returning('*');
  const doc = async (kind: string, version: number, text: string) => {
    const content = Buffer.from(text);
    const [row] = await db('documents')
      .insert({
        case_id: c.id, kind, title: kind, series_key: `case:${c.id}:${kind}`, version, format: 'pdf', template_version: 't1',
        sha256: createHash('sha256').update(content).digest('hex'), size: content.length, content_type: 'application/pdf',
        file_name: `${kind}_v${version}.pdf`, case_file_section: '答辩举证', content, created_by: 'test',
      })
      .returning('*');
    return row as { id: string };
  };
  const brief1 = await doc('answer-brief', 1, '答辩状第一稿');
  const brief2 = await doc('answer-brief', 2, '答辩状定稿');
  await appendCaseEvent(db, { caseId: c.id, type: 'stage-changed', payload: { to: 'answer' }, actor: 'test' });
  await appendCaseEvent(db, { caseId: c.id, type: 'hearing-held', payload: { headAppeared: true }, actor: 'test' });
  await db('case_judgments').insert({ case_id: c.id, agency_id: agency.id, level: 'first', kind: 'judgment', outcome: 'won', served_on: '2026-06-01', effective_on: '2026-06-17', field: '行政处罚' });
  return { caseId: c.id as string, brief1, brief2 };
}

const run = async (variables: Record<string, unknown>, key: string) =>
  (await freezeCaseArchiveWorker.handle(
    { key, type: 'archive.freeze', processInstanceKey: 'pi-archive', bpmnProcessId: 'case-archive', elementId: 'a_freeze', retries: 3, variables: freezeCaseArchiveWorker.variables!.parse(variables), customHeaders: {}, activatedAt: new Date() },
    { db } as never,
  )) as { archiveId: string; archiveVersion: number; archiveManifestSha256: string; archivedDocumentCount: number; archivedEventCount: number };

describe('case archive', () => {
  it('freezes every document version with its SHA-256, the event log and the judgments; the manifest hash is reproducible', async () => {
    const { caseId, brief1, brief2 } = await caseWithFile();
    const out = await run({ caseId, archivedBy: '李晓燕', archiveRetention: 'permanent' }, `arch-${randomUUID()}`);
    expect(out).toMatchObject({ archiveVersion: 1, archivedDocumentCount: 2, archivedEventCount: 2 });

    const [archive] = await listCaseArchives(db, caseId);
    expect(archive!.manifest.documents.map((d) => [d.id, d.version, d.sha256])).toEqual([
      [brief1.id, 1, sha256Hex('答辩状第一稿')],
      [brief2.id, 2, sha256Hex('答辩状定稿')],
    ]);
    expect(archive!.manifest.events.types).toEqual({ 'stage-changed': 1, 'hearing-held': 1 });
    expect(archive!.manifest.judgments).toEqual([{ level: 'first', kind: 'judgment', outcome: 'won', servedOn: '2026-06-01', effectiveOn: '2026-06-17' }]);
    expect(archive!.manifestSha256).toBe(sha256Hex(canonicalJson(archive!.manifest)));
    expect(out.archiveManifestSha256).toBe(archive!.manifestSha256);
    // the freeze is itself in the ledger, after the events it covers
    const events = await listCaseEvents(db, { caseId });
    expect(events.at(-1)).toMatchObject({ type: 'case-archived', actor: '李晓燕' });
    expect(events.at(-1)!.payload).toMatchObject({ version: 1, documentCount: 2, eventCount: 2, manifestSha256: archive!.manifestSha256 });
    expect(await verifyCaseArchive(db, archive!.id)).toEqual({ valid: true, manifestSha256Matches: true, problems: [] });
  });

  it('a redelivered job returns the same archive and writes nothing new; a later supplement is version 2', async () => {
    const { caseId } = await caseWithFile();
    const key = `arch-${randomUUID()}`;
    const first = await run({ caseId }, key);
    const again = await run({ caseId }, key);
    expect(again).toEqual(first);
    expect(await listCaseArchives(db, caseId)).toHaveLength(1);
    expect((await listCaseEvents(db, { caseId })).filter((e) => e.type === 'case-archived')).toHaveLength(1);

    // a judicial recommendation answered after archiving: a supplement, the first version unchanged
    await appendCaseEvent(db, { caseId, type: 'judicial-recommendation-replied', payload: {}, actor: 'test' });
    const second = await run({ caseId }, `arch-${randomUUID()}`);
    expect(second.archiveVersion).toBe(2);
    expect(second.archivedEventCount).toBe(first.archivedEventCount + 2); // case-archived + the reply
  });

  it('a document whose content no longer matches its SHA-256 stops the freeze, naming the file', async () => {
    const { caseId, brief2 } = await caseWithFile();
    await db('documents').where({ id: brief2.id }).update({ content: Buffer.from('被改动的内容') });
    const failure = await buildArchiveManifest(db, caseId).catch((e) => e);
    expect(failure).toBeInstanceOf(ConflictError);
    expect(failure.message).toContain('answer-brief_v2.pdf');
    expect(await listCaseArchives(db, caseId)).toHaveLength(0);
  });

  it('a frozen archive row cannot be updated or deleted; a later change of a document shows in verification', async () => {
    const { caseId, brief1 } = await caseWithFile();
    await run({ caseId }, `arch-${randomUUID()}`);
    const [archive] = await listCaseArchives(db, caseId);
    await expect(db('case_archives').where({ id: archive!.id }).update({ notes: '改' })).rejects.toThrow(/归档案卷不可修改或删除/);
    await expect(db('case_archives').where({ id: archive!.id }).delete()).rejects.toThrow(/归档案卷不可修改或删除/);
    await db('documents').where({ id: brief1.id }).update({ content: Buffer.from('事后改动') });
    const check = await verifyCaseArchive(db, archive!.id);
    expect(check.valid).toBe(false);
    expect(check.problems).toEqual(['文书 answer-brief_v1.pdf 的内容已被改动（SHA-256 不一致）']);
  });
});
