import type { FastifyBaseLogger } from 'fastify';
import type { Config, MailConfig } from './config.ts';
import type { Database } from './db/database.ts';
import { modules, type Job } from './modules/registry.ts';
import { deliverDueMails } from './platform/mail/delivery.ts';

/** The platform's own job: send the outbox's due mails every minute (docs/mail.md). */
function mailJob(mail: MailConfig): Job {
  return { name: 'mail', everyMs: 60_000, run: async (db) => void (await deliverDueMails(db, mail)) };
}

/** Runs every module's scheduled jobs in the server process; a failing run is logged and retried next time. */
export function startJobs(db: Database, config: Config, log: FastifyBaseLogger): () => void {
  const timers: NodeJS.Timeout[] = [];
  const platformJobs: Job[] = config.mail ? [mailJob(config.mail)] : [];
  for (const module of [{ jobs: platformJobs }, ...modules]) {
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
