// Demo region: a city government (national profile) with its justice bureau and departments, and
// one government + justice bureau + department in each of the five seed jurisdictions, so every
// rule profile can be exercised through the API and the UI. People carry the roles that user-task
// candidate groups use. Loaded by `npm run seed`, and by `npm start` when the ledger is empty.
import type { Db } from '../db/database.ts';

interface SeedPerson {
  code: string;
  name: string;
  post: string;
  kind: 'staff' | 'lawyer' | 'part-time-adviser' | 'head';
  roles: string[];
  inChargeOf?: string;
}

interface SeedAgency {
  code: string;
  name: string;
  kind: 'government' | 'department' | 'justice-bureau';
  level: 'province' | 'city' | 'county';
  profile: string;
  parent?: string;
  address: string;
  people: SeedPerson[];
}

function departmentPeople(prefix: string, surnames: [string, string, string, string, string, string]): SeedPerson[] {
  const [a, b, c, d, e, f] = surnames;
  return [
    { code: `${prefix}-head`, name: `${a}志强`, post: '局长', kind: 'head', roles: ['principal-head'] },
    { code: `${prefix}-deputy`, name: `${b}建国`, post: '副局长', kind: 'head', roles: ['deputy-head'], inChargeOf: '法治建设、行政应诉' },
    { code: `${prefix}-legal`, name: `${c}晓燕`, post: '法规科科长', kind: 'staff', roles: ['legal-affairs', 'handler'] },
    { code: `${prefix}-handler`, name: `${d}海涛`, post: '业务科科员', kind: 'staff', roles: ['handler'] },
    { code: `${prefix}-clerk`, name: `${e}丽`, post: '办公室科员', kind: 'staff', roles: ['clerk'] },
    { code: `${prefix}-counsel`, name: `${f}明`, post: '法律顾问（律师）', kind: 'lawyer', roles: ['legal-counsel'] },
  ];
}

function jurisdiction(key: string, profile: string, government: string, level: 'province' | 'city' | 'county', department: string, address: string, surnames: [string, string, string, string, string, string]): SeedAgency[] {
  return [
    {
      code: `${key}-gov`, name: government, kind: 'government', level, profile, address,
      people: [{ code: `${key}-gov-head`, name: `${surnames[0]}国华`, post: level === 'province' ? '省长' : level === 'city' ? '市长' : '区长', kind: 'head', roles: ['principal-head'] }],
    },
    {
      code: `${key}-justice`, name: `${government.replace(/人民政府$/, '')}司法${level === 'province' ? '厅' : '局'}`, kind: 'justice-bureau', level, profile, parent: `${key}-gov`, address,
      people: [{ code: `${key}-justice-staff`, name: `${surnames[1]}文静`, post: '行政应诉科科长', kind: 'staff', roles: ['justice-bureau'] }],
    },
    { code: `${key}-dept`, name: department, kind: 'department', level, profile, parent: `${key}-gov`, address, people: departmentPeople(`${key}-dept`, surnames) },
  ];
}

export const demoRegion: SeedAgency[] = [
  ...jurisdiction('demo', 'national', '示例市人民政府', 'city', '示例市自然资源和规划局', '示例市人民路1号', ['王', '李', '张', '刘', '陈', '杨']),
  {
    code: 'demo-market', name: '示例市市场监督管理局', kind: 'department', level: 'city', profile: 'national', parent: 'demo-gov', address: '示例市人民路18号',
    people: departmentPeople('demo-market', ['赵', '黄', '周', '吴', '徐', '孙']),
  },
  {
    code: 'demo-hrss', name: '示例市人力资源和社会保障局', kind: 'department', level: 'city', profile: 'national', parent: 'demo-gov', address: '示例市建设路6号',
    people: departmentPeople('demo-hrss', ['马', '朱', '胡', '郭', '何', '高']),
  },
  ...jurisdiction('yantai', 'yantai', '烟台市人民政府', 'city', '烟台市住房和城乡建设局', '烟台市莱山区府后路1号', ['林', '罗', '郑', '梁', '谢', '宋']),
  ...jurisdiction('hunan', 'hunan', '湖南省人民政府', 'province', '湖南省自然资源厅', '长沙市芙蓉区五一大道1号', ['唐', '许', '韩', '冯', '邓', '曹']),
  ...jurisdiction('liaocheng', 'liaocheng', '聊城市人民政府', 'city', '聊城市自然资源和规划局', '聊城市东昌府区东昌路1号', ['彭', '曾', '肖', '田', '董', '袁']),
  ...jurisdiction('tengzhou', 'tengzhou', '滕州市人民政府', 'county', '滕州市市场监督管理局', '滕州市荆河中路1号', ['潘', '于', '蒋', '蔡', '余', '杜']),
  ...jurisdiction('jinghai', 'jinghai', '天津市静海区人民政府', 'county', '天津市静海区城市管理委员会', '天津市静海区静海镇胜利大街1号', ['叶', '程', '苏', '魏', '吕', '丁']),
];

/** Upserts the demo region by code; safe to run again. Returns the number of agencies. */
export async function seedDemoRegion(db: Db): Promise<number> {
  await db.transaction(async (trx) => {
    const idByCode = new Map<string, string>();
    for (const agency of demoRegion) {
      const [row] = await trx('agencies')
        .insert({ code: agency.code, name: agency.name, kind: agency.kind, level: agency.level, profile: agency.profile, parent_id: agency.parent ? idByCode.get(agency.parent) : null, address: agency.address })
        .onConflict('code')
        .merge(['name', 'kind', 'level', 'profile', 'parent_id', 'address'])
        .returning(['id']);
      idByCode.set(agency.code, row.id);
      for (const person of agency.people) {
        const [p] = await trx('people')
          .insert({ agency_id: row.id, name: person.name, post: person.post, kind: person.kind, in_charge_of: person.inChargeOf ?? null, login: person.code, email: `${person.code}@demo.gov.cn` })
          .onConflict('login')
          .merge(['agency_id', 'name', 'post', 'kind', 'in_charge_of', 'email'])
          .returning(['id']);
        for (const role of person.roles) {
          await trx('person_roles').insert({ person_id: p.id, role, agency_id: row.id }).onConflict(['person_id', 'role', 'agency_id']).ignore();
        }
        if (person.roles.includes('principal-head')) {
          await trx('agencies').where({ id: row.id }).update({ principal_head_id: p.id, legal_representative: person.name });
        }
      }
    }
  });
  return demoRegion.length;
}

export async function ledgerIsEmpty(db: Db): Promise<boolean> {
  const row = await db('agencies').count<{ count: string }[]>('* as count').first();
  return Number(row?.count ?? 0) === 0;
}
