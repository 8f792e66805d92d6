// ONE-TIME BOOTSTRAP TOOL (issue 6). Writes the part-1 diagrams (processes/*.bpmn, with a
// left-to-right layout) and forms (forms/*.form) from the builder code in scripts/bpmn-bootstrap/.
// The committed files are the source of truth: analysts edit them in Camunda Modeler. Running this
// again overwrites those edits, so it refuses to overwrite unless given --force.
//   npx tsx scripts/bootstrap-bpmn.ts [--force]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config.ts';
import { FORMS, toFormJson } from './bpmn-bootstrap/forms.ts';
import { toXml } from './bpmn-bootstrap/model.ts';
import { ALL_PROCESSES } from './bpmn-bootstrap/processes.ts';

const force = process.argv.includes('--force');
const write = (file: string, content: string) => {
  if (existsSync(file) && !force) {
    console.log(`skip ${path.relative(projectRoot, file)} (exists; --force overwrites Modeler edits)`);
    return;
  }
  writeFileSync(file, content);
  console.log(`wrote ${path.relative(projectRoot, file)}`);
};
mkdirSync(path.join(projectRoot, 'processes'), { recursive: true });
mkdirSync(path.join(projectRoot, 'forms'), { recursive: true });
for (const build of ALL_PROCESSES) {
  const model = build();
  write(path.join(projectRoot, 'processes', `${model.id}.bpmn`), toXml(model));
}
for (const form of FORMS) write(path.join(projectRoot, 'forms', `${form.id}.form`), toFormJson(form));
