// API tokens for integrations and scripts (`Authorization: Bearer yst_…`): a token acts with its
// person's roles and scope, is shown once, stored as its SHA-256 and revocable. The first characters
// (the prefix) stay readable so a list tells tokens apart.
import { isUuid } from '../db/ids.ts';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { sha256 } from './sessions.ts';

const TOKEN_PREFIX = 'yst_';
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 8;

export interface ApiTokenListing {
  id: string;
  personId: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const listing = (r: any): ApiTokenListing => ({
  id: r.id,
  personId: r.person_id,
  name: r.name,
  prefix: r.prefix,
  createdAt: new Date(r.created_at).toISOString(),
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
  expiresAt: r.expires_at ? new Date(r.expires_at).toISOString() : null,
  revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
});

/** Creates a token; the returned `token` is the only time its secret exists outside the caller. */
export async function createApiToken(
  db: Db,
  personId: string,
  input: { name: string; createdBy?: string | null; expiresAt?: Date | null },
): Promise<ApiTokenListing & { token: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const [row] = await db('api_tokens')
    .insert({ person_id: personId, name: input.name, token_hash: sha256(token), prefix: token.slice(0, SHOWN_PREFIX_LENGTH), created_by: input.createdBy ?? null, expires_at: input.expiresAt ?? null })
    .returning('*');
  return { ...listing(row), token };
}

/** The person a live token acts for; records its use. */
export async function personOfApiToken(db: Db, token: string): Promise<{ tokenId: string; personId: string } | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await db('api_tokens')
    .where({ token_hash: sha256(token) })
    .whereNull('revoked_at')
    .where((q) => q.whereNull('expires_at').orWhere('expires_at', '>', db.fn.now()))
    .first('id', 'person_id', 'last_used_at');
  if (!row) return undefined;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) await db('api_tokens').where({ id: row.id }).update({ last_used_at: db.fn.now() });
  return { tokenId: row.id, personId: row.person_id };
}

export async function listApiTokens(db: Db, filter: { personId?: string; includeRevoked?: boolean } = {}): Promise<ApiTokenListing[]> {
  const q = db('api_tokens').orderBy('created_at', 'desc');
  if (filter.personId) q.where({ person_id: filter.personId });
  if (!filter.includeRevoked) q.whereNull('revoked_at');
  return (await q.select('*')).map(listing);
}

export async function getApiToken(db: Db, id: string): Promise<ApiTokenListing> {
  const row = isUuid(id) ? await db('api_tokens').where({ id }).first() : undefined;
  if (!row) throw new NotFoundError('令牌 / API token', id);
  return listing(row);
}

export async function revokeApiToken(db: Db, id: string): Promise<ApiTokenListing> {
  await getApiToken(db, id);
  await db('api_tokens').where({ id }).whereNull('revoked_at').update({ revoked_at: db.fn.now() });
  return getApiToken(db, id);
}
