// `vangnet selftest ...`: the anonymous figures on the command line.
import type { Command } from 'commander';
import { fail, print } from '../../io.ts';
import type { CliContext } from '../contracts.ts';
import { readFigures } from './figures.ts';

export function selftestCommands(program: Command, ctx: CliContext): void {
  const selftest = program.command('selftest').description('Geldfit, de anonieme geldtest');
  selftest
    .command('figures')
    .description(
      'Anonieme tellingen (bezoeken, afgerond, uitslagen, verwijzingen) over hele maanden, kleine aantallen afgeschermd als op het dashboard (na de laatste verversing), als JSON',
    )
    .requiredOption('--from <month>', 'eerste maand, jjjj-mm')
    .requiredOption('--to <month>', 'laatste maand, jjjj-mm')
    .action((options: { from: string; to: string }) =>
      ctx.withDatabase(async (db) => {
        if (!/^\d{4}-\d{2}$/.test(options.from) || !/^\d{4}-\d{2}$/.test(options.to))
          return fail(ctx.io, 'Schrijf --from en --to als jaar en maand, bijvoorbeeld 2021-01. De cijfers zijn er alleen per hele maand.', 2);
        print(ctx.io, JSON.stringify(await readFigures(db, options.from, options.to), null, 2));
      }),
    );
}
