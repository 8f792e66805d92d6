// Unit tier: the ledger facts the statistics read are the ones the product writes — the payload
// fields of the events the diagrams record (ledger.record-event: data.* headers and data builders),
// the court events of the case API, and the stage change that closes a settled or withdrawn case.
// A renamed field would otherwise leave a figure silently at zero.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CaseEventBody } from '../../../src/cases/case-input.ts';
import { STATISTICS_EVENT_FIELDS } from '../../../src/statistics/ledger-facts.ts';
import { dataBuilders } from '../../../src/workers/data-builders/index.ts';
import { taskHeaders } from '../../helpers/diagram-headers.ts';

/** Every ledger.record-event task of the diagrams: file, element id. */
function recordEventTasks(): { file: string; id: string }[] {
  return readdirSync('processes')
    .filter((f) => f.endsWith('.bpmn'))
    .flatMap((f) => [...readFileSync(`processes/${f}`, 'utf8').matchAll(/<bpmn:serviceTask id="([^"]+)"[^>]*camunda:topic="ledger\.record-event"/g)].map((m) => ({ file: `processes/${f}`, id: m[1]! })));
}

describe('what the statistics read is what the product writes', () => {
  it('every event type the figures read is recorded by a diagram with the fields they read', async () => {
    const written = new Map<string, Set<string>>();
    for (const t of recordEventTasks()) {
      const headers = await taskHeaders(t.file, t.id);
      const fields = new Set(Object.keys(headers).filter((k) => k.startsWith('data.')).map((k) => k.slice(5).split('.')[0]!));
      if (headers.dataBuilder) for (const k of Object.keys(dataBuilders[headers.dataBuilder]!({}) ?? {})) fields.add(k);
      const type = headers.eventType!;
      written.set(type, new Set([...(written.get(type) ?? []), ...fields]));
    }
    for (const [type, fields] of Object.entries(STATISTICS_EVENT_FIELDS)) {
      expect(written.has(type), `no diagram records ${type}`).toBe(true);
      for (const field of fields) expect([...written.get(type)!], `${type}.${field}`).toContain(field);
    }
  });

  it('the recommendation court events carry receivedOn', () => {
    for (const type of ['judicial-recommendation', 'procuratorial-recommendation']) {
      const parsed = CaseEventBody.parse({ type, receivedOn: '2026-07-01', issuer: '示例市人民检察院' });
      expect(parsed, type).toMatchObject({ receivedOn: '2026-07-01' });
    }
  });
});
