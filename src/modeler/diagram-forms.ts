// Which Camunda Forms (表单) the user tasks of a diagram link, and how each task binds its form's
// version (camunda:formRefBinding): `latest` follows the newest form deployed under that id,
// `deployment` keeps the form deployed together with the diagram's version. A form edited in the
// browser modeler is deployed with its diagram and bound `deployment`, so the new version uses the
// new form and instances of earlier versions bound that way keep theirs (decision 0017).
import { bpmnModdle, parseDiagram, type ModdleElement } from './model-lint.ts';
import type { FormLink } from './form-check.ts';

export interface BoundFormLink extends FormLink {
  /** camunda:formRefBinding; the engine's default is `latest` */
  binding: string;
}

function userTasks(definitions: ModdleElement): ModdleElement[] {
  const out: ModdleElement[] = [];
  const visit = (el: ModdleElement) => {
    for (const child of el.flowElements ?? []) {
      if (child.$type === 'bpmn:UserTask') out.push(child);
      visit(child);
    }
  };
  for (const r of definitions.rootElements as ModdleElement[]) if (r.$type === 'bpmn:Process') visit(r);
  return out;
}

/** The user tasks of the diagram that link a form, in document order. */
export async function formLinksOf(xml: string): Promise<BoundFormLink[]> {
  const { definitions } = await parseDiagram(xml);
  return userTasks(definitions)
    .filter((t) => t.formRef)
    .map((t) => ({ formId: String(t.formRef), taskId: t.id!, taskName: t.name || t.id!, binding: String(t.formRefBinding ?? 'latest') }));
}

/**
 * The diagram with every user task linking one of `formIds` bound to the form of its own deployment
 * (`deployment`, no fixed version). Unchanged XML when they are bound so already.
 */
export async function bindToDeployment(xml: string, formIds: string[]): Promise<string> {
  if (!formIds.length) return xml;
  const { definitions } = await parseDiagram(xml);
  const tasks = userTasks(definitions).filter((t) => formIds.includes(String(t.formRef)) && (t.formRefBinding !== 'deployment' || t.formRefVersion));
  if (!tasks.length) return xml;
  for (const t of tasks) {
    t.formRefBinding = 'deployment';
    delete t.formRefVersion;
  }
  return (await bpmnModdle().toXML(definitions, { format: true })).xml;
}
