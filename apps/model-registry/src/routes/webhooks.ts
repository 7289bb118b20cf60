import { registryRoutes, type WebhookView } from '@ciclo/platform-contracts';
import { registerRoute, type HttpApp } from '@ciclo/platform-http';
import { actorOf, type RegistryRouteDeps } from './route-support';

function webhookView(w: { id: string; model: string; url: string; events: readonly string[]; active: boolean; lastDeliveryAt: Date | null; lastStatus: number | null; createdAt: Date }): WebhookView {
  return {
    id: w.id,
    model: w.model,
    url: w.url,
    events: [...w.events],
    active: w.active,
    lastDeliveryAt: w.lastDeliveryAt?.toISOString() ?? null,
    lastStatus: w.lastStatus,
    createdAt: w.createdAt.toISOString(),
  };
}

/**
 * A model's webhooks: outside systems that hear its events (alias moves), signed with HMAC.
 * Admin only: a webhook carries a signing secret and sends data outside the platform.
 */
export function registerWebhookRoutes(app: HttpApp, { registry, auth }: RegistryRouteDeps): void {
  registerRoute(app, registryRoutes.listWebhooks, { auth }, async (request) => ({ webhooks: (await registry.listWebhooks(request.params.name)).map(webhookView) }));

  registerRoute(app, registryRoutes.createWebhook, { auth }, async (request, reply) => {
    const { actor, context } = actorOf(request);
    const { url, secret, events } = request.body;
    const created = await registry.addWebhook({ model: request.params.name, url, actor, context, ...(secret ? { secret } : {}), ...(events ? { events } : {}) });
    return reply.status(201).header('cache-control', 'no-store').send({ webhook: webhookView(created.webhook), secret: created.secret });
  });

  registerRoute(app, registryRoutes.removeWebhook, { auth }, async (request, reply) => {
    const { actor, context } = actorOf(request);
    await registry.removeWebhook({ model: request.params.name, id: request.params.id, actor, context });
    return reply.status(204).send(null);
  });
}
