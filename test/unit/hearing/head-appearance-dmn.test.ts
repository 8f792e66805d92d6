// The DMN table processes/head-appearance.dmn and the TypeScript rules must not drift apart: every
// Liaocheng principal-head rule is a DMN rule with the same id and source, and both give the same
// reasons on the same facts (FEEL evaluated by feelin; the engine-level check comes with the diagrams).
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { decideHeadAppearance, LIAOCHENG_PRINCIPAL_HEAD_RULES, liaochengPrincipalHeadReasons, type AppearanceFacts } from '../../../src/hearing/head-appearance.ts';
import { evaluateCollect, readDecisionTable, type DmnDecisionTable } from '../../helpers/dmn-table.ts';

const DMN = path.join(projectRoot, 'processes', 'head-appearance.dmn');
let table: DmnDecisionTable;

beforeAll(async () => {
  table = await readDecisionTable(DMN, 'head-appearance-principal');
});

describe('processes/head-appearance.dmn (parsed with dmn-moddle)', () => {
  it('parses without warnings, targets Camunda 8.6, has DI, Chinese labels and a collecting hit policy', () => {
    expect(table.warnings).toEqual([]);
    expect(table.attributes['modeler:executionPlatform']).toBe('Camunda Cloud');
    expect(table.attributes['modeler:executionPlatformVersion']).toBe('8.6.0');
    expect(table.shapes).toContain('head-appearance-principal');
    expect(['COLLECT', 'RULE ORDER']).toContain(table.hitPolicy);
    expect(table.decisionName).toMatch(/[\u4e00-\u9fa5]/);
    for (const i of table.inputs) {
      expect(i.label).toMatch(/[\u4e00-\u9fa5]/);
      expect(i.expression.length).toBeGreaterThan(0);
    }
    expect(table.outputs.map((o) => o.name)).toEqual(['reasonCode', 'reasonText', 'source', 'required']);
  });

  it('has exactly one rule per Liaocheng case, with the same id, code and source as the TypeScript rule', () => {
    expect(table.rules.map((r) => r.id).sort()).toEqual([...LIAOCHENG_PRINCIPAL_HEAD_RULES].sort());
    const all = liaochengPrincipalHeadReasons({
      headAppearanceProfile: 'liaocheng',
      plaintiffCount: 11,
      claimAmount: 10_000_001,
      organisationPlaintiffCount: 2,
      majorEnforcementImpact: true,
      majorPublicInterest: true,
      highAttention: true,
      massIncidentRisk: true,
      procuratorate: true,
      justiceBureauRequiresPrincipalHead: true,
      courtNoticePrincipalHead: true,
      otherPrincipalHeadReason: '涉及全市重点工程',
    });
    expect(all.map((r) => r.code)).toEqual([...LIAOCHENG_PRINCIPAL_HEAD_RULES]);
    for (const r of all) {
      const rule = table.rules.find((d) => d.id === r.code)!;
      expect(JSON.parse(rule.outputEntries[0]!)).toBe(r.code);
      expect(JSON.parse(rule.outputEntries[2]!)).toBe(r.source);
      expect(rule.description).toBe(r.source);
      expect(JSON.parse(rule.outputEntries[3]!)).toBe('principal-head');
    }
  });

  const base = { profile: 'liaocheng', decisionDate: '2026-03-10' };
  const cases: [string, AppearanceFacts][] = [
    ['12 plaintiffs, ¥15,000,000', { ...base, plaintiffCount: 12, claimAmount: 15_000_000 }],
    ['exactly 10 plaintiffs', { ...base, plaintiffCount: 10, claimAmount: 15_000_000 }],
    ['exactly ¥10,000,000', { ...base, plaintiffCount: 12, claimAmount: 10_000_000 }],
    ['no amount', { ...base, plaintiffCount: 30 }],
    ['two enterprises', { ...base, plaintiffs: [{ type: 'enterprise' }, { type: 'enterprise' }, { type: 'person' }] }],
    ['one enterprise, one organisation', { ...base, plaintiffs: [{ type: 'enterprise' }, { type: 'organization' }] }],
    ['one enterprise', { ...base, plaintiffs: [{ type: 'enterprise' }, { type: 'person' }] }],
    ['public interest + attention', { ...base, flags: { majorPublicInterest: true, highAttention: true } }],
    ['mass incident, procuratorate', { ...base, flags: { massIncidentRisk: true, procuratorate: true } }],
    ['justice bureau + enforcement impact', { ...base, flags: { justiceBureauRequiresPrincipalHead: true, majorEnforcementImpact: true } }],
    ['court notice', { ...base, courtNoticePrincipalHead: true }],
    ['other reason', { ...base, otherPrincipalHeadReason: '上级督办案件' }],
    ['blank other reason', { ...base, otherPrincipalHeadReason: '   ' }],
    ['nothing', { ...base, plaintiffCount: 1, claimAmount: 5000 }],
    ['Liaocheng expired (2027-02-01)', { ...base, decisionDate: '2027-02-01', plaintiffCount: 12, claimAmount: 15_000_000 }],
    ['another profile', { ...base, profile: 'hunan', plaintiffCount: 12, claimAmount: 15_000_000, flags: { highAttention: true } }],
  ];
  it.each(cases)('gives the same principal-head reasons as the TypeScript rules: %s', (_name, facts) => {
    const decision = decideHeadAppearance(facts);
    const fromTs = decision.reasons.filter((r) => r.code.startsWith('lc-principal-')).map((r) => r.code);
    const fromDmn = evaluateCollect(table, { ...decision.dmnInputs });
    expect(fromDmn.map((m) => m.ruleId)).toEqual(fromTs);
    expect(fromDmn.map((m) => m.output.reasonCode)).toEqual(fromTs);
    expect(decision.required).toBe(fromTs.length ? 'principal-head' : 'head');
  });

  it('treats missing variables as 0 / false (null-safe input expressions)', () => {
    expect(evaluateCollect(table, { headAppearanceProfile: 'liaocheng' })).toEqual([]);
    expect(evaluateCollect(table, { headAppearanceProfile: 'liaocheng', highAttention: true }).map((m) => m.ruleId)).toEqual(['lc-principal-high-attention']);
  });
});
