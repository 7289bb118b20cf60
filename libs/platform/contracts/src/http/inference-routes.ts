import { ErrorBody } from '../errors/error-body';
import {
  AnalyzeBody,
  AnalyzeResponse,
  OipErrorBody,
  OipInferRequest,
  OipInferResponse,
  OipLiveBody,
  OipModelMetadata,
  OipModelParams,
  OipReadyBody,
  OipServerMetadata,
  OipVersionParams,
} from './inference';
import { defineRoute } from './route-definition';

const tags = ['open inference protocol'];
/** `/v2` errors are the protocol's `{ error }` (plus Ciclo's `code`); readiness "false" is a 400. */
const oipErrors = { 400: OipErrorBody, 404: OipErrorBody, 413: OipErrorBody, 503: OipErrorBody };

/**
 * Every HTTP route of the nlp-service (apps/nlp-service), described once: the Open Inference
 * Protocol v2 REST API and `/v1/analyze`. Public on the platform network (no API key).
 */
export const inferenceRoutes = {
  serverLive: defineRoute({ method: 'GET', path: '/v2/health/live', summary: 'Server liveness', tags, responses: { 200: OipLiveBody } }),
  serverReady: defineRoute({ method: 'GET', path: '/v2/health/ready', summary: 'Server readiness: every served model is loaded', tags, responses: { 200: OipReadyBody, ...oipErrors } }),
  serverMetadata: defineRoute({ method: 'GET', path: '/v2', summary: 'Server metadata', tags, responses: { 200: OipServerMetadata } }),
  modelMetadata: defineRoute({
    method: 'GET',
    path: '/v2/models/:name',
    summary: 'Model metadata (the served version)',
    tags,
    pathParams: OipModelParams,
    responses: { 200: OipModelMetadata, ...oipErrors },
  }),
  versionMetadata: defineRoute({
    method: 'GET',
    path: '/v2/models/:name/versions/:version',
    summary: 'Model metadata (one version, loaded or not)',
    tags,
    pathParams: OipVersionParams,
    responses: { 200: OipModelMetadata, ...oipErrors },
  }),
  modelReady: defineRoute({
    method: 'GET',
    path: '/v2/models/:name/ready',
    summary: 'Model readiness',
    tags,
    pathParams: OipModelParams,
    responses: { 200: OipReadyBody, ...oipErrors },
  }),
  versionReady: defineRoute({
    method: 'GET',
    path: '/v2/models/:name/versions/:version/ready',
    summary: 'Version readiness (loaded here now)',
    tags,
    pathParams: OipVersionParams,
    responses: { 200: OipReadyBody, ...oipErrors },
  }),
  infer: defineRoute({
    method: 'POST',
    path: '/v2/models/:name/infer',
    summary: 'Classify texts with the served version',
    tags,
    pathParams: OipModelParams,
    body: OipInferRequest,
    responses: { 200: OipInferResponse, ...oipErrors },
  }),
  inferVersion: defineRoute({
    method: 'POST',
    path: '/v2/models/:name/versions/:version/infer',
    summary: 'Classify texts with one version (loaded on demand)',
    tags,
    pathParams: OipVersionParams,
    body: OipInferRequest,
    responses: { 200: OipInferResponse, ...oipErrors },
  }),
  analyze: defineRoute({
    method: 'POST',
    path: '/v1/analyze',
    summary: 'Intent and sentiment of one text (`text`) or many (`texts`)',
    tags: ['analyze'],
    body: AnalyzeBody,
    responses: { 200: AnalyzeResponse, 400: ErrorBody, 404: ErrorBody, 413: ErrorBody, 503: ErrorBody },
  }),
};
export type InferenceRoutes = typeof inferenceRoutes;
