import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { modules } from './modules/registry.ts';

/** Runs every module's scheduled jobs in the server process; a failing run is logged and retried next time. */
export function startJobs(db: Database, config: Config, log: FastifyBaseLogger): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const module of modules) {
    for (const job of module.jobs ?? []) {
      const run = async () => {
        try {
          await job.run(db, config, modules);
          log.info({ job: job.name }, 'job finished');
        } catch (error) {
          log.error({ job: job.name, err: error }, 'job failed');
        }
      };
      timers.push(setTimeout(run, 10_000).unref());
      timers.push(setInterval(run, job.everyMs).unref());
    }
  }
  return () => {
    for (const t of timers) clearInterval(t);
  };
}
