import fs from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../../platform/actor.ts';
import { describeForCli } from '../../platform/errors.ts';
import { argPath, fail, print, type CommandIo } from '../../io.ts';
import type { CliContext } from '../contracts.ts';
import { importHsds } from './hsds/import.ts';
import { importProblemMessages } from './hsds/messages.ts';
import { loadPostcodeCentresCsv, postcodeCentresView } from './postcodeStore.ts';

/** `vangnet directory ...`: the social map's configuration. The CLI acts as the system, on behalf of the operator. */
export function directoryCommands(program: Command, context: CliContext): void {
  const io: CommandIo = context.io;
  const directory = program.command('directory').description('GeldenzoDordt: de sociale kaart');
  const postcodes = directory.command('postcodes').description('Postcodegebieden (PC4) met middelpunt, voor zoeken op afstand');
  postcodes
    .command('load')
    .description('Vervang alle postcodegebieden door een CSV-bestand (kolommen pc4;plaats;latitude;longitude, WGS84)')
    .argument('<file>', 'het bestand')
    .action(async (name: string) => {
      const file = argPath(io, name);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        return fail(io, `Het bestand ${name} bestaat niet of kan niet worden gelezen.`, 2);
      }
      await context.withDatabase(async (db) => {
        try {
          const result = await loadPostcodeCentresCsv(db, systemActor('cli:directory-postcodes'), text);
          print(io, `Postcodegebieden geladen: ${result.areas}.`);
        } catch (error) {
          fail(io, describeForCli(error));
        }
      });
    });
  postcodes
    .command('show')
    .description('Toon hoeveel postcodegebieden de zoekfunctie kent')
    .action(async () =>
      context.withDatabase(async (db) => {
        const view = await postcodeCentresView(db);
        print(io, view.builtIn ? `${view.areas} postcodegebieden (ingebouwde set voor de Drechtsteden).` : `${view.areas} postcodegebieden (geladen).`);
      }),
    );
  directory
    .command('import-hsds')
    .description('Lees een sociale kaart in als Open Referral HSDS 3.0 (JSON); druk de aantallen en de meldingen af als JSON')
    .argument('<file>', 'het HSDS-bestand (een lijst diensten, of het hele bestand met "services")')
    .requiredOption('--source <name>', 'de naam van de bron, bijvoorbeeld Zwijndrecht')
    .option('--municipality <code>', 'de gemeentecode waar de diensten bij horen (standaard GM0505)')
    .action(async (name: string, options: { source: string; municipality?: string }) => {
      const file = argPath(io, name);
      let text: string;
      try {
        if (fs.statSync(file).size > context.config().uploadMaxBytes) return fail(io, `Het bestand ${name} is groter dan de uploadlimiet.`, 2);
        text = fs.readFileSync(file, 'utf8');
      } catch {
        return fail(io, `Het bestand ${name} bestaat niet of kan niet worden gelezen.`, 2);
      }
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch {
        return fail(io, importProblemMessages.not_json, 2);
      }
      await context.withDatabase(async (db) => {
        try {
          const result = await importHsds(db, systemActor('cli:directory-import-hsds'), {
            document,
            source: options.source,
            ...(options.municipality ? { municipalityCode: options.municipality } : {}),
          });
          print(io, JSON.stringify(result, null, 2));
        } catch (error) {
          fail(io, describeForCli(error));
        }
      });
    });
}
