import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs every benchmark in this folder (or those named on the command line) one after the other and prints
 * one JSON document. Benchmarks report ratios measured in the same run, because the machines are shared.
 * BENCH_SCALE (default 1) scales the work down for a quick look, e.g. BENCH_SCALE=0.01.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .filter((f) => !wanted.length || wanted.includes(f.replace(/\.ts$/, '')))
  .sort();

const results: Record<string, unknown> = {};
for (const file of files) {
  const name = file.replace(/\.ts$/, '');
  const started = Date.now();
  try {
    const module = (await import(pathToFileURL(path.join(here, file)).href)) as { run?: () => Promise<Record<string, unknown>> };
    if (typeof module.run !== 'function') continue;
    results[name] = { ...(await module.run()), seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    results[name] = { error: error instanceof Error ? error.message : String(error) };
    process.exitCode = 1;
  }
  process.stderr.write(`bench ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

console.log(
  JSON.stringify(
    {
      scale: Number(process.env.BENCH_SCALE ?? 1),
      machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      results,
    },
    null,
    2,
  ),
);
