// The lint of a diagram edited in the browser modeler (流程建模, issue 16 §2): the project's
// bpmnlint configuration (.bpmnlintrc: bpmnlint's recommended rules and camunda-compat for Camunda
// 7.23 / Operaton) plus the project's own rules (plugin `yingsu`, below): known worker topics only,
// user tasks with a form and candidate groups, legal timers on computed variables, Chinese names.
// The modeler page calls it while the analyst edits (POST /api/modeler/lint) and the deploy route
// runs the same lint before it deploys, so what the page shows is what the server enforces.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { projectRoot } from '../config.ts';
import { InputError } from '../errors.ts';
import { candidateGroupRoles } from '../process-engine/engine-directory.ts';

const require = createRequire(path.join(projectRoot, 'package.json'));
const camundaSchema = require('camunda-bpmn-moddle/resources/camunda.json');
const { Linter } = require('bpmnlint') as { Linter: new (options: { config: unknown; resolver: unknown }) => { lint(definitions: unknown): Promise<Record<string, BpmnlintReport[]>> } };
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new (options: { require: NodeJS.Require }) => Resolver;

interface Resolver {
  resolveRule(pkg: string, ruleName: string): unknown;
  resolveConfig(pkg: string, configName: string): unknown;
}

interface BpmnlintReport {
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
  path?: (string | number)[];
}

export type ModdleElement = { $type: string; id?: string; name?: string; $parent?: ModdleElement; [key: string]: any };

interface Reporter {
  report(id: string | undefined, message: string): void;
}

/** One finding, for the page and for the refusal of a deployment. */
export interface LintProblem {
  /** bpmnlint's rule name, e.g. `label-required` or `yingsu/known-topic` */
  rule: string;
  severity: 'error' | 'warning';
  elementId?: string;
  elementName?: string;
  /** Chinese, for the analyst */
  message: string;
}

export interface LintResult {
  errors: number;
  warnings: number;
  problems: LintProblem[];
}

/** The worker topics the product implements: one module per topic under workers/, at the path its topic names. */
export function knownTopics(workersDir = path.join(projectRoot, 'workers')): string[] {
  return readdirSync(workersDir, { recursive: true })
    .map((f) => String(f).split(path.sep).join('/'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, '').split('/').join('.'))
    .sort();
}

const CJK = /[\u4e00-\u9fff]/;
const is = (el: ModdleElement, ...types: string[]) => types.includes(el.$type);
const NAMED_TYPES = [
  'bpmn:Task', 'bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ReceiveTask', 'bpmn:ScriptTask', 'bpmn:BusinessRuleTask', 'bpmn:ManualTask',
  'bpmn:CallActivity', 'bpmn:SubProcess', 'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent',
];

// The project's rules, as bpmnlint rules (a factory answering { check(node, reporter) }).
const projectRules: Record<string, () => { check(node: ModdleElement, reporter: Reporter): void }> = {
  'known-topic': () => {
    const topics = new Set(knownTopics());
    return {
      check(node, reporter) {
        if (!is(node, 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask') && !(node.type === 'external')) return;
        if (is(node, 'bpmn:BusinessRuleTask') && node.decisionRef) return; // a decision table, not a worker
        if (node.type !== 'external' || !node.topic) {
          reporter.report(node.id, '服务任务须应用一个工作者模板（外部任务，主题为已实现的工作者之一）');
          return;
        }
        if (!topics.has(node.topic)) reporter.report(node.id, `主题「${node.topic}」没有对应的工作者：请从模板中选择`);
      },
    };
  },
  'user-task-form': () => {
    const groups = new Set<string>(candidateGroupRoles);
    return {
      check(node, reporter) {
        if (!is(node, 'bpmn:UserTask')) return;
        if (!node.formRef) reporter.report(node.id, '用户任务须关联一个表单（表单编号 formRef）');
        const candidates = String(node.candidateGroups ?? '')
          .split(',')
          .map((g) => g.trim())
          .filter(Boolean);
        if (!candidates.length) reporter.report(node.id, '用户任务须指定候选角色组（candidateGroups）');
        // an expression chooses the group at run time: not checked here
        for (const g of candidates) if (!g.includes('${') && !groups.has(g)) reporter.report(node.id, `候选角色组「${g}」不是本系统的角色`);
      },
    };
  },
  'timer-computed': () => ({
    check(node, reporter) {
      if (!is(node, 'bpmn:TimerEventDefinition')) return;
      const owner = node.$parent;
      for (const kind of ['timeDate', 'timeDuration', 'timeCycle'] as const) {
        const body = String(node[kind]?.body ?? '').trim();
        if (!node[kind]) continue;
        // a timer start event's cycle is a calendar schedule (the year-end report), not a legal period
        if (kind === 'timeCycle' && owner && is(owner, 'bpmn:StartEvent')) continue;
        if (!/^\$\{.+\}$/s.test(body)) {
          reporter.report(owner?.id, '法定期限的定时器须使用期限计算得出的变量（如 ${answerDueAt}），不得写固定日期或时长');
        }
      }
      if (!node.timeDate && !node.timeDuration && !node.timeCycle) reporter.report(owner?.id, '定时器未设置时间：请填写期限计算得出的变量（如 ${answerDueAt}）');
    },
  }),
  'chinese-names': () => ({
    check(node, reporter) {
      const name = String(node.name ?? '').trim();
      if (is(node, 'bpmn:Process')) {
        if (!name || !CJK.test(name)) reporter.report(node.id, '流程须有中文名称');
        return;
      }
      if (!node.$type.startsWith('bpmn:') || is(node, 'bpmn:SequenceFlow', 'bpmn:Definitions', 'bpmn:Collaboration', 'bpmn:Participant', 'bpmn:LaneSet', 'bpmn:Message', 'bpmn:Error', 'bpmn:Signal', 'bpmn:Escalation')) return;
      if (name && !CJK.test(name)) reporter.report(node.id, `名称「${name}」须为中文`);
      else if (!name && NAMED_TYPES.includes(node.$type) && !is(node, 'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:BoundaryEvent')) reporter.report(node.id, '元素须有中文名称');
    },
  }),
};

/** Chinese for the rules of bpmnlint and camunda-compat (their own messages are English). */
const RULE_TEXT: Record<string, string> = {
  'ad-hoc-sub-process': '自由子流程的内容不符合要求',
  'conditional-flows': '网关分出的条件顺序流须都有条件（或设默认流）',
  'end-event-required': '流程或子流程缺少结束事件',
  'event-based-gateway': '事件网关之后只能接捕获事件或接收任务',
  'event-sub-process-typed-start-event': '事件子流程的开始事件须有类型（消息、定时器等）',
  'fake-join': '多条顺序流直接汇入一个任务：请用网关汇合',
  global: '全局元素（消息、错误、信号）未被使用或重复',
  'label-required': '元素缺少名称',
  'link-event': '链接事件未成对出现',
  'no-bpmndi': '元素没有图形（流程图中看不到）',
  'no-complex-gateway': '不支持复杂网关',
  'no-disconnected': '元素没有连接到流程中',
  'no-duplicate-sequence-flows': '两个元素之间有重复的顺序流',
  'no-gateway-join-fork': '同一网关不能既汇合又分支',
  'no-implicit-split': '一个元素分出多条无条件顺序流：请用网关分支',
  'no-implicit-end': '元素没有后续顺序流，也不是结束事件',
  'no-implicit-start': '元素没有进入的顺序流，也不是开始事件',
  'no-inclusive-gateway': '尽量不用包容网关',
  'no-overlapping-elements': '元素在图中互相重叠',
  'single-blank-start-event': '流程只能有一个空开始事件',
  'single-event-definition': '一个事件只能有一种事件定义',
  'start-event-required': '流程或子流程缺少开始事件',
  'sub-process-blank-start-event': '子流程的开始事件须为空开始事件',
  'superfluous-gateway': '网关只有一进一出，可以删除',
  'superfluous-label': '该元素的名称不会显示',
  'superfluous-termination': '终止结束事件可以换成普通结束事件',
  'history-time-to-live': '流程未设置历史保留期限（historyTimeToLive）',
};

const PROJECT_PLUGIN = 'bpmnlint-plugin-yingsu';

/** The resolver: the project's own plugin in memory, everything else from node_modules. */
function projectResolver(): Resolver {
  const node = new NodeResolver({ require });
  return {
    resolveRule(pkg, ruleName) {
      if (pkg === PROJECT_PLUGIN) {
        const rule = projectRules[ruleName];
        if (!rule) throw new Error(`unknown project rule ${ruleName}`);
        return rule;
      }
      return node.resolveRule(pkg, ruleName);
    },
    resolveConfig: (pkg, configName) => node.resolveConfig(pkg, configName),
  };
}

/** The project's configuration (.bpmnlintrc) plus the project plugin's rules, all errors. */
function lintConfig() {
  const rc = JSON.parse(readFileSync(path.join(projectRoot, '.bpmnlintrc'), 'utf8')) as { extends?: string[] | string; rules?: Record<string, unknown> };
  const rules: Record<string, unknown> = { ...rc.rules };
  for (const name of Object.keys(projectRules)) rules[`yingsu/${name}`] = 'error';
  return { extends: rc.extends, rules };
}

/** A moddle that reads and writes BPMN 2.0 with the camunda extension. */
export const bpmnModdle = () => new BpmnModdle({ camunda: camundaSchema });

/** Parses BPMN 2.0 XML with the camunda extension; bad XML is an InputError naming the problem. */
export async function parseDiagram(xml: string, field = 'xml'): Promise<{ definitions: ModdleElement; warnings: string[] }> {
  const moddle = bpmnModdle();
  let parsed;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (error) {
    throw new InputError([{ field, message: `流程图 XML 无法解析：${(error as Error).message.split('\n')[0]}` }]);
  }
  const definitions = parsed.rootElement as unknown as ModdleElement;
  if (definitions.$type !== 'bpmn:Definitions') throw new InputError([{ field, message: '不是 BPMN 2.0 流程图（根元素应为 definitions）' }]);
  const processes = (definitions.rootElements ?? []).filter((r: ModdleElement) => r.$type === 'bpmn:Process');
  if (processes.length !== 1) throw new InputError([{ field, message: `流程图须恰好包含一个流程（现有 ${processes.length} 个）` }]);
  return { definitions, warnings: parsed.warnings.map((w: { message: string }) => w.message) };
}

/** Every element by id, for the names in the findings. */
function elementsById(definitions: ModdleElement): Map<string, ModdleElement> {
  const out = new Map<string, ModdleElement>();
  const visit = (el: ModdleElement) => {
    if (el.id) out.set(el.id, el);
    for (const child of [...(el.rootElements ?? []), ...(el.flowElements ?? [])]) visit(child);
  };
  visit(definitions);
  return out;
}

/** Lints a diagram: parse errors throw (InputError), findings are answered. */
export async function lintDiagram(xml: string): Promise<LintResult> {
  const { definitions, warnings } = await parseDiagram(xml);
  const linter = new Linter({ config: lintConfig(), resolver: projectResolver() });
  const results = await linter.lint(definitions);
  const byId = elementsById(definitions);
  const problems: LintProblem[] = [];
  for (const w of warnings) problems.push({ rule: 'xml', severity: 'error', message: `流程图 XML 有问题：${w}` });
  for (const [rule, reports] of Object.entries(results)) {
    for (const r of reports) {
      if (r.category === 'info') continue;
      const isProject = rule.startsWith('yingsu/');
      const element = r.id ? byId.get(r.id) : undefined;
      problems.push({
        rule,
        severity: r.category === 'warn' ? 'warning' : 'error',
        elementId: r.id,
        elementName: element?.name || undefined,
        message: isProject ? r.message : (RULE_TEXT[rule] ?? '不符合建模规则'),
      });
    }
  }
  problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return { errors: problems.filter((p) => p.severity === 'error').length, warnings: problems.filter((p) => p.severity === 'warning').length, problems };
}
