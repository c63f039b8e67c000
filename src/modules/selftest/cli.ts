// `vangnet selftest ...`: the anonymous figures on the command line.
import type { Command } from 'commander';
import { print } from '../../io.ts';
import type { CliContext } from '../contracts.ts';
import { summarise } from './figures.ts';
import { countsBetween } from './store.ts';

export function selftestCommands(program: Command, ctx: CliContext): void {
  const selftest = program.command('selftest').description('Geldfit, de anonieme geldtest');
  selftest
    .command('figures')
    .description('Anonieme tellingen (bezoeken, afgerond, uitslagen, verwijzingen) over een periode, als JSON')
    .requiredOption('--from <date>', 'eerste dag, jjjj-mm-dd')
    .requiredOption('--to <date>', 'laatste dag, jjjj-mm-dd')
    .action((options: { from: string; to: string }) =>
      ctx.withDatabase(async (db) => {
        print(ctx.io, JSON.stringify(summarise(await countsBetween(db, options.from, options.to), options.from, options.to), null, 2));
      }),
    );
}
