// The obligations register stays true: every catalogue id has an entry, the evidence it names
// exists (files, and test titles inside their test files), and docs/obligations.md is what the
// generator makes of the register today.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderObligationsTable, OUTPUT } from '../../scripts/obligations-table.ts';
import { CATALOG_IDS, OBLIGATIONS, obligationStatus, profileFilesByCatalogId, profileRulesByCatalogId, testFile, testTitle, type Obligation } from '../../src/policy-sources/obligations.ts';

const ROOT = new URL('../../', import.meta.url);
const path = (p: string) => new URL(p, ROOT);
const read = (p: string) => readFileSync(path(p), 'utf8');

describe('obligations register (义务清单)', () => {
  it('has one entry per catalogue id A01 … H14, in catalogue order', () => {
    expect(CATALOG_IDS).toHaveLength(80);
    expect(CATALOG_IDS.slice(0, 2)).toEqual(['A01', 'A02']);
    expect(CATALOG_IDS.at(-1)).toBe('H14');
    expect(OBLIGATIONS.map((o) => o.id)).toEqual(CATALOG_IDS);
  });

  it('every entry has a Chinese title, an English gist and at least one source', () => {
    for (const o of OBLIGATIONS) {
      expect(o.title, o.id).toMatch(/[\u4e00-\u9fa5]/);
      expect(o.gist.length, o.id).toBeGreaterThan(10);
      expect(o.sources.length, o.id).toBeGreaterThan(0);
      for (const c of o.sources) expect(c.article, o.id).toBeTruthy();
    }
  });

  it('an out-of-scope entry names no evidence; a tested entry names its code', () => {
    for (const o of OBLIGATIONS) {
      if (o.outOfScope) expect([o.id, o.code ?? [], o.tests ?? []]).toEqual([o.id, [], []]);
      if ((o.tests ?? []).length) expect((o.code ?? []).length, o.id).toBeGreaterThan(0);
    }
  });

  it('every code path exists', () => {
    const missing = OBLIGATIONS.flatMap((o) => (o.code ?? []).filter((p) => !existsSync(path(p))).map((p) => `${o.id}: ${p}`));
    expect(missing).toEqual([]);
  });

  it('every test reference names an existing test file whose text contains the title', () => {
    const broken: string[] = [];
    for (const o of OBLIGATIONS) {
      for (const ref of o.tests ?? []) {
        const file = testFile(ref);
        const title = testTitle(ref);
        if (!/^test\/(unit|db|engine|integration)\/.+\.test\.ts$/.test(file) || !title) broken.push(`${o.id}: malformed '${ref}'`);
        else if (!existsSync(path(file))) broken.push(`${o.id}: no file ${file}`);
        else if (!read(file).includes(title)) broken.push(`${o.id}: '${title}' is not in ${file}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('a rule of a profile file (profiles/*.yaml) names a catalogue id whose entry lists that file (or is out of scope)', () => {
    const byId = new Map(OBLIGATIONS.map((o) => [o.id, o]));
    const rules = profileRulesByCatalogId();
    expect(rules.get('A02')).toEqual(['registration (liaocheng)']);
    const files = profileFilesByCatalogId();
    expect(files.get('D05')).toEqual(['profiles/yantai.yaml', 'profiles/liaocheng.yaml', 'profiles/tengzhou.yaml']);
    const wrong = [...rules].flatMap(([id, names]) => {
      const o = byId.get(id);
      if (!o) return [`${names.join(', ')}: unknown catalogue id ${id}`];
      if (o.outOfScope) return [];
      return (files.get(id) ?? []).filter((f) => !(o.code ?? []).includes(f)).map((f) => `${id}: add ${f} to its code (${names.join(', ')})`);
    });
    expect(wrong).toEqual([]);
  });

  it('derives the status from the evidence', () => {
    const base: Obligation = { id: 'X01', title: '示例', gist: 'an example obligation', sources: [] };
    expect(obligationStatus(base)).toBe('missing');
    expect(obligationStatus({ ...base, code: ['src/a.ts'] })).toBe('data-only');
    expect(obligationStatus({ ...base, code: ['src/a.ts'], tests: ['test/unit/a.test.ts > x', 'test/db/b.test.ts > y'] })).toBe('no-engine');
    expect(obligationStatus({ ...base, code: ['src/a.ts'], tests: ['test/unit/a.test.ts > x', 'test/integration/c.test.ts > z'] })).toBe('engine');
    expect(obligationStatus({ ...base, code: ['src/a.ts'], tests: ['test/engine/d.test.ts > w'] })).toBe('engine');
    expect(obligationStatus({ ...base, outOfScope: 'why' })).toBe('out-of-scope');
  });
});

describe(`${OUTPUT}`, () => {
  it('equals what `npm run docs:obligations` generates from the register now', () => {
    expect(read(OUTPUT), 'run `npm run docs:obligations` and commit docs/obligations.md').toBe(renderObligationsTable());
  });

  it('has one row per obligation, and a summary that adds up', () => {
    const doc = renderObligationsTable();
    for (const id of CATALOG_IDS) expect(doc).toContain(`| ${id} | `);
    const all = doc.split('\n').find((l) => l.startsWith('| **all** |'))!;
    expect(all.trim().endsWith('| 80 |')).toBe(true);
  });
});
