// Local account passwords: argon2id (node:crypto, Node 24) stored as a PHC string, so the
// parameters travel with each hash and can be raised later without invalidating old hashes.
import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';
import { InputError, type FieldIssue } from '../errors.ts';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (≈ 60 ms here). */
const PARAMS = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 } as const;

export const MIN_PASSWORD_LENGTH = 10;

const b64 = (buf: Buffer) => buf.toString('base64').replace(/=+$/, '');

function derive(password: string, salt: Buffer, p: { memory: number; passes: number; parallelism: number; tagLength: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2('argon2id', { message: password, nonce: salt, memory: p.memory, passes: p.passes, parallelism: p.parallelism, tagLength: p.tagLength }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` (base64 without padding, as the PHC format says). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return `$argon2id$v=19$m=${PARAMS.memory},t=${PARAMS.passes},p=${PARAMS.parallelism}$${b64(salt)}$${b64(key)}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Constant-time comparison of the derived key; a malformed or missing hash never matches. */
export async function verifyPassword(password: string, phc: string | null | undefined): Promise<boolean> {
  const m = phc ? PHC.exec(phc) : null;
  if (!m) {
    // same work as a real check, so a missing account is not told apart by its answer time
    await derive(password, DUMMY_SALT, PARAMS);
    return false;
  }
  const expected = Buffer.from(m[5]!, 'base64');
  const key = await derive(password, Buffer.from(m[4]!, 'base64'), { memory: Number(m[1]), passes: Number(m[2]), parallelism: Number(m[3]), tagLength: expected.length });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

const DUMMY_SALT = randomBytes(16);

/** The password policy: the field errors of a new password (none = acceptable). */
export function passwordPolicyIssues(password: string, field: string, context: { login?: string; currentPassword?: string } = {}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) issues.push({ field, message: `新密码至少 ${MIN_PASSWORD_LENGTH} 个字符` });
  if (password.length > 200) issues.push({ field, message: '新密码不能超过 200 个字符' });
  if (context.login && password.toLowerCase().includes(context.login.toLowerCase())) issues.push({ field, message: '新密码不能包含登录名' });
  if (context.currentPassword !== undefined && password === context.currentPassword) issues.push({ field, message: '新密码不能与当前密码相同' });
  if (/^(.)\1*$/.test(password)) issues.push({ field, message: '新密码不能由同一个字符组成' });
  return issues;
}

export function assertPasswordPolicy(password: string, field: string, context: { login?: string; currentPassword?: string } = {}): void {
  const issues = passwordPolicyIssues(password, field, context);
  if (issues.length) throw new InputError(issues);
}
