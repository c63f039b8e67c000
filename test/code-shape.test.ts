import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import madge from 'madge';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * The shape of the code, as the README's map and docs/modules.md describe it: modules meet only through their
 * `index.ts` (a Biome rule, run here on a file that breaks it), no module imports the registry that lists it and
 * no other runtime import cycle exists, and every locked dependency installs on this Node. The linter and the
 * formatter themselves run in `npm test` (`biome check .`) before the tests.
 */
const root = path.resolve(import.meta.dirname, '..');
const biome = path.join(root, 'node_modules/.bin/biome');

/** Lints `source` as if it were the file `file` of this project, in a scratch copy of the layout (nothing lands in the tree). */
function lintAs(file: string, source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-lint-'));
  try {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'biome.json'), 'utf8')) as { vcs?: unknown; $schema?: string };
    delete config.vcs;
    delete config.$schema;
    fs.writeFileSync(path.join(dir, 'biome.json'), JSON.stringify(config));
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
    const result = spawnSync(biome, ['lint', file, '--max-diagnostics=50'], { cwd: dir, encoding: 'utf8' });
    return `${result.stdout}\n${result.stderr}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('code shape', () => {
  it('refuses an import of another module’s inside, and allows its index.ts', () => {
    const inside = lintAs('src/modules/signals/border-check.ts', "import { listReferrals } from '../referrals/queries.ts';\nexport const x = listReferrals;\n");
    expect(inside).toContain('noRestrictedImports');
    expect(inside).toContain("importeer uit 'referrals/index.ts'");
    const deeper = lintAs('src/modules/pass/commands/border-check.ts', "import { x } from '../../insights/store.ts';\nexport const y = x;\n");
    expect(deeper).toContain('noRestrictedImports');
    const throughIndex = lintAs(
      'src/modules/signals/border-check.ts',
      "import { onReferralEnded } from '../referrals/index.ts';\nexport const x = onReferralEnded;\n",
    );
    expect(throughIndex).not.toContain('noRestrictedImports');
  });

  it('has no runtime import cycles, on the server or in the web app', { timeout: 120_000 }, async () => {
    const result = await madge(['src', 'web/src'], {
      baseDir: root,
      fileExtensions: ['ts', 'tsx'],
      tsConfig: path.join(root, 'tsconfig.json'),
      detectiveOptions: { ts: { skipTypeImports: true }, tsx: { skipTypeImports: true } },
    });
    expect(result.circular()).toEqual([]);
  });

  it('installs on this Node without engine warnings: every locked package accepts it', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } | string[] }>;
    };
    const refusing = Object.entries(lock.packages)
      .map(([name, p]) => ({ name, range: !Array.isArray(p.engines) ? p.engines?.node : undefined }))
      .filter((p): p is { name: string; range: string } => Boolean(p.range) && !semver.satisfies(process.version, p.range!))
      .map((p) => `${p.name.replace(/^node_modules\//, '')} wants Node ${p.range}`);
    expect(refusing).toEqual([]);
  });
  it('keeps every hand-written source file under about 400 lines (demo and seed data aside)', () => {
    const limit = 430;
    /** Data, not code: demo households, places and the programme's seed texts. */
    const data = /(^|\/)(demo|seed-data)\.ts$|\.generated\.ts$/;
    const walk = (dir: string): string[] =>
      fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
        const rel = path.join(dir, e.name);
        if (e.isDirectory()) return walk(rel);
        return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !data.test(rel) ? [rel] : [];
      });
    const long = ['src', 'web/src']
      .flatMap(walk)
      .map((file) => ({ file, lines: fs.readFileSync(path.join(root, file), 'utf8').split('\n').length }))
      .filter((f) => f.lines > limit)
      .map((f) => `${f.file}: ${f.lines} regels`);
    expect(long).toEqual([]);
  });
});
