// The OpenAPI 3.1 document of the app's JSON API, served at GET /api/openapi.json. The case API
// (issue 6) is described field by field; the deadline, document and notification routes at the
// path level (their modules document their bodies). A test checks every registered route is here.
import { CASE_EVENT_TYPES } from '../cases/case-input.ts';
import { CASE_STAGES } from '../cases/case-stages.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const errors = {
  '400': { description: '输入错误，fields 逐项列出字段 / bad input, each field named', ...json(ref('Error')) },
  '404': { description: '不存在 / not found', ...json(ref('Error')) },
};
const idParam = (name = 'id', description = '案件 ID') => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const op = (summary: string, extra: Record<string, unknown> = {}) => ({ summary, responses: { '200': { description: 'OK' }, ...errors }, ...extra });

const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-05-06'] };
// a deadline as the compute endpoints and the case view return it
const deadline = {
  type: 'object',
  properties: {
    rule: { type: 'string' },
    due: isoDate,
    dueAt: { type: 'string', description: '届满日 23:59:59+08:00' },
    status: { enum: ['OK', 'PROVISIONAL'] },
    explanation: { type: 'string' },
    source: { type: 'string' },
    mayExtendTo: { ...isoDate, description: '暂定期限：放假安排公布后可能顺延至的日期' },
    lastDayMakeUpWorkday: { type: 'boolean', description: '届满日为调休上班日（按工作日计算，不顺延），需提示用户核实' },
    checkNote: { type: ['string', 'null'], description: '需核实事项的中文说明（届满日为调休上班日时）' },
  },
};
const party = {
  type: 'object',
  required: ['name', 'type'],
  properties: { name: { type: 'string' }, type: { enum: ['person', 'enterprise', 'organization'] }, address: { type: 'string', description: '住址 / 住所地（印在答辩状、上诉状上）' }, legalRepresentative: { type: 'string', description: '法定代表人（企业）或负责人（其他组织）' } },
};

// the ledger's filters (GET /cases and GET /cases/export.xlsx)
const LEDGER_FILTERS = [
  { name: 'agency', in: 'query', schema: { type: 'string', format: 'uuid' } },
  { name: 'stage', in: 'query', schema: { type: 'string', examples: [...CASE_STAGES] } },
  { name: 'level', in: 'query', schema: { enum: ['first', 'second', 'retrial'] } },
  { name: 'profile', in: 'query', schema: { type: 'string' }, description: '规则配置（national、liaocheng …）' },
  { name: 'year', in: 'query', schema: { type: 'integer' }, description: '收到起诉状副本的年份' },
  { name: 'due', in: 'query', schema: { type: 'string', pattern: '^(overdue|3d|week|[1-9][0-9]{0,2}d)$' }, description: '下一期限：overdue 逾期，3d 今天起至第3个工作日，week 至本周日，<N>d 今天起N个自然日内' },
  { name: 'enterpriseRelated', in: 'query', schema: { enum: ['true', 'false'] }, description: '涉企（标记为涉企，或原告、第三人中有企业）' },
  { name: 'outcome', in: 'query', schema: { enum: ['won', 'lost', 'partly-lost', 'none'] }, description: '最近一次送达的裁判结果；none 尚无裁判' },
  { name: 'q', in: 'query', schema: { type: 'string', maxLength: 100 }, description: '案号或当事人名称的一部分' },
  { name: 'sort', in: 'query', schema: { enum: ['complaintReceivedOn', 'caseNumber', 'agencyName', 'court', 'level', 'stage', 'nextDeadline'], default: 'complaintReceivedOn' } },
  { name: 'order', in: 'query', schema: { enum: ['asc', 'desc'] }, description: '默认：收到日期降序，其余升序' },
];

// the statistics routes' parameters (GET /statistics …)
const STAT_SCOPE = { name: 'scope', in: 'query', required: true, schema: { type: 'string', examples: ['agency:<单位 ID>', 'region:<政府或司法局 ID>', 'all'] }, description: 'agency：该单位为被告的案件；region：政府及其所属单位（司法局：其本级政府的区域）；all：全部单位（仅管理员）' };
const STAT_PERIOD = { name: 'period', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{4}([Qq][1-4])?$', examples: ['2026', '2026Q3'] }, description: '年度或季度（Asia/Shanghai 日期）' };
const STAT_FIGURE = { name: 'figure', in: 'query', required: true, schema: { type: 'string', examples: ['loss-rate', 'cases-new'] }, description: '指标 ID（GET /statistics/figures）' };
const STAT_KEY = { name: 'key', in: 'query', schema: { type: 'string' }, description: '分布类指标的一行：案由或受案法院' };
const STAT_TREND = [
  STAT_SCOPE,
  { name: 'from', in: 'query', schema: { type: 'string', examples: ['2025Q1', '2024'] } },
  { name: 'to', in: 'query', schema: { type: 'string', examples: ['2026Q4', '2026'] } },
  { name: 'last', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 40 }, description: '最近 N 个期间（默认 8 个季度或 5 个年度）' },
  { name: 'unit', in: 'query', schema: { enum: ['quarter', 'year'] } },
  { name: 'figures', in: 'query', schema: { type: 'string' }, description: '逗号分隔的指标 ID；缺省为全部' },
];
const STAT_403 = { description: '无权查看该单位或区域', ...json(ref('Error')) };
/** The modeler's diagram with the forms edited in the page. */
const DIAGRAM_BODY = {
  type: 'object',
  required: ['xml'],
  properties: { xml: { type: 'string', description: 'BPMN 2.0 XML' }, forms: { type: 'array', maxItems: 50, items: { type: 'object', description: 'Camunda Form（form-js JSON），id 为用户任务的 camunda:formRef' } } },
};
const XLSX = { description: '.xlsx', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} } };

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: '行政应诉 API',
      version: '0.1.0',
      description:
        'The case API (cases, court events, user tasks) and the deadline, document and notification APIs. Errors are JSON {error: {code, message, fields?}}; bad input is 400 naming each field.',
    },
    servers: [{ url: '/api' }],
    paths: {
      '/agencies': { get: op('单位列表（含规则配置 profile）', { responses: { '200': { description: 'OK', ...json({ type: 'array', items: ref('Agency') }) } } }) },
      '/cases': {
        get: op('台账：当前用户可见的案件（本单位或作为承办单位的案件），筛选、搜索、排序、分页；每个案件的下一期限与预警（逾期 / 3日内到期 / 本周到期）', {
          parameters: [...LEDGER_FILTERS, { name: 'limit', in: 'query', schema: { type: 'integer', default: 20, minimum: 1, maximum: 500 } }, { name: 'offset', in: 'query', schema: { type: 'integer', default: 0 } }],
          responses: { '200': { description: 'OK', ...json(ref('LedgerPage')) }, ...errors },
        }),
        post: {
          summary: '登记送达的案件并启动流程 case-lifecycle',
          description:
            '案件与启动流程的指令在同一事务中写入（引擎发件箱）；随后最多等待约 2 秒。流程已启动时 processInstanceKey 为流程实例 ID、engine.status = started；流程引擎不可用或较慢时案件照常登记，processInstanceKey 为 null、engine.status = pending，由发件箱稍后启动（按业务键 = 案件 ID 幂等，不会启动两次）。 / The case and the command starting its process are written in one transaction; the answer waits up to about 2 s. When the engine is down the case is still registered (201, processInstanceKey null, engine.status pending) and the outbox starts the instance later, exactly once.',
          requestBody: { required: true, ...json(ref('NewCase')) },
          responses: {
            '201': {
              description: '已登记',
              ...json({
                type: 'object',
                properties: {
                  id: { type: 'string', format: 'uuid' },
                  processInstanceKey: { type: ['string', 'null'], description: '主流程实例 ID；流程尚在发件箱中等待启动时为 null' },
                  engine: { type: 'object', properties: { status: { enum: ['started', 'pending'] } } },
                },
              }),
            },
            '400': errors['400'],
            '409': { description: '同一单位、同一审级的案号已登记', ...json(ref('Error')) },
          },
        },
      },
      '/cases/export.xlsx': {
        get: op('台账导出 .xlsx（与台账相同的筛选，逐行流式生成，中文列名，日期为 Excel 日期）', {
          parameters: LEDGER_FILTERS,
          responses: { '200': { description: '行政应诉台账.xlsx', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} } }, ...errors },
        }),
      },
      '/court-papers/extract': {
        post: op('识别法院电子送达文书（应诉通知书、起诉状副本 PDF，表单字段 files，1–5 个，每个不超过 10 MB）：提取案号、法院、原告、案由、送达日期等，供收件登记时确认', {
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } } } },
          responses: { '200': { description: 'OK', ...json(ref('CourtPaperExtraction')) }, ...errors, '503': { description: '服务器未安装 pdftotext（poppler-utils）', ...json(ref('Error')) } },
        }),
      },
      '/imports/template.xlsx': { get: op('存量案件导入模板（.xlsx，含填写说明）', { responses: { '200': { description: '存量案件导入模板.xlsx' } } }) },
      '/imports': {
        post: op('导入存量案件（表单字段 file，按模板填写的 .xlsx）：任一单元格有误则整个文件不导入，400 IMPORT_INVALID 列出每个有误的单元格；否则 202 返回导入任务 ID，后台逐案登记并从所处阶段启动流程', {
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } },
          responses: {
            '202': { description: '已接受，后台导入', ...json({ type: 'object', properties: { id: { type: 'string', format: 'uuid' } } }) },
            '400': { description: 'IMPORT_INVALID：error.rows = [{row, column, field, message}]；或上传本身有误（fields）', ...json(ref('Error')) },
          },
        }),
      },
      '/imports/{id}': {
        get: op('导入任务进度', { parameters: [idParam('id', '导入任务 ID')], responses: { '200': { description: 'OK', ...json(ref('ImportProgress')) }, ...errors } }),
      },
      '/cases/{id}': { get: op('案件详情：承办单位、期限、文书、报告、开庭、事件', { parameters: [idParam()], responses: { '200': { description: 'OK', ...json(ref('CaseView')) }, ...errors } }) },
      '/cases/{id}/events': {
        post: {
          summary: '记录法院事件，并经引擎发件箱关联对应消息（名称 = type，业务键 = 案件 ID）',
          description:
            '事件先记入台账，关联消息的指令在同一事务中写入发件箱；流程尚未等待该事件时指令保留并重试，直至流程等待或事件过期（过期的列于 GET /admin/engine-commands）。流程引擎不可用不影响本请求。',
          parameters: [idParam(), { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' }, description: '重试同一请求不重复记录' }],
          requestBody: { required: true, ...json(ref('CaseEvent')) },
          responses: {
            '202': {
              description: '已记录，消息由发件箱送达（裁判按推算生效日进入履行或败诉分析后，补录送达或生效证明发送的是 effective-date-moved）',
              ...json({ type: 'object', properties: { eventId: { type: 'string' }, type: { type: 'string' }, message: { type: 'object', properties: { name: { type: 'string' }, correlationKey: { type: 'string' } } }, recommendationKey: { type: 'string', description: '司法建议、检察建议：该份建议的键（一案可有多份）' }, duplicate: { type: 'boolean' } } }),
            },
            ...errors,
            '409': { description: '案件当前阶段不能接收该事件（message 说明原因）', ...json(ref('Error')) },
          },
        },
      },
      '/cases/{id}/tasks': {
        get: op('案件所有流程实例（主流程、被调用子流程、由法院事件启动的流程，业务键均为案件 ID）的待办用户任务', {
          parameters: [idParam()],
          responses: { '200': { description: 'OK', ...json({ type: 'array', items: ref('Task') }) }, ...errors },
        }),
      },
      '/tasks/{key}/complete': {
        post: {
          summary: '完成用户任务；variables 按任务表单校验（必填、类型、选项；不接受表单以外的字段）',
          parameters: [idParam('key', '用户任务 ID（引擎的任务 ID，字符串，如 UUID）')],
          requestBody: { required: true, ...json({ type: 'object', properties: { variables: { type: 'object' } } }) },
          responses: { '200': { description: '已完成', ...json({ type: 'object', properties: { key: { type: 'string' }, formId: { type: 'string' }, completed: { const: true } } }) }, ...errors },
        },
      },
      '/openapi.json': { get: op('本文档') },
      // statistics (src/http/routes/statistics-routes.ts, docs/statistics.md)
      '/statistics/figures': { get: op('统计指标目录：每项指标的名称、分子、分母、期间、计入哪些案件及依据条文') },
      '/statistics/scopes': { get: op('本人可选的统计范围（单位、区域；管理员另有“全部单位”）及统计分析页默认打开的范围和期间') },
      '/statistics': {
        get: op('单位或区域在某年度、季度的各项统计指标（分子、分母、分布、上年同期、同比），不含案件 ID 列表（见 /statistics/cases）；仅限本人可见的单位，否则 403', {
          parameters: [STAT_SCOPE, STAT_PERIOD],
          responses: { '200': { description: 'OK' }, ...errors, '403': STAT_403 },
        }),
      },
      // assessment (src/http/routes/assessment-routes.ts, docs/assessment.md)
      '/assessment/items': { get: op('考核项目与年度指标目录：各规则配置的评分项目、分值、评分标准、指标要求及依据条文') },
      '/assessment/score-sheets': {
        get: op('区域内各单位某年度的考核评分（总分、排名、扣分项目、指标完成情况）；仅限本人可见的区域，否则 403', {
          parameters: [
            { name: 'region', in: 'query', required: true, schema: { type: 'string', format: 'uuid' }, description: '政府或司法局的单位编号（司法局：其本级政府的区域）' },
            { name: 'year', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{4}$', examples: ['2026'] }, description: '考核年度' },
          ],
          responses: { '200': { description: 'OK' }, ...errors, '403': { description: '无权查看该区域', ...json(ref('Error')) } },
        }),
      },
      '/assessment/score-sheets/{agencyId}/{year}': {
        get: op('一个单位某年度的考核评分表：每项得分、扣分说明、扣分所涉案件、调整记录及指标完成情况（本单位只读）', {
          parameters: [
            { name: 'agencyId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'year', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}$' } },
          ],
          responses: { '200': { description: 'OK' }, ...errors, '403': { description: '无权查看该单位', ...json(ref('Error')) } },
        }),
      },
      '/assessment/score-sheets/{agencyId}/{year}/adjustments': {
        post: op('司法局（本区域）或管理员调整某一考核项目的得分并说明理由（只追加，记入审计日志）', {
          parameters: [
            { name: 'agencyId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'year', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}$' } },
          ],
          requestBody: json({ type: 'object', required: ['itemId', 'score', 'reason'], properties: { itemId: { type: 'string' }, score: { type: 'number', minimum: 0, multipleOf: 0.5 }, reason: { type: 'string', minLength: 4, maxLength: 1000 } } }),
          responses: { '201': { description: '已记录调整' }, ...errors, '403': { description: '无权调整', ...json(ref('Error')) } },
        }),
      },
      // the browser modeler and the process catalogue (src/http/routes/modeler-routes.ts, docs/modeler.md): analyst and admin only
      '/modeler/templates': { get: op('元素模板：每个工作者主题一个（Camunda 7 模板，中文名称）') },
      '/modeler/processes': { get: op('流程目录：每个已部署的流程、其各版本（含运行中的实例数）、任务、工作者主题、表单、消息、定时器及引用的规则') },
      '/modeler/processes/{key}/xml': {
        get: op('已部署流程的 BPMN XML（默认最新版本）', {
          parameters: [idParam('key', '流程键（BPMN 流程 id）'), { name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 }, description: '版本号；不填为最新版本' }],
        }),
      },
      '/modeler/forms/{formId}': {
        get: op('用户任务关联的已部署表单（Camunda Form，form-js JSON），供表单编辑器打开：默认为最新部署的版本；给出流程版本时为该版本使用的表单', {
          parameters: [
            idParam('formId', '表单编号（即 camunda:formRef）'),
            { name: 'processDefinitionId', in: 'query', schema: { type: 'string' }, description: '流程版本编号；该版本的任务绑定随流程部署的表单时，答复该部署中的表单' },
          ],
          responses: { '200': { description: 'formId、deploymentId、deployedAt、schema（表单 JSON）' }, ...errors, '404': { description: '表单未部署', ...json(ref('Error')) } },
        }),
      },
      '/modeler/check': {
        post: op('检查编辑中的流程图：项目的 bpmnlint 规则与项目规则（已知主题、用户任务的表单与候选组、定时器用计算变量、中文名称），编辑过的表单（结构版本、字段键唯一、中文标签、表单编号与 formRef 一致），以及与已部署版本的差异', {
          requestBody: { required: true, ...json(DIAGRAM_BODY) },
        }),
      },
      '/modeler/deployments': {
        post: op('部署流程图为新版本（先做同样的检查，有错误则 400 并逐条列出）；编辑过的表单在同一部署中部署，新版本的任务绑定这些表单，运行中的实例留在原版本、使用原版本的表单（记入审计日志，含改动的表单）', {
          requestBody: { required: true, ...json(DIAGRAM_BODY) },
          responses: { '201': { description: '已部署：processKey、version、definitionId、deploymentId、runningOnEarlierVersions、forms、formsChanged' }, ...errors, '409': { description: '与最新版本相同，未产生新版本', ...json(ref('Error')) } },
        }),
      },
      '/modeler/migrations/plan': {
        post: op('流程实例迁移计划（引擎按元素 id 生成）及其校验：各步骤的对应关系、未对应的步骤、引擎拒绝的指令', {
          requestBody: { required: true, ...json({ type: 'object', required: ['sourceDefinitionId', 'targetDefinitionId'], properties: { sourceDefinitionId: { type: 'string' }, targetDefinitionId: { type: 'string' } } }) },
        }),
      },
      '/modeler/migrations/dry-run': {
        post: op('迁移试运行（不迁移）：源版本上每个运行中的实例能否迁移，不能的原因', {
          requestBody: { required: true, ...json({ type: 'object', required: ['sourceDefinitionId', 'targetDefinitionId'], properties: { sourceDefinitionId: { type: 'string' }, targetDefinitionId: { type: 'string' } } }) },
        }),
      },
      '/modeler/migrations': {
        post: op('执行迁移（记入审计日志）：所选实例，或试运行允许的全部实例；所选实例中有不能迁移的则 400 逐个说明', {
          requestBody: {
            required: true,
            ...json({ type: 'object', required: ['sourceDefinitionId', 'targetDefinitionId'], properties: { sourceDefinitionId: { type: 'string' }, targetDefinitionId: { type: 'string' }, processInstanceIds: { type: 'array', items: { type: 'string' } } } }),
          },
          responses: { '200': { description: '已迁移：migrated、left' }, ...errors, '409': { description: '没有可迁移的实例，或引擎拒绝迁移', ...json(ref('Error')) } },
        }),
      },
      // rule-profile versions (src/http/routes/profile-version-routes.ts, docs/profiles.md): analyst and admin only
      '/profiles/versions': { get: op('各规则配置及其版本：基础版本（随系统发布）、已启用、草稿、已放弃；有效期为生效规则集中的有效期') },
      '/profiles/{id}/versions': {
        post: op('新建规则版本草稿（校验不通过则 400，fields 逐项列出字段路径，如 version.rules.0.period.amount）；生效日期须晚于现行版本', {
          parameters: [idParam('id', '规则配置编号（liaocheng 等）')],
          requestBody: { required: true, ...json({ type: 'object', required: ['version'], properties: { version: { type: 'object', description: '版本：validFrom、validTo、document、file、rules（每条规则含期限或参数及依据条款）' }, note: { type: 'string' } } }) },
          responses: { '201': { description: '已保存草稿' }, ...errors },
        }),
      },
      '/profiles/{id}/versions/{versionId}': {
        get: op('一个规则版本及其全部规则（草稿、已启用或已放弃的为 UUID；基础版本为 base-<生效日期>）', { parameters: [idParam('id', '规则配置编号'), idParam('versionId', '版本编号')] }),
      },
      '/profiles/{id}/versions/{versionId}/impact': {
        get: op('影响评估：启用该草稿后，本配置及下级配置的在办案件中将新增、取消、变更的期限（案号、规则、原期限 → 新期限）；不写入任何数据', { parameters: [idParam('id', '规则配置编号'), idParam('versionId', '草稿版本编号')], responses: { '200': { description: 'OK' }, ...errors, '409': { description: '不是草稿', ...json(ref('Error')) } } }),
      },
      '/profiles/{id}/versions/{versionId}/preview': {
        get: op('预览：样例案件（一审，各样例日期收到起诉状副本）在草稿与现行规则下的期限', {
          parameters: [idParam('id', '规则配置编号'), idParam('versionId', '草稿版本编号'), { name: 'dates', in: 'query', schema: { type: 'string', examples: ['2026-12-01,2027-01-05'] }, description: '样例日期，逗号分隔，最多6个；不填为生效日期、30日后、90日后' }],
          responses: { '200': { description: 'OK' }, ...errors, '409': { description: '不是草稿', ...json(ref('Error')) } },
        }),
      },
      '/profiles/{id}/versions/{versionId}/activate': {
        post: op('启用草稿（记入审计日志，须填写理由）：在办案件的期限按新版本重算，每项变化记为案件事件；再次启用不重复写入', {
          parameters: [idParam('id', '规则配置编号'), idParam('versionId', '草稿版本编号')],
          requestBody: { required: true, ...json({ type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 4, maxLength: 2000 } } }) },
          responses: { '200': { description: '已启用：version、result（casesExamined、added、changed、removed）、alreadyActivated' }, ...errors, '409': { description: '版本已放弃', ...json(ref('Error')) } },
        }),
      },
      '/profiles/{id}/versions/{versionId}/discard': {
        post: op('放弃草稿（记入审计日志，须填写理由）', {
          parameters: [idParam('id', '规则配置编号'), idParam('versionId', '草稿版本编号')],
          requestBody: { required: true, ...json({ type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 4, maxLength: 2000 } } }) },
          responses: { '200': { description: '已放弃' }, ...errors, '409': { description: '不是草稿', ...json(ref('Error')) } },
        }),
      },
      '/statistics/export.xlsx': { get: op('统计指标表 .xlsx（各项指标及上年同期、同比；案由分布、受案法院分布各一工作表）', { parameters: [STAT_SCOPE, STAT_PERIOD], responses: { '200': XLSX, ...errors, '403': STAT_403 } }) },
      '/statistics/trend': {
        get: op('统计指标趋势：各期间的指标值（由早到晚）。from、to 同为年度或同为季度；或 last 个期间（unit 季度或年度），截至 to 或当前期间；最多 40 个期间', {
          parameters: STAT_TREND,
          responses: { '200': { description: 'OK' }, ...errors, '403': STAT_403 },
        }),
      },
      '/statistics/trend.xlsx': { get: op('统计指标趋势表 .xlsx（每行一个期间，每列一项指标）', { parameters: STAT_TREND, responses: { '200': XLSX, ...errors, '403': STAT_403 } }) },
      '/statistics/ranking': {
        get: op('单位排名：范围内每个单位的某项指标值，排序并编排名（败诉率、涉企案件败诉率、逾期答辩数、未结案件数由低到高，其余由高到低；并列同名次；无分母的单位列在最后、无名次）', {
          parameters: [STAT_SCOPE, STAT_PERIOD, STAT_FIGURE],
          responses: { '200': { description: 'OK' }, ...errors, '403': STAT_403 },
        }),
      },
      '/statistics/ranking.xlsx': { get: op('单位排名表 .xlsx', { parameters: [STAT_SCOPE, STAT_PERIOD, STAT_FIGURE], responses: { '200': XLSX, ...errors, '403': STAT_403 } }) },
      '/statistics/cases': {
        get: op('数字背后的案件（下钻）：某项指标分子所涉案件，按台账的列分页返回；分布类指标可用 key 只看一个案由或法院', {
          parameters: [STAT_SCOPE, STAT_PERIOD, STAT_FIGURE, STAT_KEY, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 20 } }, { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } }],
          responses: { '200': { description: 'OK' }, ...errors, '403': STAT_403 },
        }),
      },
      '/statistics/cases.xlsx': { get: op('下钻案件清单 .xlsx（全部案件，台账导出的列）', { parameters: [STAT_SCOPE, STAT_PERIOD, STAT_FIGURE, STAT_KEY], responses: { '200': XLSX, ...errors, '403': STAT_403 } }) },
      // periodic reports and the upward export (src/http/routes/statistics-report-routes.ts, docs/statistics-reports.md, docs/statistics-export.md)
      '/statistics/reports': {
        get: op('本人可见的各级政府的定期报告（年度行政应诉工作报告、季度通报）：期间、范围、状态（草稿/已审核/已报送）、报送期限和已报送的文件', {
          parameters: [
            { name: 'kind', in: 'query', schema: { type: 'string', enum: ['annual-report', 'quarterly-circular'] }, description: '报告种类' },
            { name: 'status', in: 'query', schema: { type: 'string', enum: ['draft', 'approved', 'filed'] }, description: '状态' },
            { name: 'period', in: 'query', schema: { type: 'string', pattern: '^\\d{4}(Q[1-4])?$' }, description: '统计期间' },
          ],
        }),
        post: op('按需起草一份定期报告（司法局：本区域；管理员）：与定时器相同的报告流程，经引擎发件箱启动（202）；重复请求不再启动', {
          requestBody: json({ type: 'object', required: ['kind', 'period', 'agencyId'], properties: { kind: { type: 'string', enum: ['annual-report', 'quarterly-circular'] }, period: { type: 'string', pattern: '^\\d{4}(Q[1-4])?$' }, agencyId: { type: 'string', format: 'uuid', description: '人民政府或其司法局' } } }),
          responses: { '202': { description: '已排队：businessKey、enqueued（首次为 true）' }, ...errors, '403': { description: '不在本人区域内', ...json(ref('Error')) } },
        }),
      },
      '/statistics/reports/{id}': {
        get: op('一份定期报告及其数据快照（各项指标、上年同期、各单位排名）和审核人撰写的文字；不可见或不存在为 404', {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { '200': { description: 'OK' }, ...errors, '404': { description: '不存在或不可见', ...json(ref('Error')) } },
        }),
      },
      '/statistics/reports/{id}/{format}': {
        get: op('下载已报送报告的 PDF 或 DOCX（最新版本）；尚未报送为 409', {
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['pdf', 'docx'] } },
          ],
          responses: { '200': { description: '文件' }, ...errors, '404': { description: '不存在或不可见', ...json(ref('Error')) }, '409': { description: '尚未报送', ...json(ref('Error')) } },
        }),
      },
      '/statistics/export': {
        get: op('向上报送的统计数据（docs/statistics-export.md）：单位或区域某期间的各项数据，区域另有汇总行；JSON 或 .xlsx', {
          parameters: [
            { name: 'scope', in: 'query', required: true, schema: { type: 'string', examples: ['agency:<单位 ID>', 'region:<政府或司法局 ID>'] } },
            { name: 'period', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{4}([Qq][1-4])?$' } },
            { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'xlsx'], default: 'json' } },
          ],
          responses: { '200': { description: 'OK' }, ...errors, '403': { description: '无权查看该单位或区域', ...json(ref('Error')) } },
        }),
      },
      // engine outbox (src/http/routes/engine-command-routes.ts)
      '/admin/engine-commands': {
        get: op('引擎发件箱中未解决的指令（管理）：已过期、被引擎拒绝、或超过 staleMinutes 仍待执行的', {
          parameters: [{ name: 'staleMinutes', in: 'query', schema: { type: 'integer', default: 60, minimum: 1 }, description: '待执行超过该分钟数即列出' }],
          responses: { '200': { description: 'OK', ...json({ type: 'array', items: ref('EngineCommand') }) }, ...errors },
        }),
      },
      // deadlines (src/http/routes/deadline-routes.ts)
      '/deadlines/compute': { post: op('计算单个期限', { responses: { '200': { description: 'OK', ...json(deadline) }, ...errors } }) },
      '/deadlines/compute-batch': { post: op('批量计算期限') },
      '/profiles': { get: op('规则配置（辖区）列表') },
      '/profiles/{id}/rules': { get: op('某辖区的规则', { parameters: [idParam('id', '规则配置 ID')] }) },
      '/calendar/years': { get: op('已收录节假日数据的年份') },
      '/cases/{id}/deadlines': { get: op('案件期限（台账）', { parameters: [idParam()] }) },
      '/cases/{id}/deadlines/recalculate': { post: op('重新计算案件期限', { parameters: [idParam()] }) },
      '/admin/calendar': { get: op('节假日管理页面（HTML）') },
      '/admin/calendar/years': { post: op('补录年度节假日安排') },
      '/admin/calendar/corrections': { post: op('更正节假日') },
      // documents (src/http/routes/document-routes.ts)
      '/cases/{caseId}/documents': {
        get: op('案卷文书列表', { parameters: [idParam('caseId')] }),
        post: op('起草案件文书（如延期开庭申请书）：按台账事实与起草内容生成 PDF 与 DOCX', {
          parameters: [idParam('caseId')],
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              required: ['kind'],
              properties: {
                kind: { type: 'string', description: '案件文书种类（不含年度报告、季度通报）' },
                data: { type: 'object', description: '起草内容；法院、案号、当事人、应诉机关取自台账，可覆盖' },
                formats: { type: 'array', items: { enum: ['pdf', 'docx'] } },
                requestId: { type: 'string', minLength: 8, description: '同一 requestId 重试时返回已生成的文书，不产生新版本' },
              },
            }),
          },
        }),
      },
      '/documents/{id}': { get: op('下载文书（PDF/DOCX）', { parameters: [idParam('id', '文书 ID')] }) },
      // notifications (src/http/routes/notification-routes.ts)
      '/notifications': { get: op('站内通知') },
      '/notifications/read-all': { post: op('全部标为已读') },
      '/notifications/{id}/read': { post: op('标为已读', { parameters: [idParam('id', '通知 ID')] }) },
      '/admin/notifications': { get: op('通知发件箱（管理）') },
      '/admin/notifications/{id}/retry': { post: op('重发失败的通知', { parameters: [idParam('id', '通知 ID')] }) },
      // the staff workspace (docs/workspace.md)
      '/home': { get: op('首页：我的待办（按期限先后）、本人范围内案件的预警（逾期 / 3日内到期 / 本周到期）、督办事项、未读通知') },
      '/tasks': { get: op('我的待办：本人角色的候选组（或本人已认领）且案件在本人范围内的任务，按期限先后') },
      '/tasks/{id}/claim': { post: op('认领任务（候选组成员、案件在范围内；他人已认领的 403）', { parameters: [idParam('id', '任务 ID')] }) },
      '/tasks/{id}/unclaim': { post: op('退回任务（取消认领；仅认领人）', { parameters: [idParam('id', '任务 ID')] }) },
      '/tasks/{id}/form': { get: op('任务的表单（Camunda Form）与预填变量（列表、对象已解析）', { parameters: [idParam('id', '任务 ID')] }) },
      '/cases/{id}/diagram': { get: op('案件各流程实例的 BPMN 图、当前所在步骤与 Cockpit 链接', { parameters: [idParam()] }) },
      '/admin/notification-channels': { get: op('各单位的通知渠道设置（密钥只显示是否已设置）') },
      '/admin/notification-channels/agencies/{agencyId}/{channel}': { put: op('单位的通知渠道设置', { parameters: [idParam('agencyId', '单位 ID'), idParam('channel', '渠道')] }) },
      '/admin/notification-channels/people/{personId}/{channel}': { put: op('个人的通知渠道设置', { parameters: [idParam('personId', '人员 ID'), idParam('channel', '渠道')] }) },
      // security (issue 13 §1, docs/security.md)
      '/session': {
        post: op('登录（登录名 + 密码）：返回用户与 CSRF 令牌并设置会话 Cookie；失败 401，过多失败 429（Retry-After）', {
          security: [],
          requestBody: json({ type: 'object', required: ['login', 'password'], properties: { login: { type: 'string' }, password: { type: 'string' } } }),
          responses: { '200': { description: 'OK', ...json(ref('SessionInfo')) }, '401': { description: '登录名或密码不正确', ...json(ref('Error')) }, '429': { description: '登录失败次数过多', ...json(ref('Error')) } },
        }),
        get: op('当前用户与 CSRF 令牌', { responses: { '200': { description: 'OK', ...json(ref('SessionInfo')) } } }),
        delete: op('退出登录（本会话）', { responses: { '204': { description: 'No Content' } } }),
      },
      '/sessions': { delete: op('在所有设备上退出登录') },
      '/session/password': {
        post: op('修改本人密码（新密码至少 10 位）；其他会话随之结束', {
          requestBody: json({ type: 'object', required: ['currentPassword', 'newPassword'], properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string', minLength: 10 } } }),
        }),
      },
      '/tokens': {
        get: op('API 令牌列表（本人的；管理员可用 personId 查看他人的）', { parameters: [{ name: 'personId', in: 'query', schema: { type: 'string', format: 'uuid' } }] }),
        post: op('新建 API 令牌：令牌明文只在此应答中出现一次', {
          requestBody: json({ type: 'object', required: ['name'], properties: { name: { type: 'string' }, expiresInDays: { type: 'integer', minimum: 1, maximum: 3650 }, personId: { type: 'string', format: 'uuid', description: '仅管理员：为他人新建' } } }),
          responses: { '201': { description: 'Created（含 token）' }, ...errors },
        }),
      },
      '/tokens/{id}': { delete: op('撤销 API 令牌（本人的；管理员可撤销任何人的）', { parameters: [idParam('id', '令牌 ID')] }) },
      '/admin/accounts': {
        get: op('用户与账号列表（管理员：全部；司法局：本辖区，只读）', {
          parameters: ['agencyId', 'q', 'status', 'limit', 'offset'].map((name) => ({ name, in: 'query', schema: { type: ['limit', 'offset'].includes(name) ? 'integer' : 'string' } })),
        }),
        post: op('创建账号（已有人员 personId，或新人员 name/post/agencyId）；未给 password 时生成一个，只在此应答中出现一次；首次登录须修改', {
          requestBody: json({
            type: 'object',
            required: ['login'],
            properties: {
              personId: { type: 'string', format: 'uuid' },
              name: { type: 'string' },
              post: { type: 'string' },
              agencyId: { type: 'string', format: 'uuid' },
              email: { type: 'string' },
              login: { type: 'string' },
              password: { type: 'string', minLength: 10 },
              roles: { type: 'array', items: { type: 'object', required: ['role'], properties: { role: { type: 'string' }, agencyId: { type: 'string', format: 'uuid' } } } },
            },
          }),
          responses: { '201': { description: 'Created（生成的密码在 password 中）' }, ...errors },
        }),
      },
      '/admin/accounts/{personId}': { get: op('一个人员的账号', { parameters: [idParam('personId', '人员 ID')] }) },
      '/admin/accounts/{personId}/roles': {
        put: op('设置角色（每个角色所在机关）；不能移除最后一个管理员', {
          parameters: [idParam('personId', '人员 ID')],
          requestBody: json({ type: 'object', required: ['roles'], properties: { roles: { type: 'array', items: { type: 'object', properties: { role: { type: 'string' }, agencyId: { type: 'string', format: 'uuid' } } } } } }),
        }),
      },
      '/admin/accounts/{personId}/disable': { post: op('停用账号：会话结束、API 令牌撤销、流程引擎用户删除；不能停用自己或最后一个管理员', { parameters: [idParam('personId', '人员 ID')] }) },
      '/admin/accounts/{personId}/enable': { post: op('启用账号（下次登录须修改密码）', { parameters: [idParam('personId', '人员 ID')] }) },
      '/admin/accounts/{personId}/password': {
        post: op('重置密码：下次登录须修改，会话结束；未给 password 时生成一个，只在此应答中出现一次', {
          parameters: [idParam('personId', '人员 ID')],
          requestBody: json({ type: 'object', properties: { password: { type: 'string', minLength: 10 } } }),
        }),
      },
      '/admin/audit': {
        get: op('审计日志检索（管理员：全部；司法局：本辖区）', {
          parameters: ['personId', 'login', 'action', 'caseId', 'from', 'to', 'limit', 'offset'].map((name) => ({ name, in: 'query', schema: { type: ['limit', 'offset'].includes(name) ? 'integer' : 'string' } })),
        }),
      },
    },
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'API 令牌（yst_…），以其所属用户的角色与范围执行' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'yingsu_session', description: '浏览器会话；POST/PUT/PATCH/DELETE 须带 X-CSRF-Token 请求头' },
      },
      schemas: {
        LedgerPage: {
          type: 'object',
          properties: {
            items: { type: 'array', items: ref('LedgerItem') },
            total: { type: 'integer' },
            limit: { type: 'integer' },
            offset: { type: 'integer' },
          },
        },
        LedgerItem: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            caseNumber: { type: 'string' },
            agencyId: { type: 'string' },
            agencyName: { type: 'string' },
            profile: { type: 'string' },
            court: { type: 'string' },
            level: { enum: ['first', 'second', 'retrial'] },
            cause: { type: 'string' },
            stage: { type: 'string' },
            stageLabel: { type: 'string' },
            status: { type: 'string' },
            plaintiffNames: { type: 'array', items: { type: 'string' } },
            complaintReceivedOn: isoDate,
            nextDeadline: { type: ['object', 'null'], properties: { ruleId: { type: 'string' }, label: { type: 'string' }, dueOn: isoDate } },
            warning: { enum: ['overdue', 'due-3d', 'due-week', null], description: '逾期 / 3日内到期（今天起至第3个工作日）/ 本周到期（至本周日）' },
            enterpriseRelated: { type: 'boolean' },
            outcome: { enum: ['won', 'lost', 'partly-lost', null] },
          },
        },
        CourtPaperExtraction: {
          type: 'object',
          properties: {
            fields: {
              type: 'object',
              properties: {
                caseNumber: { type: 'string' },
                court: { type: 'string' },
                plaintiffs: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, type: { enum: ['person', 'enterprise', 'organization'] } } } },
                defendant: { type: 'string' },
                cause: { type: 'string' },
                servedOn: isoDate,
                issuedOn: isoDate,
                actDescription: { type: 'string' },
                answerWithinDays: { type: 'integer' },
              },
            },
            sources: { type: 'array', items: { type: 'object', properties: { fileName: { type: 'string' }, kind: { enum: ['notice', 'complaint', 'unknown'] }, textLength: { type: 'integer' } } } },
          },
        },
        ImportProgress: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            fileName: { type: 'string' },
            status: { enum: ['importing', 'done', 'invalid', 'failed'] },
            total: { type: 'integer' },
            processed: { type: 'integer' },
            errors: { type: 'array', items: { type: 'object', properties: { row: { type: 'integer' }, column: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } } } },
            caseIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
          },
        },
        SessionInfo: {
          type: 'object',
          properties: {
            user: {
              type: 'object',
              properties: { personId: { type: 'string' }, login: { type: 'string' }, name: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, agencyId: { type: 'string' }, agencyName: { type: 'string' }, mustChangePassword: { type: 'boolean' } },
            },
            csrfToken: { type: ['string', 'null'], description: '会话的 CSRF 令牌（API 令牌登录时为 null）' },
          },
        },
        EngineCommand: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            kind: { enum: ['start-instance', 'correlate-message'] },
            status: { enum: ['pending', 'done', 'expired', 'failed'] },
            caseId: { type: ['string', 'null'] },
            caseEventId: { type: ['string', 'null'] },
            businessKey: { type: 'string' },
            processKey: { type: ['string', 'null'] },
            messageName: { type: ['string', 'null'] },
            variables: { type: 'object' },
            attempts: { type: 'integer' },
            lastError: { type: ['string', 'null'] },
            nextAttemptAt: { type: 'string', format: 'date-time' },
            expiresAt: { type: ['string', 'null'], format: 'date-time' },
            createdAt: { type: 'string', format: 'date-time' },
            doneAt: { type: ['string', 'null'], format: 'date-time' },
          },
        },
        Error: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } } } } } },
        Agency: { type: 'object', properties: { id: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, level: { type: 'string' }, profile: { enum: ['national', 'yantai', 'hunan', 'liaocheng', 'tengzhou', 'jinghai'] }, parentId: { type: ['string', 'null'] } } },
        NewCase: {
          type: 'object',
          required: ['agencyId', 'caseNumber', 'court', 'level', 'cause', 'actUnderSuit', 'reconsideration', 'plaintiffs', 'plaintiffCount', 'complaintReceivedOn'],
          properties: {
            agencyId: { type: 'string', format: 'uuid' },
            caseNumber: { type: 'string', examples: ['（2026）鲁1502行初15号'] },
            court: { type: 'string' },
            level: { enum: ['first', 'second', 'retrial'] },
            cause: { type: 'string' },
            actUnderSuit: { type: 'object', required: ['description', 'madeByAgencyId'], properties: { description: { type: 'string' }, madeByAgencyId: { type: 'string', format: 'uuid' } } },
            reconsideration: { type: 'object', required: ['status'], properties: { status: { enum: ['none', 'organ-sole-defendant', 'organ-co-defendant'] }, organAgencyId: { type: 'string', format: 'uuid' } } },
            plaintiffs: { type: 'array', minItems: 1, items: party },
            plaintiffCount: { type: 'integer', minimum: 1 },
            thirdParties: { type: 'array', items: party },
            claimAmount: { type: ['number', 'null'], description: '元' },
            flags: { type: 'object', properties: Object.fromEntries(['majorPublicInterest', 'highAttention', 'massIncidentRisk', 'procuratorate', 'majorComplex'].map((k) => [k, { type: 'boolean' }])) },
            complaintReceivedOn: isoDate,
            coDefendantAgencyIds: { type: 'array', items: { type: 'string', format: 'uuid' }, description: '一并被诉的其他部门（A10）' },
            leadAgencyId: { type: 'string', format: 'uuid', description: '多个部门共同被告时的牵头单位' },
          },
        },
        CaseEvent: {
          oneOf: [
            { type: 'object', required: ['type', 'outcome'], properties: { type: { const: 'settlement-outcome' }, outcome: { enum: ['settled', 'withdrawn', 'failed'] } } },
            { type: 'object', required: ['type', 'on'], properties: { type: { const: 'withdrawn' }, on: isoDate } },
            { type: 'object', required: ['type', 'hearingAt'], properties: { type: { const: 'hearing-moved' }, hearingAt: { type: 'string', format: 'date-time' } } },
            { type: 'object', required: ['type', 'hearingAt'], properties: { type: { const: 'hearing-scheduled' }, hearingAt: { type: 'string', format: 'date-time' }, courtNotice: { type: 'object', properties: { principalHeadRequired: { type: 'boolean' }, headRequired: { type: 'boolean' } } } } },
            { type: 'object', required: ['type'], properties: { type: { const: 'head-appearance-notice' }, principalHeadRequired: { type: 'boolean' } } },
            {
              type: 'object',
              required: ['type', 'kind', 'outcome', 'servedOn'],
              description: '裁判文书送达：servedOn 为本机关收到之日；parties 为其他当事人及各自的送达日期（未知填 null），各方上诉期自各自收到之日起计算，均届满的次日生效（行政诉讼法第八十五条）。',
              properties: {
                type: { const: 'judgment-served' },
                kind: { enum: ['judgment', 'ruling', 'mediation'] },
                outcome: { enum: ['won', 'lost', 'partly-lost'] },
                servedOn: isoDate,
                parties: { type: 'array', default: [], items: ref('ServedParty') },
              },
            },
            { type: 'object', required: ['type', 'name', 'role', 'servedOn'], description: '向其他当事人送达（或补录其送达日期）：上诉期内生效日随之重新计算', properties: { type: { const: 'judgment-served-to-party' }, name: { type: 'string' }, role: { enum: ['plaintiff', 'defendant', 'third-party'] }, servedOn: isoDate } },
            { type: 'object', required: ['type', 'effectiveOn'], description: '人民法院出具的生效证明：以其载明之日为生效日（confirmed）', properties: { type: { const: 'judgment-effective' }, effectiveOn: isoDate } },
            { type: 'object', required: ['type', 'by', 'on'], properties: { type: { const: 'appeal-filed' }, by: { enum: ['plaintiff', 'agency'] }, on: isoDate } },
            { type: 'object', required: ['type', 'on'], description: '上诉状副本送达：二审答辩期限自此起算（须已记录原告上诉）', properties: { type: { const: 'appeal-copy-served' }, on: isoDate } },
            { type: 'object', required: ['type', 'on'], description: '再审申请书副本送达：启动再审流程（裁判生效后，包括归档后）', properties: { type: { const: 'retrial-petition-served' }, on: isoDate, by: { enum: ['plaintiff', 'procuratorate', 'court'], default: 'plaintiff' } } },
            {
              type: 'object',
              required: ['type', 'receivedOn'],
              description: '司法建议书（kind judicial）或规范性文件处理建议书（kind normative-document）送达：启动建议办理流程（任何阶段，包括归档后）；replyWithinDays 为建议书确定的回复天数，优先于规则配置的期限',
              properties: {
                type: { const: 'judicial-recommendation' },
                kind: { enum: ['judicial', 'normative-document'], default: 'judicial' },
                receivedOn: isoDate,
                replyWithinDays: { type: 'integer', minimum: 1, maximum: 3650 },
                issuer: { type: 'string', maxLength: 100, description: '发出建议的人民法院（缺省为本案法院）' },
              },
            },
            {
              type: 'object',
              required: ['type', 'receivedOn', 'issuer'],
              description: '检察建议书送达：启动建议办理流程（任何阶段，包括归档后）；回复函致发出建议的人民检察院',
              properties: {
                type: { const: 'procuratorial-recommendation' },
                receivedOn: isoDate,
                replyWithinDays: { type: 'integer', minimum: 1, maximum: 3650 },
                issuer: { type: 'string', maxLength: 100, description: '发出检察建议的人民检察院' },
              },
            },
            {
              type: 'object',
              required: ['type', 'organizedBy', 'at', 'place', 'departments'],
              description: '现场调查、协调会（聊城市办法第十三条第三款）：人民法院组织现场调查（organizedBy court）或应诉承办单位召集协调会、赴现场调查（agency），审理中；每个有关部门、单位一项通知与协调任务，到期时刻为 at',
              properties: {
                type: { const: 'site-investigation' },
                organizedBy: { enum: ['court', 'agency'] },
                at: { type: 'string', format: 'date-time' },
                place: { type: 'string', maxLength: 200 },
                departments: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', maxLength: 100 }, description: '需要配合的有关部门、单位' },
              },
            },
            {
              type: 'object',
              required: ['type', 'on', 'summary', 'reportDueOn'],
              description: '涉案舆情（聊城市办法第四十八条）：启动舆情处置情况报告流程（任何阶段，包括归档后），法制机构在 reportDueOn 前向本级人民政府报告处置情况',
              properties: {
                type: { const: 'public-opinion-incident' },
                on: isoDate,
                summary: { type: 'string', maxLength: 2000, description: '舆情概况' },
                reportDueOn: { ...isoDate, description: '本级人民政府规定的报告期限（不早于 on）' },
              },
            },
          ],
          discriminator: { propertyName: 'type' },
          description: `type: ${CASE_EVENT_TYPES.join(', ')}`,
        },
        ServedParty: {
          type: 'object',
          required: ['name', 'role'],
          properties: { name: { type: 'string' }, role: { enum: ['plaintiff', 'defendant', 'third-party'] }, servedOn: { anyOf: [isoDate, { type: 'null' }], description: '该当事人收到裁判文书之日；null：尚不清楚' } },
        },
        CaseView: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            caseNumber: { type: 'string' },
            stage: { type: 'string' },
            status: { enum: ['open', 'settled', 'withdrawn', 'closed'] },
            settlementStatus: { type: 'string' },
            respondingUnits: { type: 'array', items: { type: 'object', properties: { agencyId: { type: 'string' }, agencyName: { type: 'string' }, role: { type: 'string' }, defends: { enum: ['whole-case', 'original-act', 'reconsideration', 'assist'] }, explanation: { type: 'string' }, designatedOffice: { type: ['object', 'null'], description: 'A09: the responding office a town / street office named itself', properties: { name: { type: 'string' }, handler: { type: ['string', 'null'] }, designatedOn: { type: 'string', format: 'date' } } } } } },
            deadlines: { type: 'array', items: { ...deadline, properties: { ...deadline.properties, triggerKey: { type: 'string', description: '起算事件，一条规则多次起算时区分各期限（如 answerSubmittedOn、hearingAt:first）' } } } },
            headAppearance: { type: ['object', 'null'], description: '第二部分填写 {required: head | principal-head, reasons}' },
            documents: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, kind: { type: 'string' }, version: { type: 'integer' } } } },
            reports: { type: 'array', description: '报司法局备案和重大案件报告的记录（kind、timing：after-receipt / before-answer / after-answer / after-hearing / after-judgment / on-identification、dueOn、filedOn）', items: { type: 'object' } },
            hearings: { type: 'array', items: { type: 'object' } },
            recommendations: {
              type: 'array',
              description: '收到的司法建议、检察建议、规范性文件处理建议书，每份各有回复期限、回复函与状态（open 待回复 / replied 已回复；overdue：回复期限已过仍未回复）',
              items: {
                type: 'object',
                properties: {
                  key: { type: 'string' },
                  kind: { enum: ['judicial', 'procuratorial', 'normative-document'] },
                  name: { type: 'string' },
                  issuer: { type: ['string', 'null'] },
                  receivedOn: isoDate,
                  replyWithinDays: { type: ['integer', 'null'] },
                  replyDue: { anyOf: [isoDate, { type: 'null' }] },
                  status: { enum: ['open', 'replied'] },
                  statusLabel: { type: 'string' },
                  overdue: { type: 'boolean' },
                  repliedOn: { anyOf: [isoDate, { type: 'null' }] },
                  replyDocumentId: { type: ['string', 'null'] },
                },
              },
            },
            judgment: {
              type: ['object', 'null'],
              description: '最近一份裁判文书及其生效日：effectiveStatus estimated（有当事人送达日期不明，按已知日期推算）或 confirmed（送达日期均已知，或法院出具生效证明）；已上诉时 effectiveOn 为 null',
              properties: {
                kind: { enum: ['judgment', 'ruling', 'mediation'] },
                outcome: { enum: ['won', 'lost', 'partly-lost'] },
                level: { enum: ['first', 'second', 'retrial'] },
                servedOn: isoDate,
                appealable: { type: 'boolean' },
                appealed: { type: 'boolean' },
                effectiveOn: { anyOf: [isoDate, { type: 'null' }] },
                effectiveStatus: { enum: ['estimated', 'confirmed', null] },
                effectiveReason: { type: 'object', properties: { text: { type: 'string' }, source: { type: 'string' } } },
                unservedParties: { type: 'array', items: { type: 'string' } },
                parties: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, role: { type: 'string' }, agency: { type: 'boolean' }, servedOn: { anyOf: [isoDate, { type: 'null' }] }, appealDue: { anyOf: [isoDate, { type: 'null' }] } } } },
              },
            },
            events: { type: 'array', items: { type: 'object' } },
          },
        },
        Task: {
          type: 'object',
          properties: {
            key: { type: 'string', description: '引擎的任务 ID（字符串）' },
            name: { type: 'string' },
            formId: { type: ['string', 'null'] },
            elementId: { type: 'string' },
            assignee: { type: ['string', 'null'] },
            candidateGroups: { type: 'array', items: { type: 'string' } },
            due: { type: ['string', 'null'], description: 'ISO 8601，+08:00' },
            processInstanceKey: { type: 'string' },
            bpmnProcessId: { type: 'string' },
            createdAt: { type: ['string', 'null'] },
          },
        },
      },
    },
  };
}
