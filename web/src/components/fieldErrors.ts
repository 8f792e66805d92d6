import type { FormInstance } from 'antd';
import type { FieldError } from '../api.ts';

/** Puts the API's field errors (error.fields[]: "hearingAt", "plaintiffs.0.name") next to the form's fields; answers the ones no field took. */
export function showFieldErrors(form: FormInstance, fields: FieldError[], known: (path: (string | number)[]) => boolean): FieldError[] {
  const rest: FieldError[] = [];
  const placed: { name: (string | number)[]; errors: string[] }[] = [];
  for (const f of fields) {
    const path = f.field
      .replace(/^(body|variables)\./, '')
      .split('.')
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (known(path)) placed.push({ name: path, errors: [f.message] });
    else rest.push(f);
  }
  form.setFields(placed);
  return rest;
}
