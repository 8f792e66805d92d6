// The bpmn-js Modeler with the properties panel for Camunda 7 / Operaton (bpmn-js-properties-panel,
// camunda-bpmn-moddle, camunda-bpmn-js-behaviors) and the project's element templates
// (bpmn-js-element-templates); the palette, context pad and panel in Chinese where it matters.
// The page owns the XML: it is exported on every change (onChange) and markers show the lint's findings.
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import { translateModule } from './translate.ts';

export interface ElementTemplate {
  id: string;
  name: string;
  description?: string;
  appliesTo: string[];
  keywords?: string[];
}

/** The element the analyst selected on the canvas (one), with the form a user task links. */
export interface SelectedElement {
  id: string;
  name: string;
  type: string;
  /** camunda:formRef of a user task */
  formId?: string;
  /** camunda:formRefBinding (the engine's default: latest) */
  formBinding?: string;
}

export interface ModelerHandle {
  /** the diagram as BPMN 2.0 XML */
  xml(): Promise<string>;
  /** marks the elements with findings (error / warning), removing the earlier marks */
  mark(findings: { elementId?: string; severity: 'error' | 'warning' }[]): void;
  /** selects an element and scrolls it into view */
  select(elementId: string): void;
  /** applies an element template to an element */
  applyTemplate(elementId: string, template: ElementTemplate): void;
}

/** the diagram-js services the component calls, with the methods it uses */
interface Service {
  zoom(level: 'fit-viewport', center?: 'auto'): void;
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
  scrollToElement(element: unknown): void;
  get(id: string): unknown;
  select(element: unknown): void;
  applyTemplate(element: unknown, template: ElementTemplate): void;
}

interface ModelerProps {
  xml: string;
  templates: ElementTemplate[];
  onChange: () => void;
  onSelectTemplate: (elementId: string) => void;
  onSelect: (element: SelectedElement | null) => void;
  onError: (message: string) => void;
}

export const BpmnModeler = forwardRef<ModelerHandle, ModelerProps>(
  function BpmnModeler({ xml, templates, onChange, onSelectTemplate, onSelect, onError }, ref) {
    const canvasRef = useRef<HTMLDivElement>(null);
    const panelRef = useRef<HTMLDivElement>(null);
    const modelerRef = useRef<Modeler | null>(null);
    const marked = useRef<{ id: string; marker: string }[]>([]);
    const callbacks = useRef({ onChange, onSelectTemplate, onSelect, onError });
    callbacks.current = { onChange, onSelectTemplate, onSelect, onError };

    useEffect(() => {
      if (!canvasRef.current || !panelRef.current) return;
      const modeler = new Modeler({
        container: canvasRef.current,
        propertiesPanel: { parent: panelRef.current },
        additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule, ElementTemplatesPropertiesProviderModule, CamundaBehaviorsModule, translateModule],
        moddleExtensions: { camunda: camundaModdle },
        elementTemplates: templates,
      } as ConstructorParameters<typeof Modeler>[0]);
      modelerRef.current = modeler;
      let live = true;
      type Shape = { id: string; type: string; businessObject?: { name?: string; formRef?: string; formRefBinding?: string } };
      const selected = (element?: Shape): SelectedElement | null => {
        if (!element) return null;
        const bo = element.businessObject;
        return { id: element.id, type: element.type, name: bo?.name ?? '', ...(bo?.formRef ? { formId: bo.formRef, formBinding: bo.formRefBinding ?? 'latest' } : {}) };
      };
      let current: { id: string } | undefined;
      modeler.on('selection.changed', (event: { newSelection: Shape[] }) => {
        current = event.newSelection.length === 1 ? event.newSelection[0] : undefined;
        callbacks.current.onSelect(selected(event.newSelection.length === 1 ? event.newSelection[0] : undefined));
      });
      modeler.on('commandStack.changed', () => {
        callbacks.current.onChange();
        // a changed form link or name of the selected task
        if (current) callbacks.current.onSelect(selected(modeler.get<Service>('elementRegistry').get(current.id) as Shape | undefined));
      });
      // the properties panel's 「选择」 of the template group: the page shows its list of templates
      modeler.on('elementTemplates.select', (event: { element: { id: string } }) => callbacks.current.onSelectTemplate(event.element.id));
      modeler.importXML(xml).then(
        () => {
          if (!live) return;
          modeler.get<Service>('canvas').zoom('fit-viewport', 'auto');
          callbacks.current.onChange();
        },
        (error: Error) => live && callbacks.current.onError(`流程图无法打开：${error.message}`),
      );
      return () => {
        live = false;
        modeler.destroy();
        modelerRef.current = null;
      };
      // templates are loaded before the modeler is shown
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [xml]);

    useImperativeHandle(ref, () => ({
      async xml() {
        const { xml: out } = await modelerRef.current!.saveXML({ format: true });
        return out ?? '';
      },
      mark(findings) {
        const modeler = modelerRef.current;
        if (!modeler) return;
        const canvas = modeler.get<Service>('canvas');
        const registry = modeler.get<Service>('elementRegistry');
        for (const m of marked.current) if (registry.get(m.id)) canvas.removeMarker(m.id, m.marker);
        marked.current = [];
        for (const f of findings) {
          if (!f.elementId || !registry.get(f.elementId)) continue;
          const marker = f.severity === 'error' ? 'lint-error' : 'lint-warning';
          canvas.addMarker(f.elementId, marker);
          marked.current.push({ id: f.elementId, marker });
        }
      },
      select(elementId) {
        const modeler = modelerRef.current;
        const element = modeler?.get<Service>('elementRegistry').get(elementId);
        if (!modeler || !element) return;
        modeler.get<Service>('selection').select(element);
        modeler.get<Service>('canvas').scrollToElement(element);
      },
      applyTemplate(elementId, template) {
        const modeler = modelerRef.current;
        const element = modeler?.get<Service>('elementRegistry').get(elementId);
        if (!modeler || !element) return;
        modeler.get<Service>('elementTemplates').applyTemplate(element, template);
      },
    }));

    return (
      <div className="modeler">
        <div ref={canvasRef} className="modeler-canvas" role="application" aria-label="流程图编辑区" />
        <div ref={panelRef} className="modeler-properties" aria-label="属性面板" />
      </div>
    );
  },
);
