import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs every benchmark in this folder (or those named on the command line), each in its own process so that
 * memory figures are its own, one after the other, and prints one JSON document. Benchmarks report ratios
 * measured in the same run, because the machines are shared. BENCH_SCALE (default 1) scales the work down for a
 * quick look, e.g. BENCH_SCALE=0.01. `signals-api` starts a server and a load generator in processes of their own
 * (the load is never generated inside the server it measures).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const self = fileURLToPath(import.meta.url);

type Bench = { run?: () => Promise<Record<string, unknown>> };

if (process.argv[2] === '--one') {
  // The child: run one benchmark and print its result as one JSON line.
  const module = (await import(pathToFileURL(path.join(here, `${process.argv[3]}.ts`)).href)) as Bench;
  const result = module.run ? await module.run() : { error: 'no run() exported' };
  process.stdout.write(`${JSON.stringify({ ...result, peakRssMbProcess: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
  process.exit(0);
}

const wanted = process.argv.slice(2);
const names = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => !wanted.length || wanted.includes(name))
  .sort();

function runOne(name: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, self, '--one', name], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(code === 0 ? (JSON.parse(line) as Record<string, unknown>) : { error: `exit ${code}`, output: out.slice(-500) });
      } catch {
        resolve({ error: 'no JSON result', output: out.slice(-500) });
      }
    });
  });
}

const results: Record<string, unknown> = {};
for (const name of names) {
  const started = Date.now();
  const result = await runOne(name);
  if ('error' in result) process.exitCode = 1;
  results[name] = { ...result, seconds: (Date.now() - started) / 1000 };
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
