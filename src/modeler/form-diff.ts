// What an analyst changed in a Camunda Form (表单) in the browser modeler, for the page's
// 「与第N版的差异」: fields added and removed (by key), and per field the label, type and whether it
// is required. Fields without a key (texts, spacers) are compared by their id.
import type { FormComponent } from '../cases/form-validation.ts';

export interface FormChange {
  what: string;
  before: string;
  after: string;
}

type Field = FormComponent & { id?: string; text?: string };

function fieldsOf(components: unknown, out = new Map<string, Field>()): Map<string, Field> {
  for (const c of Array.isArray(components) ? (components as Field[]) : []) {
    if (!c || typeof c !== 'object') continue;
    const id = c.key ?? c.path ?? c.id;
    if (id) out.set(String(id), c);
    if (c.components) fieldsOf(c.components, out);
  }
  return out;
}

const nameOf = (f: Field) => f.label || f.key || f.path || (f.type === 'text' ? '文字说明' : f.type);

/** The changes from one version of a form to another, in Chinese. */
export function diffForm(before: Record<string, unknown>, after: Record<string, unknown>): FormChange[] {
  const a = fieldsOf(before.components);
  const b = fieldsOf(after.components);
  const changes: FormChange[] = [];
  for (const [id, f] of b) if (!a.has(id)) changes.push({ what: '新增字段', before: '', after: nameOf(f) });
  for (const [id, f] of a) if (!b.has(id)) changes.push({ what: '删除字段', before: nameOf(f), after: '' });
  for (const [id, f] of b) {
    const old = a.get(id);
    if (!old) continue;
    if ((old.label ?? '') !== (f.label ?? '')) changes.push({ what: '字段标签', before: old.label ?? '', after: f.label ?? '' });
    if (old.type !== f.type) changes.push({ what: `字段「${nameOf(f)}」的类型`, before: old.type, after: f.type });
    if (Boolean(old.validate?.required) !== Boolean(f.validate?.required)) changes.push({ what: `字段「${nameOf(f)}」`, before: old.validate?.required ? '必填' : '选填', after: f.validate?.required ? '必填' : '选填' });
    if ((old.text ?? '') !== (f.text ?? '')) changes.push({ what: '说明文字', before: old.text ?? '', after: f.text ?? '' });
  }
  return changes;
}
