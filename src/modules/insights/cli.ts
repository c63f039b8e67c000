import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { argPath, fail, print, printError } from '../../io.ts';
import { systemActor } from '../../platform/actor.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { CliContext } from '../contracts.ts';
import { ensureInsightsReferenceData, importDataset, refreshFromModules } from './commands.ts';
import { defaultRefreshRange } from './domain/dashboard.ts';
import { importPopulation } from './population.ts';
import { DEFAULT_MUNICIPALITY, municipalityCode } from '../../platform/municipalities.ts';
import { publishRelease } from './releases.ts';
import { insightsSettings } from './settings.ts';

/** `vangnet insights refresh|import|import-population`. */
export function insightsCommands(program: Command, ctx: CliContext): void {
  const insights = program.command('insights').description('Dashboard Sociaal Domein: cijfers per wijk en periode');
  insights
    .command('refresh')
    .description('Haal de cijfers van alle modules opnieuw op')
    .option('--from <maand>', 'eerste maand (JJJJ-MM), standaard 36 maanden terug')
    .option('--to <maand>', 'laatste maand (JJJJ-MM), standaard deze maand')
    .option('--json', 'uitkomst als JSON')
    .action(async (options: { from?: string; to?: string; json?: boolean }) => {
      await ctx.withDatabase(async (db) => {
        await ensureInsightsReferenceData(db);
        const range = defaultRefreshRange(db.clock.now(), 36);
        const summary = await refreshFromModules(db, ctx.modules, { fromMonth: options.from ?? range.fromMonth, toMonth: options.to ?? range.toMonth });
        if (options.json) print(ctx.io, JSON.stringify(summary, null, 2));
        else {
          print(ctx.io, `Cijfers opgehaald voor ${summary.fromMonth} t/m ${summary.toMonth}:`);
          for (const m of summary.modules)
            print(ctx.io, `  ${m.name.padEnd(10)} ${m.measures} maten, ${m.values} waarden${m.skipped ? `, ${m.skipped} overgeslagen` : ''}`);
        }
      });
    });
  insights
    .command('import')
    .description('Lees een bestand met cijfers in (CSV met de kolommen gebied, periode, waarde)')
    .argument('<file>', 'het CSV-bestand')
    .requiredOption('--measure <code>', 'de maat, bijvoorbeeld sdd.debt_help_trajectories')
    .option('--json', 'samenvatting als JSON')
    .action(async (name: string, options: { measure: string; json?: boolean }) => {
      const file = argPath(ctx.io, name);
      // As for signal files: exit 0 when the file was read (rejected rows are in the summary), 2 when it could not be.
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        return fail(ctx.io, `Het bestand ${name} bestaat niet of is geen bestand.`, 2);
      }
      await ctx.withDatabase(async (db) => {
        try {
          await ensureInsightsReferenceData(db);
          const summary = await importDataset(db, systemActor('insights-cli'), {
            measureCode: options.measure,
            fileName: path.basename(file),
            content: new Uint8Array(fs.readFileSync(file)),
          });
          const { importId: _id, measure: _m, ...json } = summary;
          if (options.json) print(ctx.io, JSON.stringify(json, null, 2));
          else {
            print(ctx.io, `${summary.rows} regels: ${summary.accepted} opgeslagen, ${summary.duplicates} al bekend, ${summary.rejected} afgewezen.`);
            for (const r of summary.rejections) print(ctx.io, `  regel ${r.line}, ${r.field}: ${r.reason}`);
          }
        } catch (error) {
          if (error instanceof ValidationError) {
            printError(ctx.io, error.message);
            for (const e of error.details.errors ?? []) printError(ctx.io, `  ${e.line ? `regel ${e.line}, ` : ''}${e.field}: ${e.reason}`);
            ctx.io.exitCode = 2;
          } else throw error;
        }
      });
    });
  insights
    .command('import-population')
    .description('Lees inwonertallen in (CSV met de kolommen gebied, jaar, inwoners en eventueel huishoudens)')
    .argument('<file>', 'het CSV-bestand')
    .option('--json', 'samenvatting als JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const file = argPath(ctx.io, name);
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        return fail(ctx.io, `Het bestand ${name} bestaat niet of is geen bestand.`, 2);
      }
      await ctx.withDatabase(async (db) => {
        try {
          await ensureInsightsReferenceData(db);
          const summary = await importPopulation(db, systemActor('insights-cli'), {
            fileName: path.basename(file),
            content: new Uint8Array(fs.readFileSync(file)),
          });
          const { importId: _id, ...json } = summary;
          if (options.json) print(ctx.io, JSON.stringify(json, null, 2));
          else {
            print(ctx.io, `${summary.rows} regels: ${summary.accepted} opgeslagen, ${summary.duplicates} al bekend, ${summary.rejected} afgewezen.`);
            for (const r of summary.rejections) print(ctx.io, `  regel ${r.line}, ${r.field}: ${r.reason}`);
          }
        } catch (error) {
          if (error instanceof ValidationError) {
            printError(ctx.io, error.message);
            for (const e of error.details.errors ?? []) printError(ctx.io, `  ${e.line ? `regel ${e.line}, ` : ''}${e.field}: ${e.reason}`);
            ctx.io.exitCode = 2;
          } else throw error;
        }
      });
    });
  insights
    .command('publish')
    .description('Leg de cijfers van een periode vast (een publicatie); later veranderen ze niet meer')
    .argument('<periode>', 'de periode, bijvoorbeeld 2021-H1 (halfjaar), 2021-Q1, 2021-03 of 2021')
    .option('--municipality <code>', 'de gemeente', DEFAULT_MUNICIPALITY)
    .option('--again', 'maak een nieuwe versie als de periode al is vastgelegd (de oude blijft zoals ze is)')
    .option('--note <tekst>', 'waarom deze versie')
    .option('--json', 'uitkomst als JSON')
    .action(async (period: string, options: { municipality: string; again?: boolean; note?: string; json?: boolean }) => {
      if (!municipalityCode.safeParse(options.municipality).success) {
        return fail(ctx.io, 'Geef de gemeente op als GM gevolgd door vier cijfers, bijvoorbeeld GM0505.', 2);
      }
      await ctx.withDatabase(async (db) => {
        try {
          await ensureInsightsReferenceData(db);
          const release = await publishRelease(
            db,
            systemActor('insights-cli'),
            { period, municipality: options.municipality, again: options.again ?? false, note: options.note ?? '' },
            insightsSettings().minCount,
          );
          if (options.json) print(ctx.io, JSON.stringify(release, null, 2));
          else {
            const hidden = release.cells.filter((c) => c.state !== 'shown').length;
            print(ctx.io, `Cijfers van ${release.period} vastgelegd als versie ${release.version}: ${release.cells.length} cijfers, ${hidden} niet getoond.`);
          }
        } catch (error) {
          if (error instanceof ValidationError) {
            printError(ctx.io, error.message);
            for (const e of error.details.errors ?? []) printError(ctx.io, `  ${e.field}: ${e.reason}`);
            ctx.io.exitCode = 2;
          } else throw error;
        }
      });
    });
}
