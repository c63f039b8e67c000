import fs from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../../platform/actor.ts';
import { DEFAULT_MUNICIPALITY } from '../../platform/municipalities.ts';
import { argPath, fail, failUnreadableFile, print } from '../../io.ts';
import type { CliContext } from '../contracts.ts';
import { lapseInvitations, newYearInput, startPassYear } from './commands/passYear.ts';
import { eligibilityRulesInput, getEligibilityRules, setEligibilityRules } from './eligibilityConfig.ts';
import { euro } from './messages.ts';

/** `vangnet pass new-year | lapse | eligibility`: a new pass year and its rules from the command line. */
export function passYearCommands(pass: Command, context: CliContext): void {
  const { io } = context;

  pass
    .command('new-year')
    .description('Nieuw pasjaar: verleng de passen van uitkeringsontvangers, nodig de anderen uit (nog een keer draaien verandert niets)')
    .requiredOption('--year <year>', 'het nieuwe pasjaar, bijvoorbeeld 2027')
    .requiredOption('--benefits <file>', 'CSV van de sociale dienst met de kolommen bsn en uitkering')
    .option('--deadline <date>', 'uiterste datum om te bevestigen (JJJJ-MM-DD); standaard 31 januari van het nieuwe jaar')
    .option('--municipality <code>', 'gemeentecode', DEFAULT_MUNICIPALITY)
    .action(async (options: { year: string; benefits: string; deadline?: string; municipality: string }) => {
      let csv: string;
      try {
        csv = fs.readFileSync(argPath(io, options.benefits), 'utf8');
      } catch {
        return failUnreadableFile(io, options.benefits);
      }
      const parsed = newYearInput.safeParse({
        municipalityCode: options.municipality,
        year: Number(options.year),
        deadline: options.deadline ?? `${options.year}-01-31`,
        benefitsCsv: csv,
      });
      if (!parsed.success) return fail(io, 'Het jaar of de uiterste datum klopt niet. Schrijf het jaar als 2027 en de datum als 2027-01-31.', 2);
      const result = await context.withDatabase((db) => startPassYear(db, systemActor('cli'), parsed.data));
      for (const problem of result.problems) print(io, `Niet gelezen: ${problem.message} (veld ${problem.field})`);
      print(io, result.summary);
    });

  pass
    .command('lapse')
    .description('Laat uitnodigingen vervallen waarvan de uiterste datum voorbij is')
    .requiredOption('--year <year>', 'pasjaar')
    .option('--municipality <code>', 'gemeentecode', DEFAULT_MUNICIPALITY)
    .action(async (options: { year: string; municipality: string }) => {
      const result = await context.withDatabase((db) => lapseInvitations(db, systemActor('cli'), options.municipality, Number(options.year)));
      print(io, result.summary);
    });

  pass
    .command('eligibility')
    .description('Toon de regels van een pasjaar, of sla ze op uit een JSON-bestand')
    .requiredOption('--year <year>', 'pasjaar')
    .option('--set <file>', 'JSON-bestand met de regels (zoals getoond)')
    .option('--municipality <code>', 'gemeentecode', DEFAULT_MUNICIPALITY)
    .action(async (options: { year: string; set?: string; municipality: string }) => {
      await context.withDatabase(async (db) => {
        if (options.set) {
          let raw: unknown;
          try {
            raw = JSON.parse(fs.readFileSync(argPath(io, options.set), 'utf8'));
          } catch {
            return failUnreadableFile(io, options.set);
          }
          const input = eligibilityRulesInput.safeParse({ ...(raw as object), municipalityCode: options.municipality, passYear: Number(options.year) });
          if (!input.success)
            return fail(
              io,
              `Het bestand ${options.set} mist regels of heeft een verkeerd soort waarde bij: ${input.error.issues.map((i) => i.path.join('.')).join(', ')}.`,
              2,
            );
          await setEligibilityRules(db, systemActor('cli'), input.data);
          print(io, `De regels voor ${options.year} zijn opgeslagen.`);
        }
        const rules = await getEligibilityRules(db, systemActor('cli'), options.municipality, Number(options.year));
        print(io, `Pasjaar ${rules.passYear}${rules.saved ? '' : ' (nog geen eigen regels: overgenomen)'}:`);
        print(io, `Inkomensgrens: ${rules.incomeLimitPercent}% van de bijstandsnorm`);
        print(
          io,
          `Vermogensgrens: ${Object.entries(rules.assetsLimitCents)
            .map(([type, cents]) => `${type} ${euro(cents)}`)
            .join(', ')}`,
        );
        print(io, `Mantelzorgers: ${rules.carerRouteOpen ? 'open' : 'dicht'}; vrijwilligers: ${rules.volunteerRouteOpen ? 'open' : 'dicht'}`);
        print(io, `Tegoed dat over is: ${rules.unspentBudgetRule === 'carry_over' ? 'gaat mee' : 'vervalt'}`);
        for (const proof of rules.proofs) print(io, `Bewijsstuk: ${proof}`);
      });
    });
}
