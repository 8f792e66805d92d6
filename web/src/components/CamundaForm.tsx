// A task's Camunda Form rendered with the form-js viewer, prefilled, its built-in texts in Chinese.
// `submit` returns the values (or null when form-js found invalid fields, shown under each field).
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

const ZH: Record<string, string> = {
  'Field is required.': '此项为必填项。',
  'Field must have minimum length of {value}.': '至少填写{value}个字。',
  'Field must have maximum length of {value}.': '最多填写{value}个字。',
  'Field must have minimum value of {value}.': '不能小于{value}。',
  'Field must have maximum value of {value}.': '不能大于{value}。',
  'Field must match pattern {value}.': '格式不正确。',
  'Field must be a valid email.': '请填写有效的电子邮件地址。',
  'Value is not a number.': '请填写数字。',
  'Value is expected to be an integer.': '请填写整数。',
  'Date and time must both be entered.': '日期和时间都要填写。',
  'Add new': '添加一项',
  Delete: '删除',
  Search: '搜索',
  Select: '请选择',
  'No results': '无匹配项',
  'All values selected': '已全部选择',
  'Remove tag': '移除',
  'Previous page': '上一页',
  'Next page': '下一页',
  Collapse: '收起',
  'Nothing to show.': '暂无内容。',
  'No content to show.': '暂无内容。',
  Date: '日期',
  Time: '时间',
  'No files selected': '未选择文件',
  'Unable to download document': '文件无法下载',
};

function translate(template: string, replacements?: Record<string, unknown>): string {
  const text = ZH[template] ?? template;
  return text.replace(/{([^}]+)}/g, (_, key: string) => String(replacements?.[key] ?? `{${key}}`));
}

interface SchemaComponent {
  type?: string;
  path?: string;
  components?: SchemaComponent[];
}

/** The dynamic lists of a form (their paths): form-js leaves an empty one out of its data, the workers expect []. */
function listPaths(components: SchemaComponent[] | undefined, prefix: string[] = []): string[][] {
  return (components ?? []).flatMap((c) => {
    const path = c.path ? [...prefix, ...c.path.split('.')] : prefix;
    if (c.type === 'dynamiclist' && c.path) return [path];
    return c.type === 'group' ? listPaths(c.components, path) : [];
  });
}

function withEmptyLists(schema: unknown, values: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(values);
  for (const path of listPaths((schema as { components?: SchemaComponent[] }).components)) {
    let target = out;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    const last = path.at(-1)!;
    if (!Array.isArray(target[last])) target[last] = [];
  }
  return out;
}

export interface CamundaFormHandle {
  submit(): Record<string, unknown> | null;
}

export const CamundaForm = forwardRef<CamundaFormHandle, { schema: unknown; data: Record<string, unknown> }>(function CamundaForm({ schema, data }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const form = useRef<Form | null>(null);
  useEffect(() => {
    if (!container.current) return;
    // debounce off (form-js reads it from its options; its typings omit it): form-js holds a text
    // field's typing back for 300 ms, and a date picked within that window could lose it — the
    // browser test saw 承办人员 empty at submit after it was typed
    const options = { container: container.current, debounce: false, additionalModules: [{ translate: ['value', translate] }] };
    const f = new Form(options);
    form.current = f;
    void f.importSchema(schema as never, data);
    // form-js writes the date format in Latin letters (yyyy/mm/dd) as the date fields' placeholder, and
    // some placeholders without its translate service
    const container_ = container.current;
    const placeholders = () => {
      for (const input of container_.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
        const p = input.getAttribute('placeholder') ?? '';
        if (/^[ymd]+([/.-][ymd]+)+$/i.test(p)) input.setAttribute('placeholder', p.replace(/y+/i, '年').replace(/m+/i, '月').replace(/d+/i, '日'));
        if (/^hh:mm/i.test(p)) input.setAttribute('placeholder', '时:分');
        // the searchable select's filter box, untranslated in form-js
        if (p === 'Search') input.setAttribute('placeholder', '搜索');
      }
      // the select's empty display says "Select": its text node is rewritten in place (Preact keeps
      // the node and writes the chosen label into it later)
      for (const display of container_.querySelectorAll('.fjs-select-placeholder')) {
        const text = display.firstChild;
        if (text?.nodeType === Node.TEXT_NODE && (text as Text).data === 'Select') (text as Text).data = '请选择';
      }
    };
    const observer = new MutationObserver(placeholders);
    observer.observe(container_, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['placeholder', 'class'] });
    return () => {
      observer.disconnect();
      f.destroy();
      form.current = null;
    };
  }, [schema, data]);
  useImperativeHandle(ref, () => ({
    submit() {
      if (!form.current) return null;
      const { data: values, errors } = form.current.submit();
      return Object.keys(errors).length ? null : withEmptyLists(schema, values as Record<string, unknown>);
    },
  }));
  return <div ref={container} className="taskform" />;
});
