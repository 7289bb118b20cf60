import { Limits } from '@ciclo/platform-contracts';
import { randomBytes } from 'node:crypto';
import { writeAudit } from './audit-trail';
import { InvalidRegistryInputError } from './errors/invalid-registry-input-error';
import { WebhookNotFoundError } from './errors/webhook-not-found-error';
import type { RegistryContext } from './registry-context';
import { requireText } from './registry-input';
import { findModel } from './registry-lookups';
import { toWebhookRecord, type AuditContext, type WebhookRecord } from './registry-records';

export interface AddWebhookInput {
  readonly model: string;
  readonly url: string;
  /** HMAC key; generated (32 random bytes, base64url) when omitted. */
  readonly secret?: string;
  /** Event types to deliver; empty = all. */
  readonly events?: readonly string[];
  readonly actor: string;
  readonly context?: AuditContext;
}

export interface WebhookService {
  /** The secret is returned here once and never again. */
  addWebhook(input: AddWebhookInput): Promise<{ webhook: WebhookRecord; secret: string }>;
  listWebhooks(model: string): Promise<WebhookRecord[]>;
  removeWebhook(input: { model: string; id: string; actor: string; context?: AuditContext }): Promise<void>;
}

/** The outside systems that hear a model's events (delivery itself: webhook-delivery-handler.ts). */
export function createWebhookService(ctx: RegistryContext): WebhookService {
  const { prisma, now } = ctx;

  return {
    async addWebhook(input) {
      requireText(input.actor, 'actor');
      const url = parseWebhookUrl(input.url);
      const secret = input.secret ?? randomBytes(32).toString('base64url');
      if (secret.length < Limits.webhookSecretMinChars) {
        throw new InvalidRegistryInputError(`webhook secret must be at least ${Limits.webhookSecretMinChars} characters`, { field: 'secret' });
      }
      return ctx.withModelLock(input.model, async (tx, model) => {
        const at = now();
        const row = await tx.webhook.create({ data: { modelId: model.id, url: url.href, secret, events: [...(input.events ?? [])], createdAt: at } });
        await writeAudit(tx, { actor: input.actor, action: 'model.webhook.add', modelId: model.id, details: { model: model.name, webhookId: row.id, url: row.url, events: row.events }, context: input.context, at });
        return { webhook: toWebhookRecord(model.name, row), secret };
      });
    },

    async listWebhooks(model) {
      const m = await findModel(prisma, model);
      const rows = await prisma.webhook.findMany({ where: { modelId: m.id }, orderBy: { createdAt: 'asc' } });
      return rows.map((row) => toWebhookRecord(m.name, row));
    },

    async removeWebhook(input) {
      requireText(input.actor, 'actor');
      await ctx.withModelLock(input.model, async (tx, model) => {
        const { count } = await tx.webhook.deleteMany({ where: { id: input.id, modelId: model.id } });
        if (count === 0) throw new WebhookNotFoundError(`model "${model.name}" has no webhook ${input.id}`, { model: model.name, id: input.id });
        await writeAudit(tx, { actor: input.actor, action: 'model.webhook.remove', modelId: model.id, details: { model: model.name, webhookId: input.id }, context: input.context, at: now() });
      });
    },
  };
}

function parseWebhookUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new InvalidRegistryInputError(`"${input}" is not a URL`, { field: 'url' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidRegistryInputError('webhook URL must be http(s)', { field: 'url' });
  return url;
}
