import {
  AliasAtQuery,
  AliasAtView,
  AliasChangeView,
  AliasHistory,
  AliasMoveBody,
  AliasParams,
  ApprovalBody,
  HistoryQuery,
  ModelParams,
  RollbackBody,
  SetAliasBody,
  VersionParams,
  VersionView,
} from './registry';
import { IDEMPOTENCY_KEY_NOTE } from './idempotency';
import { defineRoute, errorResponses } from './route-definition';

const tags = ['aliases'];
const moveErrors = errorResponses(400, 401, 403, 404, 409);
/** A POST that moves an alias: a retry without the header would move it twice (a second rollback undoes the first). */
const retrySafeMoveErrors = errorResponses(400, 401, 403, 404, 409, 422);

/** `/v1/models/:name/aliases/:alias…` and approvals: point, remove, roll back, history, time travel. */
export const registryAliasRoutes = {
  resolveAlias: defineRoute({
    method: 'GET',
    path: '/v1/models/:name/aliases/:alias',
    role: 'viewer',
    summary: 'The version an alias points to now',
    tags,
    pathParams: AliasParams,
    responses: { 200: VersionView, ...errorResponses(400, 401, 403, 404) },
  }),
  /** `force: true` needs admin; the handler checks that. */
  setAlias: defineRoute({
    method: 'PUT',
    path: '/v1/models/:name/aliases/:alias',
    role: 'data-scientist',
    summary: 'Point an alias at a version (promote); gated aliases run the promotion gate',
    description: '`force: true` promotes past a failed gate and needs the admin role. `expectedCurrentVersion` makes it a compare-and-set (409 on mismatch).',
    tags,
    pathParams: AliasParams,
    body: SetAliasBody,
    responses: { 200: AliasChangeView, ...moveErrors },
  }),
  removeAlias: defineRoute({
    method: 'DELETE',
    path: '/v1/models/:name/aliases/:alias',
    role: 'data-scientist',
    summary: 'Remove an alias (the history keeps it)',
    tags,
    pathParams: AliasParams,
    body: AliasMoveBody,
    responses: { 200: AliasChangeView, ...moveErrors },
  }),
  rollbackAlias: defineRoute({
    method: 'POST',
    path: '/v1/models/:name/aliases/:alias/rollback',
    role: 'data-scientist',
    summary: 'Move an alias back to where it pointed before its latest move',
    description: `Rolling back twice undoes the rollback. ${IDEMPOTENCY_KEY_NOTE}`,
    tags,
    acceptsIdempotencyKey: true,
    pathParams: AliasParams,
    body: RollbackBody,
    responses: { 200: AliasChangeView, ...retrySafeMoveErrors },
  }),
  aliasHistory: defineRoute({
    method: 'GET',
    path: '/v1/models/:name/aliases/:alias/history',
    role: 'viewer',
    summary: "An alias's history (newest first)",
    tags,
    pathParams: AliasParams,
    query: HistoryQuery,
    responses: { 200: AliasHistory, ...errorResponses(400, 401, 403, 404) },
  }),
  modelHistory: defineRoute({
    method: 'GET',
    path: '/v1/models/:name/history',
    role: 'viewer',
    summary: 'History of every alias of a model (newest first)',
    tags,
    pathParams: ModelParams,
    query: HistoryQuery,
    responses: { 200: AliasHistory, ...errorResponses(400, 401, 403, 404) },
  }),
  aliasAt: defineRoute({
    method: 'GET',
    path: '/v1/models/:name/aliases/:alias/at',
    role: 'viewer',
    summary: 'The version an alias pointed to at an instant (null: unset then)',
    tags,
    pathParams: AliasParams,
    query: AliasAtQuery,
    responses: { 200: AliasAtView, ...errorResponses(400, 401, 403, 404) },
  }),
  /** A data scientist's approval under the manual policy. */
  approveVersion: defineRoute({
    method: 'POST',
    path: '/v1/models/:name/versions/:version/approvals',
    role: 'data-scientist',
    summary: 'Approve a version: records the approver and reason and promotes it (default alias production)',
    description: IDEMPOTENCY_KEY_NOTE,
    tags,
    acceptsIdempotencyKey: true,
    pathParams: VersionParams,
    body: ApprovalBody,
    responses: { 200: AliasChangeView, ...retrySafeMoveErrors },
  }),
};
