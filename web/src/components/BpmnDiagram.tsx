// The case's BPMN diagram (bpmn-js NavigatedViewer, drag to move, wheel to zoom) with the elements
// the instance is in now highlighted.
import { useEffect, useRef, useState } from 'react';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';

interface Canvas {
  addMarker(element: string, marker: string): void;
  zoom(level: 'fit-viewport'): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}

export function BpmnDiagram({ xml, active, title }: { xml: string; active: string[]; title: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current });
    let live = true;
    setError(null);
    viewer.importXML(xml).then(
      () => {
        if (!live) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<ElementRegistry>('elementRegistry');
        canvas.zoom('fit-viewport');
        for (const id of active) if (registry.get(id)) canvas.addMarker(id, 'highlight');
      },
      // a viewer torn down before its import finished fails that import: not the user's concern
      () => live && setError('流程图无法显示'),
    );
    return () => {
      live = false;
      viewer.destroy();
    };
  }, [xml, active]);
  return (
    <>
      {error && <div role="alert">{error}</div>}
      <div ref={container} className="diagram" role="img" aria-label={`${title}流程图，当前步骤已高亮`} />
    </>
  );
}
