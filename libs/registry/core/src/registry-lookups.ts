import type { Model, ModelVersion } from '@ciclo/platform-db';
import { InvalidRegistryInputError } from './errors/invalid-registry-input-error';
import { ModelNotFoundError } from './errors/model-not-found-error';
import { VersionNotFoundError } from './errors/version-not-found-error';
import type { RegistryClient } from './registry-context';

/** The model named `name`, or ModelNotFoundError (404). */
export async function findModel(client: RegistryClient, name: string): Promise<Model> {
  if (typeof name !== 'string' || name === '') throw new InvalidRegistryInputError('model name is required', { field: 'model' });
  const row = await client.model.findUnique({ where: { name } });
  if (!row) throw new ModelNotFoundError(`no model named "${name}"`, { model: name });
  return row;
}

/** Version `version` of `model`, or VersionNotFoundError (404). */
export async function findVersion(client: RegistryClient, model: Model, version: number): Promise<ModelVersion> {
  if (!Number.isInteger(version) || version < 1) throw new InvalidRegistryInputError('version must be a positive integer', { field: 'version' });
  const row = await client.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version } } });
  if (!row) throw new VersionNotFoundError(`model "${model.name}" has no version ${version}`, { model: model.name, version });
  return row;
}

/** The alias row with the version it points to, or null when the model has no such alias. */
export function findAlias(client: RegistryClient, modelId: string, alias: string) {
  return client.modelAlias.findUnique({ where: { modelId_name: { modelId, name: alias } }, include: { version: true } });
}
