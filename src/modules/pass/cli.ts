import fs from 'node:fs';
import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/actor.ts';
import { DEFAULT_MUNICIPALITY, municipalityCode } from '../../platform/municipalities.ts';
import { organisations } from '../../platform/schema.ts';
import { argPath, fail, print } from '../../io.ts';
import type { CliContext } from '../contracts.ts';
import { campaignInput, runCampaign } from './campaigns.ts';
import { passYearCommands } from './yearCli.ts';
import { payoutStatement } from './charges.ts';
import { ensurePassConfiguration, providerOfOrganisation } from './configuration.ts';
import { euro } from './messages.ts';
import { formatDate } from '../../platform/dutch.ts';
import { markPayoutPaid, payoutFile, payoutInput, runPayout } from './payouts.ts';
import { statementCsv, statementPdf } from './statement.ts';

interface CampaignOptions {
  code: string;
  name: string;
  year: string;
  amountCents: string;
  municipality: string;
  minAge?: string;
  maxAge?: string;
  wijk?: string;
  endsOn?: string;
}
const campaignOptionNames: Record<string, string> = {
  code: '--code',
  name: '--name',
  year: '--year',
  amountCents: '--amount-cents',
  minAge: '--min-age',
  maxAge: '--max-age',
  municipalityCode: '--municipality',
  targetMinAge: '--min-age',
  targetMaxAge: '--max-age',
  targetAreaCode: '--wijk',
  endsOn: '--ends-on',
};

/** `vangnet pass ...`: configuration, campaigns and payout statements from the command line. */
export function passCommands(program: Command, context: CliContext): void {
  const { io } = context;
  const pass = program.command('pass').description('Dordtpas: normtabel, eenmalige bijdragen en uitbetalingsoverzichten');

  passYearCommands(pass, context);

  pass
    .command('init')
    .description('Vul categorieën, normtabel en regels (idempotent)')
    .option('--municipality <code...>', 'gemeentecodes', [DEFAULT_MUNICIPALITY])
    .option('--valid-from <date>', 'ingangsdatum van normen en regels', '2026-01-01')
    .action(async (options: { municipality: string[]; validFrom: string }) => {
      const codes = options.municipality.map((code) => municipalityCode.parse(code));
      await context.withDatabase((db) => ensurePassConfiguration(db, codes, options.validFrom));
      print(io, 'Dordtpas-configuratie staat klaar.');
    });

  pass
    .command('campaign')
    .description('Eenmalige bijdrage aan elk kind met kindtegoed (idempotent per code)')
    .requiredOption('--code <code>', 'unieke code, bijvoorbeeld kindcadeau-2026')
    .requiredOption('--name <name>', 'naam, bijvoorbeeld "Kindcadeau december"')
    .requiredOption('--year <year>', 'pasjaar')
    .requiredOption('--amount-cents <cents>', 'bedrag per kind in centen, bijvoorbeeld 2500')
    .option('--municipality <code>', 'gemeentecode', DEFAULT_MUNICIPALITY)
    .option('--min-age <age>', 'alleen kinderen vanaf deze leeftijd')
    .option('--max-age <age>', 'alleen kinderen tot en met deze leeftijd')
    .option('--wijk <code>', 'alleen kinderen in deze wijk, bijvoorbeeld WK050504')
    .option('--ends-on <date>', 'laatste dag om het tegoed te besteden (JJJJ-MM-DD)')
    .action(async (options: CampaignOptions) => {
      const notWhole = (['year', 'amountCents', 'minAge', 'maxAge'] as const).filter((k) => options[k] !== undefined && !/^\d+$/.test(options[k]!));
      if (notWhole.length)
        return fail(
          io,
          notWhole
            .map((k) => `${campaignOptionNames[k]}: schrijf een heel getal, bijvoorbeeld ${k === 'year' ? '2026' : k === 'amountCents' ? '2500' : '4'}.`)
            .join('\n'),
          2,
        );
      const read = campaignInput.safeParse({
        code: options.code,
        name: options.name,
        year: Number(options.year),
        amountCents: Number(options.amountCents),
        municipalityCode: options.municipality,
        targetMinAge: options.minAge === undefined ? null : Number(options.minAge),
        targetMaxAge: options.maxAge === undefined ? null : Number(options.maxAge),
        targetAreaCode: options.wijk ?? null,
        endsOn: options.endsOn ?? null,
      });
      if (!read.success) {
        // One plain sentence per wrong option, named as it is typed.
        const lines = read.error.issues.map((issue) => `${campaignOptionNames[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`);
        return fail(io, lines.join('\n'), 2);
      }
      const result = await context.withDatabase((db) => runCampaign(db, systemActor('cli'), read.data));
      const until = result.endsOn ? ` te besteden tot en met ${formatDate(result.endsOn)}` : '';
      print(
        io,
        `${result.credited} kinderen kregen ${euro(result.amountCents)}${until}; ${result.alreadyCredited} hadden de bijdrage al; ${result.mailed} gezinnen kregen bericht.`,
      );
    });

  pass
    .command('statement')
    .description('Uitbetalingsoverzicht van een aanbieder over een periode')
    .requiredOption('--provider <organisationCode>', 'code van de organisatie van de aanbieder')
    .requiredOption('--from <date>', 'eerste dag (JJJJ-MM-DD)')
    .requiredOption('--to <date>', 'laatste dag (JJJJ-MM-DD)')
    .option('--format <format>', 'csv of pdf', 'csv')
    .requiredOption('--out <file>', 'bestand om te schrijven')
    .action(async (options: { provider: string; from: string; to: string; format: string; out: string }) => {
      await context.withDatabase(async (db) => {
        const [org] = await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, options.provider)));
        const provider = org ? await db.unaudited((q) => providerOfOrganisation(q, org.id)) : null;
        if (!provider) {
          return fail(io, `Aanbieder ${options.provider} is onbekend.`, 2);
        }
        const statement = await payoutStatement(db, systemActor('cli'), provider.id, { from: options.from, to: options.to });
        fs.writeFileSync(argPath(io, options.out), options.format === 'pdf' ? await statementPdf(statement) : statementCsv(statement));
        print(io, `${statement.lines.length} regels, uit te betalen ${euro(statement.totals.payoutCents)}: ${options.out}`);
      });
    });

  pass
    .command('payout')
    .description('Uitbetaling aan de aanbieders over een periode: een SEPA-bestand (pain.001.001.03) voor de bank')
    .requiredOption('--from <date>', 'eerste dag (JJJJ-MM-DD)')
    .requiredOption('--to <date>', 'laatste dag (JJJJ-MM-DD)')
    .requiredOption('--execution-date <date>', 'dag waarop de bank betaalt (JJJJ-MM-DD)')
    .requiredOption('--debtor-name <name>', 'naam van de rekening van de gemeente')
    .requiredOption('--debtor-iban <iban>', 'IBAN van de gemeente')
    .requiredOption('--out <file>', 'XML-bestand om te schrijven')
    .option('--municipality <code>', 'gemeentecode', DEFAULT_MUNICIPALITY)
    .action(async (options: { from: string; to: string; executionDate: string; debtorName: string; debtorIban: string; out: string; municipality: string }) => {
      const input = payoutInput.parse({
        municipalityCode: options.municipality,
        from: options.from,
        to: options.to,
        executionDate: options.executionDate,
        debtorName: options.debtorName,
        debtorIban: options.debtorIban,
      });
      await context.withDatabase(async (db) => {
        const payout = await runPayout(db, systemActor('cli'), input);
        const file = await payoutFile(db, systemActor('cli'), payout.id);
        fs.writeFileSync(argPath(io, options.out), file.xml);
        print(io, `Uitbetaling ${payout.messageId} (${payout.id}): ${payout.lines.length} aanbieders, ${euro(payout.totalCents)}: ${options.out}`);
        for (const skip of payout.skipped) print(io, `Niet meegenomen: ${skip.provider}. ${skip.text}`);
      });
    });

  pass
    .command('payout-paid')
    .description('Een uitbetaling als betaald markeren, nadat de bank het bestand heeft verwerkt (één keer)')
    .requiredOption('--id <id>', 'id van de uitbetaling')
    .action(async (options: { id: string }) => {
      const payout = await context.withDatabase((db) => markPayoutPaid(db, systemActor('cli'), options.id));
      print(io, `Uitbetaling ${payout.messageId} is betaald: ${euro(payout.totalCents)}.`);
    });
}
