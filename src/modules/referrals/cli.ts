// `vangnet referrals ...`: the service levels and the anonymised figures on the command line.
import type { Command } from 'commander';
import { fail, print } from '../../io.ts';
import { systemActor } from '../../platform/actor.ts';
import { DEFAULT_MUNICIPALITY } from '../../platform/municipalities.ts';
import type { CliContext } from '../contracts.ts';
import { setServiceLevel } from './commands/index.ts';
import { themeCodes, type ReferralTheme } from './domain.ts';
import { collectReferralMetrics } from './metrics.ts';
import { listServiceLevels } from './queries.ts';

export function referralCommands(program: Command, ctx: CliContext): void {
  const cmd = program.command('referrals').description('Ketenaanpak: verwijzingen tussen partners');
  cmd
    .command('service-levels')
    .description('Toon de servicenormen per onderwerp (werkdagen tot antwoord en tot eerste contact)')
    .option('--municipality <code>', 'gemeentecode', DEFAULT_MUNICIPALITY)
    .action((options: { municipality: string }) =>
      ctx.withDatabase(async (db) => {
        const levels = await listServiceLevels(db, options.municipality);
        print(ctx.io, ['onderwerp'.padEnd(18), 'antwoord', 'eerste contact', '(werkdagen)'].join(' '));
        for (const l of levels)
          print(
            ctx.io,
            [
              l.theme.padEnd(18),
              String(l.answerWorkingDays).padStart(8),
              String(l.firstContactWorkingDays).padStart(14),
              l.configured ? '' : '(standaard)',
            ].join(' '),
          );
      }),
    );
  cmd
    .command('set-service-level')
    .description('Stel de servicenorm voor een onderwerp in')
    .requiredOption('--theme <code>', `onderwerp: ${themeCodes.join(', ')}`)
    .requiredOption('--answer-days <n>', 'werkdagen tot antwoord (accepteren of afwijzen)')
    .requiredOption('--first-contact-days <n>', 'werkdagen tot eerste contact')
    .option('--municipality <code>', 'gemeentecode', DEFAULT_MUNICIPALITY)
    .action((options: { theme: string; answerDays: string; firstContactDays: string; municipality: string }) =>
      ctx.withDatabase(async (db) => {
        try {
          await setServiceLevel(db, systemActor('cli'), {
            municipalityCode: options.municipality,
            theme: options.theme as ReferralTheme,
            answerWorkingDays: Number(options.answerDays),
            firstContactWorkingDays: Number(options.firstContactDays),
          });
          print(ctx.io, `Servicenorm voor ${options.theme} in ${options.municipality} ingesteld.`);
        } catch (error) {
          fail(ctx.io, `${(error as Error).message} ${JSON.stringify((error as { details?: unknown }).details ?? {})}`, 1);
        }
      }),
    );
  cmd
    .command('figures')
    .description('Geanonimiseerde cijfers per maand als JSON (voor insights)')
    .requiredOption('--from <YYYY-MM>', 'eerste maand')
    .requiredOption('--to <YYYY-MM>', 'laatste maand')
    .action((options: { from: string; to: string }) =>
      ctx.withDatabase(async (db) => {
        print(ctx.io, JSON.stringify(await collectReferralMetrics(db, { fromMonth: options.from, toMonth: options.to }), null, 2));
      }),
    );
}
