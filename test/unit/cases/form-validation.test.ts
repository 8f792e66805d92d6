import { describe, expect, it } from 'vitest';
import { loadForms, validateAgainstForm, withFormDefaults } from '../../../src/cases/form-validation.ts';

const forms = await loadForms();
const fields = (issues: { field: string }[]) => issues.map((i) => i.field).sort();

describe('user-task variables checked against the Camunda Form', () => {
  it('requires required fields, checks types and options, refuses keys the form does not have', () => {
    const form = forms.get('answer-submission')!;
    expect(validateAgainstForm(form, { answerSubmittedOn: '2026-05-06', submissionMethod: 'ems' })).toEqual([]);
    const issues = validateAgainstForm(form, { answerSubmittedOn: '6 May', submissionMethod: 'pigeon', caseId: 'x' });
    expect(fields(issues)).toEqual(['variables.answerSubmittedOn', 'variables.caseId', 'variables.submissionMethod']);
    expect(issues.find((i) => i.field === 'variables.submissionMethod')!.message).toContain('ems');
  });

  it('checks the items of dynamic lists and the enum of the eight objections', () => {
    const form = forms.get('answer-draft')!;
    const issues = validateAgainstForm(form, withFormDefaults(form, {
      claims: 'a', facts: 'b', answerRequest: 'c',
      objections: [{ ground: 'out-of-time', reasoning: '超过起诉期限' }, { ground: 'bad-weather', reasoning: '' }],
      legalBasis: [{ title: '' }],
      answerArguments: [{ heading: 'h', text: 't' }],
      evidenceItems: [{ category: 'facts', name: 'n', source: 's', provesWhat: 'p', content: 'c', purpose: 'p', pages: 0, form: 'copy' }],
    }));
    expect(fields(issues)).toEqual(['variables.agents', 'variables.evidenceItems.0.pages', 'variables.legalBasis.0.title', 'variables.objections.1.ground', 'variables.objections.1.reasoning']);
  });

  it('fills what Tasklist would submit for untouched checkboxes and checklists', () => {
    const form = forms.get('risk-assessment')!;
    expect(withFormDefaults(form, { riskAnalysis: 'x' })).toEqual({ riskAnalysis: 'x', lossRisk: false, mediationSuitable: false, writtenRecommendation: false });
  });
});
