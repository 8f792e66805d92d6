// The form-js editor (@bpmn-io/form-js-editor) for the Camunda Form a user task links: the analyst
// changes fields and labels; the page keeps the edited schema and sends it with the diagram. The
// editor has no translation service: its field types are named in Chinese through the field
// registry (a module that renames them before the palette renders); the palette's group titles and
// the properties panel stay as form-js writes them.
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { FormEditor as FormJsEditor } from '@bpmn-io/form-js-editor';
// the styles of the viewer the editor 1.23 renders with: npm nests that copy under the editor, as the
// workspace's viewer is 2.0 (whose styles leave the editor's inputs unframed); the build fails if it moves
import '../../../node_modules/@bpmn-io/form-js-editor/node_modules/@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';

const FIELD_NAMES: Record<string, string> = {
  textfield: '单行文本',
  textarea: '多行文本',
  number: '数字',
  checkbox: '复选框',
  checklist: '多选列表',
  radio: '单选',
  select: '下拉选择',
  taglist: '标签选择',
  datetime: '日期时间',
  group: '分组',
  dynamiclist: '动态列表',
  text: '文字说明',
  html: 'HTML 内容',
  image: '图片',
  spacer: '间距',
  separator: '分隔线',
  button: '按钮',
  iframe: '内嵌网页',
  table: '表格',
  expression: '计算值',
  filepicker: '文件选择',
  documentPreview: '文件预览',
};

interface FieldRegistry {
  get(type: string): { config?: { label?: string; name?: string } } | undefined;
}

/** Renames the field types in the registry (the palette reads `name`, else `label`, when it first renders). */
function ChineseFieldNames(formFields: FieldRegistry) {
  for (const [type, name] of Object.entries(FIELD_NAMES)) {
    const config = formFields.get(type)?.config;
    if (!config) continue;
    // `label` of a type with a `name` is a legacy default some code copies into the schema: leave it
    if (config.name !== undefined) config.name = name;
    else config.label = name;
  }
}
ChineseFieldNames.$inject = ['formFields'];
const chineseFieldNamesModule = { __init__: ['chineseFieldNames'], chineseFieldNames: ['type', ChineseFieldNames] };

export interface FormEditorHandle {
  /** the edited form (form-js JSON) */
  schema(): Record<string, unknown>;
}

export const FormEditor = forwardRef<FormEditorHandle, { schema: Record<string, unknown>; onChange: () => void; onError: (message: string) => void }>(function FormEditor({ schema, onChange, onError }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<FormJsEditor | null>(null);
  const callbacks = useRef({ onChange, onError });
  callbacks.current = { onChange, onError };

  useEffect(() => {
    if (!container.current) return;
    // no input debounce: 「保存修改」 right after typing keeps the last keystrokes
    const instance = new FormJsEditor({ container: container.current, additionalModules: [chineseFieldNamesModule], debounce: false } as ConstructorParameters<typeof FormJsEditor>[0]);
    editor.current = instance;
    let live = true;
    instance.on('changed', () => callbacks.current.onChange());
    instance.importSchema(structuredClone(schema)).catch((error: Error) => live && callbacks.current.onError(`表单无法打开：${error.message}`));
    return () => {
      live = false;
      instance.destroy();
      editor.current = null;
    };
    // the schema is read once: the editor owns it while open
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useImperativeHandle(ref, () => ({
    schema: () => editor.current!.saveSchema() as Record<string, unknown>,
  }));

  return <div ref={container} className="form-editor" role="application" aria-label="表单编辑区" />;
});
