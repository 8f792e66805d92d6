// The check of the Camunda Forms (表单, form-js JSON) an analyst edits in the browser modeler
// (流程建模, issue 16 §2): the same for the page's live check and for the deployment, which refuses
// a form with a problem (400 naming the field). A form must parse as a form-js schema this product's
// viewer reads, be the form a user task of the diagram links (its `id` is the task's
// camunda:formRef), have unique field keys, and give every field a Chinese label (the Tasklist and
// the workspace show the label to staff).
import type { FieldIssue } from '../errors.ts';
import type { FormComponent } from '../cases/form-validation.ts';

/** The highest form-js schema version the bundled viewer (@bpmn-io/form-js-viewer 2.0) reads. */
export const FORM_SCHEMA_VERSION = 19;

const CJK = /[\u3400-\u9fff]/;
/** Components that show something but bind no variable: no key, no label needed. */
const LAYOUT_TYPES = new Set(['text', 'html', 'spacer', 'separator', 'image', 'iframe', 'table', 'documentPreview']);
const KEY = /^[A-Za-z_][\w]*$/;

/** A user task of the diagram linking a form: the form's name on screen is the task's. */
export interface FormLink {
  formId: string;
  taskId: string;
  taskName: string;
}

/** One problem of an edited form, with the task whose form it is (the page's 「定位」). */
export interface FormProblem extends FieldIssue {
  formId?: string;
  taskId?: string;
  taskName?: string;
}

/** The form's name for messages: the name of the (first) task linking it. */
const formName = (links: FormLink[], id: string) => links.find((l) => l.formId === id)?.taskName ?? id;

function checkComponents(components: unknown, at: string, form: string, seen: Map<string, string>, out: Omit<FormProblem, 'formId' | 'taskId' | 'taskName'>[]) {
  if (!Array.isArray(components)) {
    out.push({ field: at, message: `表单「${form}」的字段列表（components）应为数组` });
    return;
  }
  components.forEach((raw: unknown, index) => {
    const field = `${at}.${index}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      out.push({ field, message: `表单「${form}」的第${index + 1}个元素不是对象` });
      return;
    }
    const c = raw as FormComponent & { id?: unknown };
    if (typeof c.type !== 'string' || !c.type) {
      out.push({ field: `${field}.type`, message: `表单「${form}」的第${index + 1}个元素缺少类型（type）` });
      return;
    }
    const binds = !LAYOUT_TYPES.has(c.type) && (c.key !== undefined || c.path !== undefined || c.type === 'dynamiclist');
    const name = c.key ?? c.path ?? c.label ?? `第${index + 1}个字段`;
    if (c.key !== undefined) {
      if (typeof c.key !== 'string' || !KEY.test(c.key)) out.push({ field: `${field}.key`, message: `表单「${form}」的字段「${name}」的键（key）只能包含字母、数字和下划线，且不以数字开头` });
      else if (seen.has(c.key)) out.push({ field: `${field}.key`, message: `表单「${form}」的字段键「${c.key}」重复（另见 ${seen.get(c.key)}）` });
      else seen.set(c.key, `${field}.key`);
    }
    if (binds || c.type === 'button' || c.type === 'group') {
      const label = typeof c.label === 'string' ? c.label.trim() : '';
      if (!label || !CJK.test(label)) out.push({ field: `${field}.label`, message: `表单「${form}」的字段「${label || name}」缺少中文标签` });
    }
    // a group or a dynamic list has its own fields; a list's rows are separate scopes (their keys may repeat the outer ones)
    if (c.components !== undefined) checkComponents(c.components, `${field}.components`, form, c.type === 'dynamiclist' || c.path ? new Map() : seen, out);
  });
}

/**
 * The problems of the edited forms against the diagram's user tasks (`links`): each form at index i
 * is named `forms.i…`. Empty when every form can be deployed.
 */
export function checkForms(forms: unknown[], links: FormLink[]): FormProblem[] {
  const problems: FormProblem[] = [];
  const ids = new Set<string>();
  forms.forEach((form, i) => {
    const at = `forms.${i}`;
    if (!form || typeof form !== 'object' || Array.isArray(form)) {
      problems.push({ field: at, message: `第${i + 1}个表单不是 JSON 对象` });
      return;
    }
    const f = form as { id?: unknown; schemaVersion?: unknown; type?: unknown; components?: unknown };
    if (typeof f.id !== 'string' || !f.id) {
      problems.push({ field: `${at}.id`, message: `第${i + 1}个表单缺少表单编号（id）` });
      return;
    }
    const link = links.find((l) => l.formId === f.id);
    const name = formName(links, f.id);
    const scoped = (p: FieldIssue): FormProblem => ({ ...p, formId: f.id as string, ...(link ? { taskId: link.taskId, taskName: link.taskName } : {}) });
    if (ids.has(f.id)) problems.push(scoped({ field: `${at}.id`, message: `表单「${name}」提交了两次` }));
    ids.add(f.id);
    if (!link) problems.push(scoped({ field: `${at}.id`, message: `表单编号「${f.id}」不是流程图中任何用户任务关联的表单（formRef）` }));
    if (f.type !== undefined && f.type !== 'default') problems.push(scoped({ field: `${at}.type`, message: `表单「${name}」的类型应为 default` }));
    if (typeof f.schemaVersion !== 'number' || !Number.isInteger(f.schemaVersion) || f.schemaVersion < 1) {
      problems.push(scoped({ field: `${at}.schemaVersion`, message: `表单「${name}」缺少有效的结构版本（schemaVersion）` }));
    } else if (f.schemaVersion > FORM_SCHEMA_VERSION) {
      problems.push(scoped({ field: `${at}.schemaVersion`, message: `表单「${name}」的结构版本 ${f.schemaVersion} 高于本系统支持的 ${FORM_SCHEMA_VERSION}` }));
    }
    const own: FieldIssue[] = [];
    checkComponents(f.components, `${at}.components`, name, new Map(), own);
    problems.push(...own.map(scoped));
  });
  return problems;
}
