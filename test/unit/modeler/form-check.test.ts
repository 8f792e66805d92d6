// Unit tier: the check of a Camunda Form edited in the browser modeler (src/modeler/form-check.ts)
// and the binding of the edited forms' tasks to their deployment (src/modeler/diagram-forms.ts).
// Every form of forms/ passes the check, so the rules describe the product's forms as they are;
// each rule names the offending field and the form by its task's Chinese name.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { bindToDeployment, formLinksOf } from '../../../src/modeler/diagram-forms.ts';
import { checkForms, FORM_SCHEMA_VERSION, type FormLink } from '../../../src/modeler/form-check.ts';

const formsDir = path.join(projectRoot, 'forms');
const readForm = (id: string) => JSON.parse(readFileSync(path.join(formsDir, `${id}.form`), 'utf8')) as Record<string, any>;
const plan = (): Record<string, any> => readForm('performance-plan');
const links: FormLink[] = [{ formId: 'performance-plan', taskId: 'f_plan', taskName: '制定履行方案' }];

describe('the check of an edited form', () => {
  it('passes every form of forms/', () => {
    const ids = readdirSync(formsDir).filter((f) => f.endsWith('.form')).map((f) => f.replace(/\.form$/, ''));
    expect(ids.length).toBeGreaterThan(40);
    for (const id of ids) expect(checkForms([readForm(id)], [{ formId: id, taskId: 't', taskName: '任务' }]), id).toEqual([]);
  });

  it('reads the schema version the bundled form-js viewer reads', () => {
    const viewer = readFileSync(path.join(projectRoot, 'node_modules', '@bpmn-io', 'form-js-viewer', 'dist', 'index.es.js'), 'utf8');
    expect(Number(/const schemaVersion = (\d+);/.exec(viewer)![1])).toBe(FORM_SCHEMA_VERSION);
  });

  it('names the field without a Chinese label, a repeated key, a form no task links and a schema version too new', () => {
    const form = plan();
    const fieldIndex = form.components.findIndex((c: { key?: string }) => c.key === 'performanceContent');
    form.components[fieldIndex].label = 'Content';
    form.components.push({ type: 'textfield', key: 'performanceContent', label: '重复的字段', id: 'Field_dup' });
    form.components.push({ type: 'checkbox', key: 'noLabel', id: 'Field_nolabel' });
    form.schemaVersion = FORM_SCHEMA_VERSION + 1;
    const problems = checkForms([form], links);
    expect(problems.map((p) => `${p.field} ${p.message}`)).toEqual([
      `forms.0.schemaVersion 表单「制定履行方案」的结构版本 ${FORM_SCHEMA_VERSION + 1} 高于本系统支持的 ${FORM_SCHEMA_VERSION}`,
      `forms.0.components.${fieldIndex}.label 表单「制定履行方案」的字段「Content」缺少中文标签`,
      `forms.0.components.${form.components.length - 2}.key 表单「制定履行方案」的字段键「performanceContent」重复（另见 forms.0.components.${fieldIndex}.key）`,
      `forms.0.components.${form.components.length - 1}.label 表单「制定履行方案」的字段「noLabel」缺少中文标签`,
    ]);
    expect(problems.every((p) => p.taskId === 'f_plan' && p.taskName === '制定履行方案')).toBe(true);

    const other = { ...plan(), id: 'someone-else' };
    expect(checkForms([other], links).map((p) => p.message)).toEqual(['表单编号「someone-else」不是流程图中任何用户任务关联的表单（formRef）']);
    expect(checkForms([{ ...plan(), components: 'x' }], links).map((p) => p.field)).toEqual(['forms.0.components']);
    expect(checkForms(['x', { components: [] }], links).map((p) => p.field)).toEqual(['forms.0', 'forms.1.id']);
  });

  it('lets a dynamic list repeat an outer key inside its rows (a scope of its own)', () => {
    const form = plan();
    form.components.push({ type: 'dynamiclist', path: 'items', label: '明细', id: 'List_1', components: [{ type: 'textfield', key: 'performanceContent', label: '内容', id: 'Field_in_list' }] });
    expect(checkForms([form], links)).toEqual([]);
  });
});

describe('binding the edited forms to their deployment', () => {
  it('binds only the tasks linking an edited form, and leaves a diagram bound so unchanged', async () => {
    const xml = readFileSync(path.join(projectRoot, 'processes', 'performance.bpmn'), 'utf8');
    expect((await formLinksOf(xml)).map((l) => `${l.taskId} ${l.formId} ${l.binding}`)).toEqual(['f_plan performance-plan latest', 'f_remake remade-act latest', 'f_work performance-completion latest']);
    const bound = await bindToDeployment(xml, ['performance-plan']);
    expect((await formLinksOf(bound)).map((l) => `${l.taskId} ${l.binding}`)).toEqual(['f_plan deployment', 'f_remake latest', 'f_work latest']);
    expect(await bindToDeployment(bound, ['performance-plan'])).toBe(bound);
    expect(await bindToDeployment(xml, [])).toBe(xml);
  });
});
