import { LivenessBody, ReadinessBody } from '../health';
import { defineRoute } from './route-definition';

const tags = ['health'];

/**
 * The health routes every Ciclo app serves (libs/platform/http `createHttpApp`), described once:
 * the launcher and `ciclo status` call them through the derived health client. Public, and kept
 * out of the OpenAPI documents (they describe the app's API, not its probes).
 */
export const healthRoutes = {
  live: defineRoute({ method: 'GET', path: '/health/live', summary: 'Liveness: the process answers', tags, responses: { 200: LivenessBody } }),
  /** 503 is an answer, not a failure: the same body, naming each dependency that is down. */
  ready: defineRoute({
    method: 'GET',
    path: '/health/ready',
    summary: 'Readiness: every dependency answers (503 lists the ones that do not)',
    tags,
    responses: { 200: ReadinessBody, 503: ReadinessBody },
  }),
};
export type HealthRoutes = typeof healthRoutes;
