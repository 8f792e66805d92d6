// Robot signing secrets (agency_notification_channels.webhook_secret) sealed with AES-256-GCM (issue 15
// §2: webhook secrets encrypted at rest; src/crypto/secret-box.ts). Seals the rows written in clear
// before; down opens them again. The key is the configuration's (SECRETS_KEY or RUNTIME_DIR/secrets.key).
import type { Knex } from 'knex';
import { loadConfig } from '../src/config.ts';
import { isSealed, openSecret, sealSecret, secretKeyFrom } from '../src/crypto/secret-box.ts';

export async function up(knex: Knex): Promise<void> {
  const rows = await knex('agency_notification_channels').whereNotNull('webhook_secret').select('agency_id', 'channel', 'webhook_secret');
  const clear = rows.filter((r) => !isSealed(r.webhook_secret));
  if (!clear.length) return;
  const key = secretKeyFrom(loadConfig());
  for (const r of clear) await knex('agency_notification_channels').where({ agency_id: r.agency_id, channel: r.channel }).update({ webhook_secret: sealSecret(r.webhook_secret, key) });
}

export async function down(knex: Knex): Promise<void> {
  const rows = await knex('agency_notification_channels').whereNotNull('webhook_secret').select('agency_id', 'channel', 'webhook_secret');
  const sealed = rows.filter((r) => isSealed(r.webhook_secret));
  if (!sealed.length) return;
  const key = secretKeyFrom(loadConfig());
  for (const r of sealed) await knex('agency_notification_channels').where({ agency_id: r.agency_id, channel: r.channel }).update({ webhook_secret: openSecret(r.webhook_secret, key) });
}
