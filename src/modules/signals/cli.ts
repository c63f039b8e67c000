import fs from 'node:fs';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { systemActor } from '../../platform/actor.ts';
import { describeForCli } from '../../platform/errors.ts';
import { argPath, fail, failUnreadableFile, print, type CommandIo } from '../../io.ts';
import type { CliContext } from '../contracts.ts';
import type { Database } from '../../db/database.ts';
import { importSignalFile } from './commands/importSignalFile.ts';
import { letterProblem } from './letterMessages.ts';
import { signalProblem } from './messages.ts';
import { creditorImportResult } from './importResult.ts';
import { purgeExpiredCases } from './commands/purgeExpiredCases.ts';
import { planOfferLetters, previewOfferLetters } from './commands/planOfferLetters.ts';
import { writeLetterRunToFiles } from './commands/sendOfferLetters.ts';
import { clearColumnMapping, getColumnMapping, setColumnMapping, type ColumnMappingView } from './mapping.ts';
import { readSignalFileBatches, signalColumnNames } from './parse.ts';
import { monitorCsvExport } from './queries/monitor.ts';
import { signalSettings } from './settings.ts';
import { exportDdas } from './ddasExport.ts';
import { getMunicipalSignalSettings, setMunicipalSignalSettings, type MunicipalSignalSettings } from './municipalSettings.ts';
import { loadPostcodeAreasCsv, postcodeAreaCounts } from './postcodeAreas.ts';

/** The size of a regular file, or null when it is missing, not a file or out of reach. */
function fileSize(file: string): number | null {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}

/** `vangnet signals ...` and the top-level `vangnet purge`. The CLI acts as the system, on behalf of the operator. */
export function signalCommands(program: Command, context: CliContext): void {
  const io: CommandIo = context.io;
  const signals = program.command('signals').description('Vroeg Eropaf: signalen van betalingsachterstanden');
  /** Runs `work` on the database (the platform opens and closes it); a failure is printed in Dutch, exit code 1. */
  const withDb = (work: (db: Database) => Promise<unknown>, onError?: () => void) =>
    context.withDatabase(async (db) => {
      try {
        await work(db);
      } catch (error) {
        onError?.();
        fail(io, describeForCli(error));
      }
    });

  signals
    .command('import')
    .description('Lees een bestand met signalen van een schuldeiser in (CSV of XLSX)')
    .argument('<file>', 'het bestand')
    .requiredOption('--creditor <code>', 'code van de schuldeiser, bijvoorbeeld TRIVIRE')
    .option('--municipality <code>', 'gemeentecode, bijvoorbeeld GM0505: alle regels voor die gemeente (zonder: elke regel naar de gemeente van de postcode)')
    .option('--json', 'druk het resultaat af als JSON')
    .action(async (name: string, options: { creditor: string; municipality?: string; json?: boolean }) => {
      const file = argPath(io, name);
      const size = fileSize(file);
      if (size === null) return failUnreadableFile(io, name);
      const showBar = io.interactive && !options.json;
      const bar = new SingleBar({ format: 'Inlezen [{bar}] {percentage}% | {rows} regels', hideCursor: true }, Presets.shades_classic);
      await withDb(
        async (db) => {
          if (showBar) bar.start(size, 0, { rows: 0 });
          let rowsSoFar = 0;
          const summary = await importSignalFile(db, systemActor('cli:signals-import'), {
            creditor: { code: options.creditor },
            municipalityCode: options.municipality,
            channel: 'cli',
            fileName: path.basename(file),
            rows: (today, intake) =>
              readSignalFileBatches(fs.createReadStream(file), { today, intake, onBytes: (b) => showBar && bar.update(b, { rows: rowsSoFar }) }),
            onRows: (n) => {
              rowsSoFar = n;
              // In a log (no terminal), progress goes to stderr, so stdout stays clean for --json.
              if (!showBar && !io.errorInteractive && n % 10_000 === 0 && n > 0) io.writeError(`Voortgang: ${n} regels gelezen\n`);
            },
            settings: signalSettings(),
          });
          if (showBar) {
            bar.update(size, { rows: summary.rows });
            bar.stop();
          }
          const { rows, accepted, duplicates, rejected, rejections } = summary;
          if (options.json) {
            // What the creditor may be sent: its own rows only, nothing about cases (see importResult.ts).
            const { importId: _importId, municipalityCode: _municipality, rejectionsTruncated, ...own } = creditorImportResult(summary);
            print(io, JSON.stringify({ ...own, ...(rejectionsTruncated ? { rejectionsTruncated: true } : {}) }));
          } else {
            print(
              io,
              `${rows} regels: ${accepted} opgeslagen, ${duplicates} dubbel (al eerder ontvangen), ${rejected} afgewezen. ${summary.casesCreated} nieuwe zaken.`,
            );
            // Where the rows went: per municipality (a file routed by postcode holds several), and the non-residents.
            for (const [code, m] of Object.entries(summary.municipalities).sort())
              print(io, `  ${code}: ${m.accepted} signalen, ${m.casesCreated} nieuwe zaken`);
            print(
              io,
              `  geen inwoner van ${Object.keys(summary.municipalities).length > 1 || !options.municipality ? 'een van de gemeenten' : 'de gemeente'}: ${summary.notResident} (geen zaak, geen brief; geteld bij ${summary.municipalityCode})`,
            );
            for (const r of rejections.slice(0, 50)) print(io, `  regel ${r.line}, ${r.field}: ${r.reason}`);
            if (rejections.length > 50) print(io, `  ... en nog ${rejections.length - 50} meldingen`);
          }
        },
        () => {
          if (showBar) bar.stop();
        },
      );
    });

  // The column mapping per creditor (what the signal officer sets on the page "Kolomkoppeling").
  const mapping = signals.command('mapping').description('Kolomkoppeling per schuldeiser: welke kolom in diens bestanden welk veld is');
  const printMapping = (view: ColumnMappingView, json?: boolean) => {
    if (json) return print(io, JSON.stringify(view));
    const entries = Object.entries(view.columns);
    if (!entries.length) return print(io, `${view.creditorName} (${view.creditorCode}): geen kolomkoppeling; de standaardkolomnamen gelden.`);
    print(io, `${view.creditorName} (${view.creditorCode}):`);
    for (const [field, column] of entries) print(io, `  ${field} = ${column}`);
  };
  mapping
    .command('show')
    .description('Toon de kolomkoppeling van een schuldeiser')
    .requiredOption('--creditor <code>', 'code van de schuldeiser, bijvoorbeeld TRIVIRE')
    .option('--json', 'druk het resultaat af als JSON')
    .action((options: { creditor: string; json?: boolean }) =>
      withDb(async (db) => printMapping(await getColumnMapping(db, systemActor('cli:signals-mapping'), { code: options.creditor }), options.json)),
    );
  mapping
    .command('set')
    .description(`Leg de kolomkoppeling vast (vervangt de vorige), als veld=kolomnaam; velden: ${signalColumnNames.join(', ')}`)
    .requiredOption('--creditor <code>', 'code van de schuldeiser, bijvoorbeeld TRIVIRE')
    .argument('<koppelingen...>', 'veld=kolomnaam, bijvoorbeeld bedrag="Openstaand saldo"')
    .option('--json', 'druk het resultaat af als JSON')
    .action((pairs: string[], options: { creditor: string; json?: boolean }) => {
      const columns: Record<string, string> = {};
      for (const pair of pairs) {
        const at = pair.indexOf('=');
        if (at <= 0) return fail(io, `Schrijf elke koppeling als veld=kolomnaam, bijvoorbeeld bedrag="Openstaand saldo" (niet: ${pair}).`, 2);
        columns[pair.slice(0, at).trim().toLowerCase()] = pair.slice(at + 1);
      }
      return withDb(async (db) =>
        printMapping(await setColumnMapping(db, systemActor('cli:signals-mapping'), { code: options.creditor }, { columns }), options.json),
      );
    });
  mapping
    .command('clear')
    .description('Verwijder de kolomkoppeling van een schuldeiser (de standaardkolomnamen gelden weer)')
    .requiredOption('--creditor <code>', 'code van de schuldeiser, bijvoorbeeld TRIVIRE')
    .action((options: { creditor: string }) =>
      withDb(async (db) => printMapping(await clearColumnMapping(db, systemActor('cli:signals-mapping'), { code: options.creditor }))),
    );

  /**
   * A switch of the municipality's signal settings: `show`, `on` and `off`, each with `--municipality` and `--json`;
   * audited through the settings commands, as the system on behalf of the operator.
   */
  const settingSwitch = (
    command: Command,
    actorName: string,
    key: 'municipalTaxes' | 'offerByMail',
    subject: string,
    descriptions: readonly [show: string, on: string, off: string],
  ) => {
    for (const [name, description, value] of [
      ['show', descriptions[0], undefined],
      ['on', descriptions[1], true],
      ['off', descriptions[2], false],
    ] as const) {
      command
        .command(name)
        .description(description)
        .requiredOption('--municipality <code>', 'gemeentecode, bijvoorbeeld GM0505')
        .option('--json', 'druk het resultaat af als JSON')
        .action((options: { municipality: string; json?: boolean }) =>
          withDb(async (db) => {
            const actor = systemActor(actorName);
            const view: MunicipalSignalSettings =
              value === undefined
                ? await getMunicipalSignalSettings(db, actor, options.municipality)
                : await setMunicipalSignalSettings(db, actor, options.municipality, { [key]: value });
            print(io, options.json ? JSON.stringify(view) : `${view.municipalityName} (${view.municipalityCode}): ${subject} ${view[key] ? 'aan' : 'uit'}.`);
          }),
        );
    }
  };

  // Municipal taxes per municipality (an experiment under Wgs art. 10): off unless switched on; audited.
  settingSwitch(
    signals.command('taxes').description('Signalen over gemeentelijke belastingen per gemeente (proef, Wgs art. 10): tonen, aanzetten, uitzetten'),
    'cli:signals-taxes',
    'municipalTaxes',
    'signalen over gemeentelijke belastingen staan',
    [
      'Toon of de gemeente signalen over gemeentelijke belastingen aanneemt',
      'Zet signalen over gemeentelijke belastingen aan voor de gemeente',
      'Zet signalen over gemeentelijke belastingen uit voor de gemeente',
    ],
  );

  // The offer of help by e-mail per municipality: off unless switched on; audited.
  settingSwitch(
    signals
      .command('offer-mail')
      .description('Het aanbod van hulp per e-mail (aan het adres uit het signaal, in plaats van een brief) per gemeente: tonen, aanzetten, uitzetten'),
    'cli:signals-offer-mail',
    'offerByMail',
    'het aanbod van hulp per e-mail staat',
    [
      'Toon of de gemeente het aanbod per e-mail toestaat',
      'Sta het aanbod per e-mail toe voor de gemeente',
      'Zet het aanbod per e-mail uit voor de gemeente (dan gaat het aanbod altijd per brief)',
    ],
  );

  signals
    .command('monitor')
    .description('Monitor vroegsignalering als CSV (per gemeente en soort schuldeiser)')
    .requiredOption('--period <period>', 'periode: 2025-Q1 (kwartaal), 2025-03 (maand) of 2025 (jaar)')
    .option('--municipality <code>', 'alleen deze gemeente')
    .option('--output <file>', 'schrijf naar een bestand in plaats van het scherm')
    .action(async (options: { period: string; municipality?: string; output?: string }) => {
      await withDb(async (db) => {
        const csv = await monitorCsvExport(db, systemActor('cli:signals-monitor'), { period: options.period, municipalityCode: options.municipality });
        if (options.output) fs.writeFileSync(argPath(io, options.output), csv);
        else io.write(csv);
      });
    });

  signals
    .command('ddas')
    .description('Het DDAS-uitwisselbestand (versie 1.2) voor de monitor van het CBS: signalen, zaken en contactpogingen van een periode')
    .requiredOption('--from <date>', 'eerste signaaldatum (JJJJ-MM-DD)')
    .requiredOption('--to <date>', 'laatste signaaldatum (JJJJ-MM-DD)')
    .requiredOption('--out <file>', 'het JSON-bestand; bij meer dan één pagina komt er -2, -3 ... voor de extensie')
    .option('--municipality <code>', 'alleen deze gemeente, bijvoorbeeld GM0505')
    .option('--page-size <n>', 'signalen per pagina (ten hoogste 50000)', '50000')
    .action(async (options: { from: string; to: string; out: string; municipality?: string; pageSize: string }) => {
      await withDb(async (db) => {
        const actor = systemActor('cli:signals-ddas');
        const query = { from: options.from, to: options.to, municipalityCode: options.municipality, pageSize: options.pageSize };
        const first = await exportDdas(db, actor, { ...query, page: 1 }, signalSettings());
        const out = argPath(io, options.out);
        const ext = path.extname(out);
        const nameOf = (page: number) => (page === 1 ? out : `${out.slice(0, out.length - ext.length)}-${page}${ext}`);
        fs.writeFileSync(nameOf(1), JSON.stringify(first.document, null, 2), { mode: 0o600 });
        for (let page = 2; page <= first.pages; page++) {
          const next = await exportDdas(db, actor, { ...query, page }, signalSettings());
          fs.writeFileSync(nameOf(page), JSON.stringify(next.document, null, 2), { mode: 0o600 });
        }
        const files = Array.from({ length: first.pages }, (_, i) => nameOf(i + 1));
        print(
          io,
          `${first.totalSignals} signalen van ${options.from} tot en met ${options.to} in ${first.pages} bestand(en): ${files.join(', ')}. Het bestand bevat BSN's: verstuur het alleen over de beveiligde verbinding met het CBS.`,
        );
      });
    });

  signals
    .command('letters')
    .description('Maak de brieven met een aanbod van hulp voor alle zaken die klaarstaan (één PDF per stapel, op postcode)')
    .requiredOption('--municipality <code>', 'gemeentecode, bijvoorbeeld GM0505')
    .requiredOption('--output <file>', 'het PDF-bestand; bij meer stapels brieven-2.pdf, brieven-3.pdf, ...')
    .option('--date <date>', 'datum van de brieven (JJJJ-MM-DD), standaard vandaag')
    .option('--batch-size <n>', 'brieven per stapel (standaard VANGNET_SIGNALS_LETTER_BATCH_SIZE)')
    .action(async (options: { municipality: string; output: string; date?: string; batchSize?: string }) => {
      await withDb(async (db) => {
        const actor = systemActor('cli:signals-letters');
        const settings = signalSettings();
        const batchSize = options.batchSize ? Number(options.batchSize) : undefined;
        if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 1000)) throw signalProblem('letter_batch_size_invalid');
        const selection = { kind: 'awaiting' } as const;
        const preview = await previewOfferLetters(db, actor, { municipalityCode: options.municipality, selection, reprint: false, batchSize }, settings);
        if (!preview.count) throw letterProblem('no_letters_waiting');
        const run = await planOfferLetters(
          db,
          actor,
          { municipalityCode: options.municipality, selection, reprint: false, confirmCount: preview.count, date: options.date, batchSize },
          settings,
        );
        const output = argPath(io, options.output);
        // One file per print batch: brieven.pdf, brieven-2.pdf, ... (named as the officer wrote the name).
        const numbered = (name: string, n: number) => (n === 1 ? name : name.replace(/(\.pdf)?$/i, `-${n}$1`));
        const result = await writeLetterRunToFiles(db, actor, run, settings, (batch) => fs.createWriteStream(numbered(output, batch.number), { mode: 0o600 }));
        const files = run.batches.map((b) => numbered(options.output, b.number));
        if (files.length)
          print(
            io,
            `${result.letters} ${result.letters === 1 ? 'brief' : 'brieven'} geschreven naar ${files.join(', ')} (${result.files === 1 ? '1 stapel' : `${result.files} stapels`} voor de drukkerij).`,
          );
        if (run.mailed) print(io, `Aanbod per e-mail klaargezet voor ${run.mailed} ${run.mailed === 1 ? 'zaak' : 'zaken'} (in plaats van een brief).`);
      });
    });

  // The postcode table that routes signals to municipalities (and gives cases their wijk): the admin's configuration.
  const areas = program.command('postcode-areas').description('Postcodetabel: welke postcode in welke gemeente, wijk en buurt ligt (routering van signalen)');
  areas
    .command('load')
    .description('Vervang de hele postcodetabel door een CSV-bestand (kolommen postcode;gemeente;wijk;wijknaam;buurt;buurtnaam)')
    .argument('<file>', 'het bestand')
    .option('--json', 'druk het resultaat af als JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const file = argPath(io, name);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        return failUnreadableFile(io, name);
      }
      await withDb(async (db) => {
        const result = await loadPostcodeAreasCsv(db, systemActor('cli:postcode-areas'), text);
        if (options.json) return print(io, JSON.stringify(result));
        print(io, `Postcodetabel geladen: ${result.postcodes} postcodes.`);
        for (const [code, n] of Object.entries(result.municipalities).sort()) print(io, `  ${code}: ${n}`);
      });
    });
  areas
    .command('show')
    .description('Toon per gemeente hoeveel postcodes de tabel heeft')
    .action(async () =>
      withDb(async (db) => {
        const counts = await postcodeAreaCounts(db);
        for (const [code, n] of Object.entries(counts).sort()) print(io, `${code}: ${n} postcodes`);
      }),
    );

  program
    .command('purge')
    .description('Verwijder persoonsgegevens na de bewaartermijn (vroegsignalering: signalen zonder hulp vanaf ontvangst, zaken met hulp vanaf sluiting)')
    .option('--json', 'druk het resultaat af als JSON')
    .action(async (options: { json?: boolean }) => {
      await withDb(async (db) => {
        const summary = await purgeExpiredCases(db, signalSettings());
        if (options.json) print(io, JSON.stringify({ signals: summary }));
        else
          print(
            io,
            `Vroegsignalering: ${summary.signalsPurged} signalen, ${summary.casesPurged} zaken (waarvan ${summary.helpedCasesPurged} met hulp) en ${summary.personsErased} personen verwijderd; ` +
              `${summary.casesRecomputed} zaken houden hun nieuwere signalen. Signalen zonder hulp ontvangen vóór ${summary.cutoff}, zaken met hulp gesloten vóór ${summary.helpedCutoff}.`,
          );
      });
    });
}
