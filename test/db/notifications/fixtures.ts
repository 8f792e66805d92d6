// A small agency tree with people and roles for the notification tests; every call is unique.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../../src/config.ts';
import type { Db } from '../../../src/db/database.ts';

export const silentLogger = pino({ level: 'silent' });

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NOTIFY_RETRY_BASE_MS: '1000',
    NOTIFY_RETRY_MAX_MS: '60000',
    NOTIFY_MAX_ATTEMPTS: '3',
    NOTIFY_JOB_WAIT_MS: '0',
    // do-not-disturb off unless a test sets it, so tests do not depend on the time of day
    NOTIFY_DND_START: '00:00',
    NOTIFY_DND_END: '00:00',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export interface World {
  cityId: string;
  countyId: string;
  justiceBureauId: string;
  departmentId: string;
  caseId: string;
  caseNumber: string;
  people: Record<'handler' | 'legal' | 'deputy' | 'principal' | 'supervisor' | 'clerk', { id: string; name: string; email: string; login: string; phone: string }>;
}

/** city government → county government → (county justice bureau, county department with the case). */
export async function createWorld(db: Db, options: { profile?: string; cause?: string } = {}): Promise<World> {
  const tag = randomUUID().slice(0, 8);
  const agency = async (code: string, name: string, kind: string, level: string, parentId: string | null) =>
    (await db('agencies').insert({ code: `${code}-${tag}`, name, kind, level, parent_id: parentId, profile: options.profile ?? 'national' }).returning('id'))[0].id as string;
  const cityId = await agency('city', '某市人民政府', 'government', 'city', null);
  const countyId = await agency('county', '某县人民政府', 'government', 'county', cityId);
  const justiceBureauId = await agency('county-jb', '某县司法局', 'justice-bureau', 'county', countyId);
  const departmentId = await agency('county-env', '某县生态环境局', 'department', 'county', countyId);

  const person = async (key: string, name: string, agencyId: string, kind: string, roles: [string, string][]) => {
    const login = `${key}-${tag}`;
    const email = `${key}.${tag}@example.gov.cn`;
    const phone = `138${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`;
    const id = (await db('people').insert({ agency_id: agencyId, name, post: '职务', kind, email, login, phone }).returning('id'))[0].id as string;
    for (const [role, roleAgency] of roles) await db('person_roles').insert({ person_id: id, role, agency_id: roleAgency });
    return { id, name, email, login, phone };
  };
  const people = {
    handler: await person('handler', '王承办', departmentId, 'staff', [['handler', departmentId]]),
    // the department has no legal-affairs body of its own: the county government's is used
    legal: await person('legal', '赵法制', countyId, 'staff', [['legal-affairs', countyId]]),
    deputy: await person('deputy', '钱副局长', departmentId, 'head', [['deputy-head', departmentId]]),
    principal: await person('principal', '孙局长', departmentId, 'head', []),
    supervisor: await person('supervisor', '周督查', justiceBureauId, 'staff', [['justice-bureau', justiceBureauId]]),
    clerk: await person('clerk', '吴收发', departmentId, 'staff', [['clerk', departmentId]]),
  };
  await db('agencies').where({ id: departmentId }).update({ principal_head_id: people.principal.id });
  const caseNumber = `（2026）鲁0102行初${tag}号`;
  const caseId = (
    await db('cases')
      .insert({
        agency_id: departmentId,
        case_number: caseNumber,
        court: '某县人民法院',
        level: 'first',
        cause: options.cause ?? '行政处罚',
        act_description: '罚款决定',
        complaint_received_on: '2026-11-20',
      })
      .returning('id')
  )[0].id as string;
  return { cityId, countyId, justiceBureauId, departmentId, caseId, caseNumber, people };
}
