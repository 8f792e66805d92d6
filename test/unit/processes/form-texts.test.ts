// What a user reads on the forms (the Operaton Tasklist and the app render the same Camunda Forms):
// every text template evaluated with FEEL against a realistic case shows dates as 2026年3月17日,
// times as 09:00 Beijing time, document kinds in Chinese — never an ISO string or a variable name.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { evaluate as renderTemplate } from 'feelers';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { REALISTIC_CASE_VARIABLES } from '../../fixtures/form-variables.ts';
import { decidedHeadOf, planPrefillOf } from '../../../src/hearing/case-facts.ts';

interface Component {
  type: string;
  text?: string;
  label?: string;
  key?: string;
  components?: Component[];
}

const formsDir = path.join(projectRoot, 'forms');
const forms = readdirSync(formsDir)
  .filter((f) => f.endsWith('.form'))
  .map((f) => ({ id: f.replace(/\.form$/, ''), components: (JSON.parse(readFileSync(path.join(formsDir, f), 'utf8')) as { components: Component[] }).components }));

const fieldKeys = (components: Component[]): string[] => components.flatMap((c) => [...(c.key ? [c.key] : []), ...fieldKeys(c.components ?? [])]);
const texts = (components: Component[]): string[] => components.flatMap((c) => [...(c.type === 'text' && c.text ? [c.text] : []), ...texts(c.components ?? [])]);

const CASE = REALISTIC_CASE_VARIABLES;

/**
 * A text as form-js renders it: feelers, the templating library form-js uses ({{#if c}}…{{/if}},
 * {{expression}}; no {{else}}), with debug output so a template error shows in the text.
 */
function render(template: string, context: Record<string, unknown>): string {
  return renderTemplate(template, context, { debug: true });
}

describe('form texts a user reads', () => {
  it.each(forms.filter((f) => texts(f.components).some((t) => t.includes('{{'))).map((f) => [f.id, f] as const))('%s shows no ISO date, time or variable name', (_id, form) => {
    for (const text of texts(form.components)) {
      const shown = render(text, CASE);
      expect(shown, shown).not.toMatch(/couldn't be evaluated|⚠/);
      expect(shown, shown).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}|\+08:00/);
      expect(shown).not.toMatch(/\b(judgment|ruling|mediation|null|undefined)\b/);
      // no space between Chinese and figures (15日, 收到日期：2026年…)
      expect(shown, shown).not.toMatch(/[\u4e00-\u9fff：，] +\d|\d +[\u4e00-\u9fff]/);
    }
  });

  it('writes a date as 2026年3月17日 and a hearing time as 2026年4月10日9时30分', () => {
    const draft = forms.find((f) => f.id === 'answer-draft')!;
    expect(render(texts(draft.components)[0]!, CASE)).toContain('2026年3月17日');
    const attendance = forms.find((f) => f.id === 'hearing-attendance')!;
    expect(texts(attendance.components).map((t) => render(t, CASE)).join('\n')).toContain('2026年4月10日9时30分');
  });

  it('the hearing plan names the head the principal head decided (Hunan 四（二）), whose name and post prefill its head fields; nothing when none was decided', () => {
    const plan = forms.find((f) => f.id === 'hearing-appearance-plan')!;
    const prefill = planPrefillOf(decidedHeadOf({ proposedName: '刘建华', proposedPost: '副厅长', decision: 'approve', decidedName: '', decidedPost: '' }));
    const shown = texts(plan.components).map((t) => render(t, { ...CASE, ...prefill })).join('\n');
    expect(shown).toContain('出庭负责人已由正职负责人决定：副厅长刘建华（湖南省实施意见四、（二））');
    // the form's own fields take the prefill (form-js fills a field from the variable of its key)
    const keys = new Set(fieldKeys(plan.components));
    expect(keys.has('headName') && keys.has('headPost')).toBe(true);
    expect(prefill).toMatchObject({ headName: '刘建华', headPost: '副厅长' });
    const { decidedHeadName: _n, decidedHeadPost: _p, ...withoutDecision } = CASE;
    expect(texts(plan.components).map((t) => render(t, withoutDecision)).join('\n')).not.toContain('正职负责人决定');
  });

  it('says a date is still to be set instead of printing nothing or "null"', () => {
    const draft = forms.find((f) => f.id === 'answer-draft')!;
    expect(render(texts(draft.components)[0]!, { ...CASE, answerDue: null })).toContain('（待定）');
  });
});
