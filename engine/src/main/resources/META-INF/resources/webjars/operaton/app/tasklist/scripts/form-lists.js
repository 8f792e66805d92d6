// Lets the Operaton 1.0.3 Tasklist complete the project's Camunda Forms that hold lists.
// Loaded through `customScripts` in config.js, before the Tasklist renders any form.
//
// Three gaps, measured in docs/forms-on-operaton.md, are closed on the form-js `Form` class the
// Tasklist bundles (found in the shared webpack module table, no copy of form-js here):
//  1. Editing a row of a dynamic list leaves an empty error container (`{agents: [undefined]}`),
//     and the Tasklist counts any error key as invalid, so Complete stayed disabled for good.
//     Empty containers are pruned before form-js publishes its state.
//  2. The engine has no JSON type without Spin: lists live as JSON strings. Such a string is
//     parsed when a form imports its data, for dynamic lists, checklists, taglists and the
//     option lists of selects (`valuesKey`).
//  3. On submit, a list or object is handed to the Tasklist as its JSON string, so it goes to
//     the engine as a String (the Tasklist would otherwise send the unknown type `Json`).
// If the Tasklist bundle ever changes so that `Form` cannot be found, nothing is patched and
// the console says so; forms then behave as without this script.
// It also writes form-js's own English words ("Select", "Add new", "Search", validation messages,
// date placeholders) in Chinese: the Tasklist gives form-js no translation.

const MARK = '__yingsuFormLists';

function isEmptyContainer(value) {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.every(isEmptyContainer);
  if (typeof value === 'object') return Object.keys(value).every((k) => isEmptyContainer(value[k]));
  return false;
}

/** errors without the keys whose value holds no error at all (arrays of messages are kept). */
export function pruneErrors(errors) {
  if (!errors || typeof errors !== 'object') return errors;
  const pruned = {};
  for (const [key, value] of Object.entries(errors)) {
    if (!isEmptyContainer(value)) pruned[key] = value;
  }
  return pruned;
}

/** The data keys whose value is a list or an object in the form: parsed from JSON strings. */
function listKeys(components, keys = new Set()) {
  for (const component of components || []) {
    if (component.type === 'dynamiclist' && component.path) keys.add(component.path);
    if ((component.type === 'checklist' || component.type === 'taglist') && component.key) keys.add(component.key);
    if (component.valuesKey) keys.add(component.valuesKey);
    listKeys(component.components, keys);
  }
  return keys;
}

function parseJsonList(value) {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!text.startsWith('[') && !text.startsWith('{')) return value;
  try {
    return JSON.parse(text);
  } catch {
    return value;
  }
}

/** data with the JSON strings behind list-shaped fields parsed (top-level keys; paths are keys here). */
export function parseListData(schema, data) {
  if (!schema || !data || typeof data !== 'object') return data;
  const parsed = { ...data };
  for (const key of listKeys(schema.components)) {
    if (key in parsed) parsed[key] = parseJsonList(parsed[key]);
  }
  return parsed;
}

/** submitted data with every list and object as its JSON string (stored by the engine as String). */
export function stringifyLists(data) {
  const out = {};
  for (const [key, value] of Object.entries(data || {})) {
    out[key] = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
  }
  return out;
}

export function patchForm(Form) {
  const proto = Form.prototype;
  if (proto[MARK]) return;
  const { _setState, importSchema, submit } = proto;
  proto._setState = function (state) {
    return _setState.call(this, state && state.errors ? { ...state, errors: pruneErrors(state.errors) } : state);
  };
  proto.importSchema = function (schema, data, ...rest) {
    return importSchema.call(this, schema, parseListData(schema, data), ...rest);
  };
  proto.submit = function (...args) {
    const result = submit.apply(this, args);
    return { ...result, data: stringifyLists(result.data), errors: pruneErrors(result.errors) };
  };
  Object.defineProperty(proto, MARK, { value: true });
}

/** Finds form-js's viewer `Form` among the modules webpack has registered for the web apps. */
function findForm() {
  const chunks = (self.webpackChunkoperaton_bpm_webapp = self.webpackChunkoperaton_bpm_webapp || []);
  let webpackRequire;
  chunks.push([[`yingsu-form-lists-${Date.now()}`], {}, (require) => (webpackRequire = require)]);
  if (!webpackRequire || !webpackRequire.m) return undefined;
  for (const id of Object.keys(webpackRequire.m)) {
    const source = Function.prototype.toString.call(webpackRequire.m[id]);
    if (!source.includes('_getSubmitData(){')) continue;
    const exports = webpackRequire(id);
    for (const candidate of Object.values(exports)) {
      const proto = typeof candidate === 'function' ? candidate.prototype : undefined;
      if (proto && typeof proto._setState === 'function' && typeof proto.importSchema === 'function' && typeof proto.submit === 'function') {
        return candidate;
      }
    }
  }
  return undefined;
}

/** form-js's built-in texts, as the Tasklist's bundle writes them. */
const FORM_TEXTS_ZH = {
  Select: '请选择',
  'Add new': '添加一项',
  Delete: '删除',
  Search: '搜索',
  'No results': '无匹配项',
  'All values selected': '已全部选择',
  'Field is required.': '此项为必填项。',
  'Value is not a number.': '请填写数字。',
  'Date and time must both be entered.': '日期和时间都要填写。',
};

/** Rewrites form-js's English texts and placeholders under `root` in place (text nodes keep their identity, so the renderer can still update them). */
export function translateFormTexts(root) {
  const doc = root.ownerDocument || root;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data.trim();
    const zh = FORM_TEXTS_ZH[text];
    if (zh && node.parentElement && node.parentElement.closest('.fjs-container')) node.data = node.data.replace(text, zh);
  }
  for (const input of root.querySelectorAll ? root.querySelectorAll('.fjs-container input[placeholder]') : []) {
    const p = input.getAttribute('placeholder') || '';
    if (FORM_TEXTS_ZH[p]) input.setAttribute('placeholder', FORM_TEXTS_ZH[p]);
    else if (/^[ymd]+([/.-][ymd]+)+$/i.test(p)) input.setAttribute('placeholder', p.replace(/y+/i, '年').replace(/m+/i, '月').replace(/d+/i, '日'));
    else if (/^hh:mm/i.test(p)) input.setAttribute('placeholder', '时:分');
  }
}

if (typeof self !== 'undefined' && self.document) {
  const translate = () => translateFormTexts(self.document.body);
  new MutationObserver(translate).observe(self.document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['placeholder'] });
  const Form = findForm();
  if (Form) patchForm(Form);
  else console.warn('form-lists: form-js Form not found in the Tasklist bundle; forms with lists cannot be completed here');
}

// The Tasklist reads `default` for plugins; this script adds none.
export default [];
