// Checks the variables a client sends to complete a user task against the task's Camunda Form
// (forms/<id>.form): required fields, types, enumerations, lengths, ranges, patterns, and the
// fields of dynamic lists. Keys the form does not have are refused, so a client cannot overwrite
// process variables such as caseId. Pure: the form JSON comes in, field issues come out.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import type { FieldIssue } from '../errors.ts';

export interface FormComponent {
  type: string;
  key?: string;
  path?: string;
  label?: string;
  dateLabel?: string;
  subtype?: string;
  valuesKey?: string;
  values?: { label: string; value: string | number | boolean }[];
  validate?: { required?: boolean; min?: number; max?: number; minLength?: number; maxLength?: number; pattern?: string };
  components?: FormComponent[];
  increment?: string | number;
  defaultRepetitions?: number;
  decimalDigits?: number;
}

export interface FormSchema {
  id: string;
  components: FormComponent[];
  [key: string]: unknown;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
/** A date that exists: Date.parse takes 2026-02-30 for 2 March, so the date must survive the round trip. */
const isCalendarDate = (value: string) => {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
};
const LAYOUT_TYPES = new Set(['text', 'html', 'spacer', 'separator', 'image', 'button', 'iframe', 'table', 'documentPreview']);

/** The fields of a form (through groups), with dynamic lists as nested fields. */
export function formFields(components: FormComponent[]): FormComponent[] {
  const out: FormComponent[] = [];
  for (const c of components) {
    if (c.type === 'group' && !c.path) out.push(...formFields(c.components ?? []));
    else if (c.type === 'dynamiclist' || (c.type === 'group' && c.path)) out.push(c);
    else if (c.key && !LAYOUT_TYPES.has(c.type)) out.push(c);
  }
  return out;
}

function checkValue(c: FormComponent, value: unknown, field: string, issues: FieldIssue[]) {
  const label = c.label ?? c.dateLabel ?? c.key ?? field;
  const v = c.validate ?? {};
  const missing = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0 && c.type === 'checklist' && v.required);
  if (missing) {
    if (v.required) issues.push({ field, message: `${label}为必填项` });
    return;
  }
  const allowed = c.values?.map((o) => o.value);
  switch (c.type) {
    case 'textfield':
    case 'textarea': {
      if (typeof value !== 'string') return void issues.push({ field, message: `${label}应为文本` });
      if (v.minLength !== undefined && value.length < v.minLength) issues.push({ field, message: `${label}至少 ${v.minLength} 个字` });
      if (v.maxLength !== undefined && value.length > v.maxLength) issues.push({ field, message: `${label}最多 ${v.maxLength} 个字` });
      if (v.pattern && !new RegExp(`^(?:${v.pattern})$`).test(value)) issues.push({ field, message: `${label}格式不正确` });
      return;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return void issues.push({ field, message: `${label}应为数字` });
      if (c.decimalDigits === 0 && !Number.isInteger(value)) issues.push({ field, message: `${label}应为整数` });
      if (v.min !== undefined && value < v.min) issues.push({ field, message: `${label}不能小于 ${v.min}` });
      if (v.max !== undefined && value > v.max) issues.push({ field, message: `${label}不能大于 ${v.max}` });
      return;
    }
    case 'checkbox':
      if (typeof value !== 'boolean') issues.push({ field, message: `${label}应为 true 或 false` });
      return;
    case 'datetime': {
      const pattern = c.subtype === 'datetime' ? DATETIME : c.subtype === 'time' ? /^\d{2}:\d{2}/ : DATE;
      if (typeof value !== 'string' || !pattern.test(value) || (pattern === DATE && !isCalendarDate(value)) || (pattern === DATETIME && Number.isNaN(Date.parse(value)))) {
        issues.push({ field, message: `${label}应为${c.subtype === 'datetime' ? '日期时间' : '日期 YYYY-MM-DD'}` });
      }
      return;
    }
    case 'select':
    case 'radio':
      if (allowed && !allowed.includes(value as never)) issues.push({ field, message: `${label}应为 ${allowed.join('、')} 之一` });
      return;
    case 'checklist':
    case 'taglist':
      if (!Array.isArray(value)) return void issues.push({ field, message: `${label}应为数组` });
      value.forEach((item, i) => {
        if (allowed && !allowed.includes(item as never)) issues.push({ field: `${field}.${i}`, message: `${label}的选项应为 ${allowed.join('、')} 之一` });
      });
      return;
    default:
      return;
  }
}

/** Issues with the variables; empty when they fit the form. */
export function validateAgainstForm(form: FormSchema, variables: Record<string, unknown>, prefix = 'variables'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const fields = formFields(form.components);
  const known = new Set(fields.map((f) => f.key ?? f.path));
  for (const key of Object.keys(variables)) {
    if (!known.has(key)) issues.push({ field: `${prefix}.${key}`, message: `表单“${form.id}”没有字段 ${key}` });
  }
  for (const c of fields) {
    const name = (c.key ?? c.path)!;
    const value = variables[name];
    if (c.type === 'dynamiclist' || c.type === 'group') {
      // a list whose rows have required fields needs a row, as form-js shows one to fill; one that starts
      // with no rows (defaultRepetitions 0) may stay empty (the head who appears alone: no agents)
      const needsItem = c.type === 'dynamiclist' && (c.defaultRepetitions ?? 1) > 0 && formFields(c.components ?? []).some((f) => f.validate?.required);
      if (value === undefined || value === null) {
        if (needsItem) issues.push({ field: `${prefix}.${name}`, message: `${c.label ?? name}至少填写一项` });
        continue;
      }
      const items = c.type === 'group' ? [value] : value;
      if (!Array.isArray(items) || items.some((it) => typeof it !== 'object' || it === null || Array.isArray(it))) {
        issues.push({ field: `${prefix}.${name}`, message: `${c.label ?? name}应为${c.type === 'group' ? '对象' : '对象数组'}` });
        continue;
      }
      if (needsItem && items.length === 0) issues.push({ field: `${prefix}.${name}`, message: `${c.label ?? name}至少填写一项` });
      items.forEach((item, i) => issues.push(...validateAgainstForm({ id: form.id, components: c.components ?? [] }, item as Record<string, unknown>, c.type === 'group' ? `${prefix}.${name}` : `${prefix}.${name}.${i}`)));
      continue;
    }
    checkValue(c, value, `${prefix}.${name}`, issues);
  }
  return issues;
}

const formsDirectory = path.join(projectRoot, 'forms');
let cache: Map<string, FormSchema> | undefined;

/** Every form under forms/ by its id (read once; the files are deployed with the diagrams). */
export async function loadForms(dir = formsDirectory): Promise<Map<string, FormSchema>> {
  if (cache && dir === formsDirectory) return cache;
  const forms = new Map<string, FormSchema>();
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.form')).sort()) {
    const form = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as FormSchema;
    forms.set(form.id, form);
  }
  if (dir === formsDirectory) cache = forms;
  return forms;
}

/**
 * What Tasklist submits for fields the user left alone: false for an unticked checkbox, [] for an
 * empty checklist or dynamic list. Applied before validation so gateways never see a missing flag.
 */
export function withFormDefaults(form: FormSchema, variables: Record<string, unknown>): Record<string, unknown> {
  const out = { ...variables };
  for (const c of formFields(form.components)) {
    const name = (c.key ?? c.path)!;
    if (out[name] !== undefined) continue;
    if (c.type === 'checkbox') out[name] = false;
    else if (c.type === 'checklist' || c.type === 'taglist') out[name] = [];
  }
  return out;
}
