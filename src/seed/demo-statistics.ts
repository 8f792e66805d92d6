// Statistics data for the demo region (示例市): a generated ledger's national-profile city, its cases
// moved onto the demo agencies (the city government → 示例市人民政府, its justice bureaus → 示例市司法局,
// the departments and counties in turn → the three demo departments) and its courts renamed 示例市…, so
// the 统计分析 dashboard of the demo region's justice bureau has realistic numbers. Used by the
// dashboard's browser test and by `npm run demo:statistics`.
import type { Db } from '../db/database.ts';
import { agencySubtree } from '../process-engine/engine-directory.ts';
import { generateLedger, type GeneratedLedger, type GeneratorOptions } from '../statistics/ledger-generator.ts';

const DEMO_DEPARTMENTS = ['demo-dept', 'demo-market', 'demo-hrss'];

/** The generated ledger's national city, re-homed on the demo agencies (by code → id); no agency rows of its own. */
export function ontoDemoRegion(generated: GeneratedLedger, idByCode: ReadonlyMap<string, string>): GeneratedLedger {
  const need = (code: string) => {
    const id = idByCode.get(code);
    if (!id) throw new Error(`the demo region has no agency ${code}: run npm run seed first`);
    return id;
  };
  const subtree = agencySubtree(generated.agencies.map((a) => ({ id: a.id, parent_id: a.parentId })));
  const city = generated.agencies.find((a) => a.parentId === generated.provinceId && a.kind === 'government' && a.profile === 'national')!;
  const departments = DEMO_DEPARTMENTS.map(need);
  const target = new Map<string, string>();
  let n = 0;
  for (const id of subtree(city.id)) {
    const a = generated.agencies.find((x) => x.id === id)!;
    target.set(id, a.id === city.id ? need('demo-gov') : a.kind === 'justice-bureau' ? need('demo-justice') : departments[n++ % departments.length]!);
  }
  const cases = generated.rows.cases
    .filter((c) => target.has(c.agency_id as string))
    .map((c): Record<string, unknown> => ({ ...c, agency_id: target.get(c.agency_id as string), court: String(c.court).replace(/^生成\d市/, '示例市') }));
  const caseIds = new Set(cases.map((c) => c.id as string));
  const mine = <T extends Record<string, unknown>>(rows: T[]) => rows.filter((r) => caseIds.has(r.case_id as string));
  return {
    ...generated,
    rows: {
      agencies: [],
      cases,
      case_parties: mine(generated.rows.case_parties),
      case_judgments: mine(generated.rows.case_judgments).map((j) => ({ ...j, agency_id: target.get(j.agency_id as string) })),
      case_events: mine(generated.rows.case_events),
      case_deadlines: mine(generated.rows.case_deadlines),
      case_answers: mine(generated.rows.case_answers),
    },
  };
}

/** Generates a province ledger and keeps its national city on the demo region (about a sixth of `cases`). */
export async function demoStatisticsLedger(db: Db, options: GeneratorOptions): Promise<GeneratedLedger> {
  const idByCode = new Map((await db('agencies').select('id', 'code')).map((a) => [a.code as string, a.id as string]));
  return ontoDemoRegion(generateLedger(options), idByCode);
}
