// Password hashing and policy (unit: node:crypto only).
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordPolicyIssues, verifyPassword } from '../../../src/auth/passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id into a PHC string with its own salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('correct horse battery', null)).toBe(false);
    expect(await verifyPassword('x', '$argon2id$garbage')).toBe(false);
  });

  it('names the field and the reason when a new password breaks the policy', () => {
    expect(passwordPolicyIssues('short', 'newPassword')).toEqual([{ field: 'newPassword', message: '新密码至少 10 个字符' }]);
    expect(passwordPolicyIssues('zhang-san-2026!', 'newPassword', { login: 'zhang-san' })[0]?.message).toBe('新密码不能包含登录名');
    expect(passwordPolicyIssues('aaaaaaaaaaaa', 'newPassword')[0]?.message).toBe('新密码不能由同一个字符组成');
    expect(passwordPolicyIssues('same-old-password', 'newPassword', { currentPassword: 'same-old-password' })[0]?.message).toBe('新密码不能与当前密码相同');
    expect(passwordPolicyIssues('a long enough one', 'newPassword', { login: 'wang' })).toEqual([]);
  });
});
