import type { JobCatalog, JobName, JobPayloadInput } from '@ciclo/platform-contracts';
import type { JobsOptions } from 'bullmq';
import type { BackendAccess } from './backend-access';
import type { RuntimeFlowJob, RuntimeJobNode } from './backend-runtime';
import { idOf } from './job-inspection';
import { jobOptions } from './job-options';
import type { EnqueuedFlow, EnqueuedJob, EnqueueItem, EnqueueOptions, FlowNode, QueueJobDefaults } from './job-types';
import { jobDefinition, validatePayload } from './payload-validation';

/** The producing side of the queue client: every payload is validated before anything is added. */
export class JobProducer<C extends JobCatalog> {
  readonly #catalog: C;
  readonly #backend: BackendAccess;
  readonly #defaults: Required<QueueJobDefaults>;

  constructor(catalog: C, backend: BackendAccess, defaults: Required<QueueJobDefaults>) {
    this.#catalog = catalog;
    this.#backend = backend;
    this.#defaults = defaults;
  }

  async enqueue<N extends JobName<C>>(name: N, payload: JobPayloadInput<C, N>, opts?: EnqueueOptions): Promise<EnqueuedJob> {
    const def = jobDefinition(this.#catalog, name);
    const data = validatePayload(this.#catalog, name, payload);
    const jobOpts = jobOptions(def, opts, this.#defaults);
    return this.#backend.run(async (rt) => {
      const job = await rt.queue(def.queue).add(name, data, jobOpts);
      return { id: idOf(job) };
    });
  }

  async enqueueBulk(items: readonly EnqueueItem<C>[]): Promise<EnqueuedJob[]> {
    const prepared = items.map((item, index) => {
      const def = jobDefinition(this.#catalog, item.name);
      return {
        index,
        queue: def.queue,
        job: { name: item.name, data: validatePayload(this.#catalog, item.name, item.payload), opts: jobOptions(def, item.opts, this.#defaults) },
      };
    });
    const byQueue = new Map<string, typeof prepared>();
    for (const p of prepared) byQueue.set(p.queue, [...(byQueue.get(p.queue) ?? []), p]);
    const ids: string[] = new Array<string>(items.length);
    await this.#backend.run(async (rt) => {
      for (const [queue, group] of byQueue) {
        const jobs = await rt.queue(queue).addBulk(group.map((g) => g.job));
        group.forEach((g, i) => {
          const job = jobs[i];
          if (!job) throw new Error(`addBulk returned ${jobs.length} jobs for ${group.length} items`);
          ids[g.index] = idOf(job);
        });
      }
    });
    return ids.map((id) => ({ id }));
  }

  async enqueueFlow(flow: FlowNode<C>): Promise<EnqueuedFlow> {
    const tree = this.#toFlowJob(flow, false);
    return this.#backend.run(async (rt) => fromJobNode(await rt.flowProducer().add(tree)));
  }

  #toFlowJob(node: FlowNode<C>, isChild: boolean): RuntimeFlowJob {
    const def = jobDefinition(this.#catalog, node.name);
    const data = validatePayload(this.#catalog, node.name, node.payload);
    const opts: JobsOptions = jobOptions(def, node.opts, this.#defaults);
    if (isChild) opts.failParentOnFailure = node.opts?.failParentOnFailure ?? true;
    const children = (node.children ?? []).map((child) => this.#toFlowJob(child, true));
    return { name: node.name, queueName: def.queue, data, opts, ...(children.length ? { children } : {}) };
  }
}

function fromJobNode(node: RuntimeJobNode): EnqueuedFlow {
  return {
    id: idOf(node.job),
    queue: node.job.queueName,
    name: node.job.name,
    children: (node.children ?? []).map(fromJobNode),
  };
}
