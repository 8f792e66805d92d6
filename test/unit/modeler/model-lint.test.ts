// Unit tier: the browser modeler's lint (src/modeler/model-lint.ts) and catalogue reader. Every
// diagram under processes/ passes it — so the project rules describe the diagrams as they are — and
// each project rule reports what it is for, in Chinese, on the element concerned.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { describeDiagram } from '../../../src/modeler/catalogue.ts';
import { lintDiagram } from '../../../src/modeler/model-lint.ts';

const processes = path.join(projectRoot, 'processes');
const diagram = (file: string) => readFileSync(path.join(processes, file), 'utf8');

describe('the modeler lint', () => {
  it('passes every diagram of processes/ without errors or warnings', async () => {
    const files = readdirSync(processes).filter((f) => f.endsWith('.bpmn'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const result = await lintDiagram(diagram(file));
      expect(result.problems, file).toEqual([]);
    }
  });

  it('reports each project rule on its element', async () => {
    const xml = diagram('loss-analysis.bpmn');
    const firstUserTask = /<bpmn:userTask id="([^"]+)"/.exec(xml)![1]!;
    const broken = xml
      .replace(/(<bpmn:userTask id="[^"]+"[^>]*?) camunda:candidateGroups="[^"]*"/, '$1')
      .replace(/\$\{lossAnalysisReportDueAt\}/, '2026-06-30T00:00:00+08:00');
    const findings = (await lintDiagram(broken)).problems.map((p) => `${p.rule} ${p.elementId}: ${p.message}`);
    expect(findings).toEqual(
      expect.arrayContaining([
        `yingsu/user-task-form ${firstUserTask}: 用户任务须指定候选角色组（candidateGroups）`,
        expect.stringMatching(/^yingsu\/timer-computed \S+: 法定期限的定时器须使用期限计算得出的变量/),
      ]),
    );
  });

  it('reads the catalogue facts of a diagram: tasks, topics, forms, timers and cited rules', async () => {
    const hearing = await describeDiagram(diagram('hearing.bpmn'));
    expect(hearing.processName).toBe('出庭应诉');
    expect(hearing.topics).toContain('hearing.decide-appearance');
    expect(hearing.forms.length).toBeGreaterThan(3);
    expect(hearing.timers.map((t) => t.expression)).toContain('${hearingAt}');
    expect(hearing.rules).toEqual(expect.arrayContaining(['D03', '法释〔2020〕3号']));
    expect(hearing.messages.map((m) => m.name)).toContain('hearing-moved');
  });
});
