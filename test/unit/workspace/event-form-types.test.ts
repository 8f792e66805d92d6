// unit tier: the workspace's court-event form offers every event type the case API accepts, with
// the API's Chinese name, and asks for every field the API requires (a new event type must get
// its inputs in web/src/caseEventFields.ts too).
import { describe, expect, it } from 'vitest';
import { EVENT_LABELS } from '../../../src/cases/case-stages.ts';
import { CASE_EVENT_TYPES, CaseEventBody } from '../../../src/cases/case-input.ts';
import { EVENT_TYPES, FIELDS } from '../../../web/src/caseEventFields.ts';

describe('the court-event form of the workspace', () => {
  it('offers every event type of the API', () => {
    expect(EVENT_TYPES.map((t) => t.value).sort()).toEqual([...CASE_EVENT_TYPES].sort());
  });

  it('names each type as the ledger does, or with the document’s own name', () => {
    for (const t of EVENT_TYPES) expect(t.label.startsWith(EVENT_LABELS[t.value as keyof typeof EVENT_LABELS].slice(0, 2))).toBe(true);
  });

  it('has an input for every field the API requires (an empty body is refused only on fields the form has)', () => {
    for (const type of CASE_EVENT_TYPES) {
      const parsed = CaseEventBody.safeParse({ type });
      const required = parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
      const inputs = Object.keys(FIELDS[type] ?? {});
      for (const field of required) expect(inputs, `${type}.${field}`).toContain(field);
    }
  });
});
