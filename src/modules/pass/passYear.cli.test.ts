import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import { Database } from '../../db/database.ts';
import { seedDemo } from '../../platform/demo.ts';
import { seedPassDemo } from './demo.ts';

const root = path.resolve(import.meta.dirname, '../../..');

function vangnet(env: Record<string, string>, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, VANGNET_LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('vangnet pass new-year and campaign (command line)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-passyear-cli-'));
  let env: Record<string, string>;
  let cleanup: () => Promise<void> = async () => {};
  const year = String(new Date().getUTCFullYear() + 1);

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) {
      const test = await createTestDatabase();
      await seedDemo(test.db, 'Test-wachtwoord-123');
      await seedPassDemo(test.db);
      env = { DATABASE_URL: test.url! };
      cleanup = test.cleanup;
    } else {
      const dataDir = path.join(dir, 'data');
      const db = await Database.open({ dataDir });
      await seedDemo(db, 'Test-wachtwoord-123');
      await seedPassDemo(db);
      await db.close();
      env = { VANGNET_DATA_DIR: dataDir };
    }
  }, 180_000);
  afterAll(async () => {
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports the bad row, invites the households, and changes nothing the second time', async () => {
    const file = path.join(dir, 'uitkeringen.csv');
    fs.writeFileSync(file, 'bsn;uitkering\n123456782;Participatiewet\n999;IOAW\n');
    const first = await vangnet(env, ['pass', 'new-year', '--year', year, '--benefits', file]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Niet gelezen: Regel 3: het BSN "999" klopt niet.');
    // The demo households have no BSN the social service could match: all three passes are invited to confirm.
    expect(first.stdout).toContain(`Pasjaar ${year}: 0 passen zijn verlengd, 3 huishoudens zijn uitgenodigd om te bevestigen vóór 31 januari ${year}.`);
    const second = await vangnet(env, ['pass', 'new-year', '--year', year, '--benefits', file]);
    expect(second.stdout).toContain(`Het pasjaar ${year} was al gestart. Er is niets veranderd.`);
  }, 120_000);

  it('says so when the benefits file is missing', async () => {
    const run = await vangnet(env, ['pass', 'new-year', '--year', year, '--benefits', path.join(dir, 'weg.csv')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bestaat niet of kan niet worden gelezen');
  }, 60_000);

  it('runs a campaign for an age group with an end date, once; a wrong option or another amount is refused in plain Dutch', async () => {
    const thisYear = String(new Date().getUTCFullYear());
    const args = ['pass', 'campaign', '--code', 'cli-kindcadeau', '--name', 'Kindcadeau', '--year', thisYear, '--amount-cents', '2500'];
    const target = ['--min-age', '0', '--max-age', '17', '--ends-on', `${thisYear}-12-31`];
    const first = await vangnet(env, [...args, ...target]);
    expect(first.stderr).toBe('');
    const credited = Number(/^(\d+) kinderen kregen/.exec(first.stdout)?.[1]);
    expect(credited).toBeGreaterThan(0);
    expect(first.stdout).toContain(`kregen € 25,00 te besteden tot en met 31 december ${thisYear}; 0 hadden de bijdrage al;`);
    const again = await vangnet(env, [...args, ...target]);
    expect(again.stdout).toContain(`0 kinderen kregen € 25,00 te besteden tot en met 31 december ${thisYear}; ${credited} hadden de bijdrage al;`);
    const otherAmount = await vangnet(env, [...args.slice(0, -1), '3000', ...target]);
    expect(otherAmount.code).not.toBe(0);
    expect(otherAmount.stderr).toContain('is al uitgevoerd met € 25,00 per kind');
    const wrong = await vangnet(env, [...args, '--min-age', 'vier', '--wijk', 'WK999999']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--min-age: schrijf een heel getal, bijvoorbeeld 4.');
    const wijk = await vangnet(env, [...args, '--wijk', 'WK999999']);
    expect(wijk.code).toBe(2);
    expect(wijk.stderr).toContain('--wijk: Deze wijk kennen wij niet.');
    expect(wijk.stderr).not.toMatch(/targetAreaCode|invalid|expected/i);
  }, 180_000);
});
