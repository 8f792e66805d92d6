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

if (typeof self !== 'undefined' && self.document) {
  const Form = findForm();
  if (Form) patchForm(Form);
  else console.warn('form-lists: form-js Form not found in the Tasklist bundle; forms with lists cannot be completed here');
}

// The Tasklist reads `default` for plugins; this script adds none.
export default [];
