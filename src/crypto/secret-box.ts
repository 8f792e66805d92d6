// Secrets the ledger must keep readable for the product but not for whoever reads the table or a
// backup (robot signing secrets of agency_notification_channels): AES-256-GCM with a key from the
// configuration, stored as "enc:v1:<iv>:<tag>:<ciphertext>" (base64 each, a fresh 96-bit IV per value).
//
// The key: SECRETS_KEY (32 bytes, base64) in production — kept in the deployment's secret store, never
// next to the database's backups; without it, a key file under RUNTIME_DIR (secrets.key, mode 0600)
// that the first use creates, for the local demo and the tests.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

const PREFIX = 'enc:v1:';

export const isSealed = (value: string): boolean => value.startsWith(PREFIX);

export function sealSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ciphertext.toString('base64')}`;
}

/** The plain secret; throws when the value was not sealed or the key does not open it (tampered, other key). */
export function openSecret(stored: string, key: Buffer): string {
  if (!isSealed(stored)) throw new Error('secret-box: the stored value is not sealed (run the migrations)');
  const [iv, tag, ciphertext] = stored.slice(PREFIX.length).split(':').map((p) => Buffer.from(p, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
}

const keys = new Map<string, Buffer>();

/** The key of the configuration: SECRETS_KEY, else RUNTIME_DIR/secrets.key (created on first use). */
export function secretKeyFrom(config: Pick<Config, 'SECRETS_KEY' | 'RUNTIME_DIR'>): Buffer {
  if (config.SECRETS_KEY) return Buffer.from(config.SECRETS_KEY, 'base64');
  const file = path.join(config.RUNTIME_DIR, 'secrets.key');
  let key = keys.get(file);
  if (key) return key;
  try {
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch {
    mkdirSync(config.RUNTIME_DIR, { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
  if (key.length !== 32) throw new Error(`secret-box: ${file} does not hold a 32-byte key (base64)`);
  keys.set(file, key);
  return key;
}
