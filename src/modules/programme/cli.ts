import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { argPath, fail, print } from '../../io.ts';
import { systemActor } from '../../platform/actor.ts';
import { municipalityName } from '../../platform/municipalities.ts';
import type { CliContext } from '../contracts.ts';
import { periodPattern } from './contract.ts';
import { generateLetter, listProgrammes } from './queries.ts';

/** `vangnet programme letter`. */
export function programmeCommands(program: Command, ctx: CliContext): void {
  const cmd = program.command('programme').description('Het programma Samen tegen Armoede: voortgang en raadsinformatiebrief');
  cmd
    .command('letter')
    .description('Maak de raadsinformatiebrief van een periode, als PDF of DOCX (volgens de extensie van --out)')
    .requiredOption('--period <periode>', 'halfjaar, bijvoorbeeld 2021-H1')
    .requiredOption('--out <bestand>', 'het bestand, eindigend op .pdf of .docx')
    .option('--programme <id>', 'het programma (standaard het enige programma)')
    .action(async (options: { period: string; out: string; programme?: string }) => {
      const format = path.extname(options.out).toLowerCase().slice(1);
      if (format !== 'pdf' && format !== 'docx') {
        return fail(ctx.io, 'Geef een bestand op dat eindigt op .pdf of .docx.', 2);
      }
      if (!periodPattern.test(options.period)) {
        return fail(ctx.io, 'Geef een halfjaar op, bijvoorbeeld 2021-H1.', 2);
      }
      await ctx.withDatabase(async (db) => {
        const actor = systemActor('programme-cli');
        const all = await listProgrammes(db, actor);
        const chosen = options.programme ? all.find((p) => p.id === options.programme) : all.length === 1 ? all[0] : undefined;
        if (!chosen) {
          fail(
            ctx.io,
            all.length === 0
              ? 'Er is nog geen programma. Laad de demo met: vangnet seed --demo'
              : `Kies een programma met --programme:\n${all.map((p) => `  ${p.id}  ${p.name} (${municipalityName(p.municipalityCode)})`).join('\n')}`,
            2,
          );
          return;
        }
        const letter = await generateLetter(db, actor, chosen.id, options.period, format);
        fs.writeFileSync(argPath(ctx.io, options.out), letter.body);
        print(ctx.io, `Raadsinformatiebrief ${options.period} geschreven naar ${options.out} (${letter.body.length} bytes).`);
      });
    });
}
