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

  it('the appearance plan may have no agents (a head who appears may come alone); a list with a row to fill may not be empty', () => {
    const plan = forms.get('hearing-appearance-plan')!;
    const head = { headName: '王志强', headPost: '局长', headAvailability: 'available' };
    expect(validateAgainstForm(plan, { ...head, agents: [] })).toEqual([]);
    expect(validateAgainstForm(plan, head)).toEqual([]);
    expect(validateAgainstForm(plan, { ...head, headAvailability: 'not-required', agents: [{ name: '孙丽', kind: 'staff', post: '科长', employer: '聊城市测试局' }] })).toEqual([]);
    expect(fields(validateAgainstForm(plan, { ...head, agents: [{ name: '', kind: 'staff', post: '科长', employer: '聊城市测试局' }] }))).toEqual(['variables.agents.0.name']);
    const label = plan.components.find((c) => c.path === 'agents')!.label!;
    expect(label).toContain('也可以不委托');
    const performance = forms.get('performance-completion')!;
    expect(fields(validateAgainstForm(performance, { performanceCompletedOn: '2026-11-25', performanceSummary: 'x', performanceActions: [] }))).toEqual(['variables.performanceActions']);
  });

  it('fills what Tasklist would submit for untouched checkboxes and checklists', () => {
    const form = forms.get('risk-assessment')!;
    expect(withFormDefaults(form, { riskAnalysis: 'x' })).toEqual({ riskAnalysis: 'x', lossRisk: false, mediationSuitable: false, writtenRecommendation: false });
  });
});
