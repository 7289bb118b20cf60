import { writeAudit, toJson } from './audit-trail';
import { ModelAlreadyExistsError } from './errors/model-already-exists-error';
import { InvalidRegistryInputError } from './errors/invalid-registry-input-error';
import { isPrismaError, PRISMA_UNIQUE } from './prisma-errors';
import { parsePromotionGate, type PromotionGate } from './promotion-gate';
import type { RegistryContext } from './registry-context';
import { checkModelName, checkPolicyName, requireText } from './registry-input';
import { findModel } from './registry-lookups';
import { toModelRecord, type AuditContext, type ModelRecord, type PromotionPolicyName } from './registry-records';

export interface CreateModelInput {
  readonly name: string;
  readonly task: string;
  readonly description?: string;
  /** Declared label set in output order; when omitted the first version declares it. */
  readonly labels?: readonly string[];
  readonly languages?: readonly string[];
  readonly policy?: PromotionPolicyName;
  readonly gate?: PromotionGate;
  readonly actor: string;
  readonly context?: AuditContext;
}

export interface UpdatePolicyInput {
  readonly model: string;
  readonly policy?: PromotionPolicyName;
  readonly gate?: PromotionGate;
  readonly actor: string;
  readonly reason?: string;
  readonly context?: AuditContext;
}

export interface ModelService {
  createModel(input: CreateModelInput): Promise<ModelRecord>;
  getModel(name: string): Promise<ModelRecord>;
  listModels(): Promise<ModelRecord[]>;
  /** Change the promotion policy and/or gate (audited; versions already decided keep their decisions). */
  updatePolicy(input: UpdatePolicyInput): Promise<ModelRecord>;
}

/** Models themselves: their name, task, declared label set, promotion policy and gate. */
export function createModelService(ctx: RegistryContext): ModelService {
  const { prisma, now } = ctx;

  return {
    async createModel(input) {
      const gate = checkCreateInput(input);
      try {
        return await ctx.transaction(async (tx) => {
          const at = now();
          const row = await tx.model.create({
            data: {
              name: input.name,
              task: input.task,
              description: input.description ?? null,
              labels: [...(input.labels ?? [])],
              languages: [...(input.languages ?? [])],
              promotionPolicy: input.policy ?? 'manual',
              gate: toJson(gate),
              createdAt: at,
            },
          });
          await writeAudit(tx, {
            actor: input.actor,
            action: 'model.create',
            modelId: row.id,
            details: { model: row.name, task: row.task, labels: row.labels, policy: row.promotionPolicy, gate },
            context: input.context,
            at,
          });
          return toModelRecord(row);
        });
      } catch (error) {
        if (isPrismaError(error, PRISMA_UNIQUE)) {
          throw new ModelAlreadyExistsError(`a model named "${input.name}" already exists`, { model: input.name }, error);
        }
        throw error;
      }
    },

    async getModel(name) {
      const model = await findModel(prisma, name);
      const aliases = await prisma.modelAlias.findMany({ where: { modelId: model.id }, include: { version: { select: { version: true } } } });
      return toModelRecord({ ...model, aliases });
    },

    async listModels() {
      const rows = await prisma.model.findMany({ orderBy: { name: 'asc' }, include: { aliases: { include: { version: { select: { version: true } } } } } });
      return rows.map((row) => toModelRecord(row));
    },

    async updatePolicy(input) {
      requireText(input.actor, 'actor');
      const gate = input.gate === undefined ? undefined : parsePromotionGate(input.gate);
      checkPolicyName(input.policy);
      return ctx.withModelLock(input.model, async (tx, model) => {
        const at = now();
        const row = await tx.model.update({
          where: { id: model.id },
          data: { ...(input.policy ? { promotionPolicy: input.policy } : {}), ...(gate ? { gate: toJson(gate) } : {}), updatedAt: at },
        });
        await writeAudit(tx, {
          actor: input.actor,
          action: 'model.policy.update',
          modelId: model.id,
          details: { model: model.name, from: { policy: model.promotionPolicy, gate: model.gate }, to: { policy: row.promotionPolicy, gate: row.gate }, reason: input.reason ?? null },
          context: input.context,
          at,
        });
        return toModelRecord(row);
      });
    },
  };
}

/** Everything that can be refused before a transaction opens; returns the parsed gate. */
function checkCreateInput(input: CreateModelInput): PromotionGate {
  checkModelName(input.name);
  requireText(input.task, 'task');
  requireText(input.actor, 'actor');
  const gate = parsePromotionGate(input.gate);
  if (input.labels !== undefined) {
    if (new Set(input.labels).size !== input.labels.length || input.labels.some((l) => typeof l !== 'string' || l.trim() === '')) {
      throw new InvalidRegistryInputError('labels must be distinct non-empty strings', { field: 'labels' });
    }
  }
  checkPolicyName(input.policy);
  return gate;
}
