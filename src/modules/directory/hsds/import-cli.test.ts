import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-hsds-cli-'));
const bin = path.resolve('bin/vangnet.js');
const env: NodeJS.ProcessEnv = { ...process.env, VANGNET_DATA_DIR: path.join(tmp, 'data'), VANGNET_LOG_LEVEL: 'silent', VANGNET_DEMO: 'false' };
delete env.DATABASE_URL;
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function vangnet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const id = (n: number) => `0a1b2c3d-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('vangnet directory import-hsds', () => {
  it('imports a file, prints the counts as JSON, changes nothing the second time, and refuses a file that is no JSON', async () => {
    const file = path.join(tmp, 'kaart.json');
    const phoneHour = { id: id(3), freq: 'WEEKLY', byday: 'TU', opens_at: '13:00', closes_at: '15:00' };
    fs.writeFileSync(
      file,
      JSON.stringify([
        {
          id: id(2),
          name: 'Telefonisch geldspreekuur',
          status: 'active',
          organization: { id: id(1), name: 'Geldhulp Papendrecht', description: '' },
          schedules: [phoneHour, { id: id(4), freq: 'WEEKLY', byday: 'WE' }],
        },
      ]),
    );
    const first = await vangnet(['directory', 'import-hsds', file, '--source', 'Papendrecht', '--municipality', 'GM0590']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(result).toMatchObject({
      municipalityCode: 'GM0590',
      organizations: { created: 1 },
      services: { created: 1 },
      schedules: { created: 1, rejected: 1 },
    });
    expect(result.problems.map((p: { path: string; code: string }) => `${p.path} ${p.code}`)).toEqual([
      '$[0].attributes defaults_used',
      '$[0].schedules[1].opens_at schedule_no_times',
    ]);
    const again = JSON.parse((await vangnet(['directory', 'import-hsds', file, '--source', 'Papendrecht', '--municipality', 'GM0590'])).stdout);
    expect(again).toMatchObject({
      organizations: { created: 0, unchanged: 1 },
      services: { created: 0, unchanged: 1 },
      schedules: { created: 0, unchanged: 1 },
    });

    const broken = path.join(tmp, 'kapot.json');
    fs.writeFileSync(broken, 'geen json');
    const refused = await vangnet(['directory', 'import-hsds', broken, '--source', 'Papendrecht']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Dit bestand is geen JSON.');
  }, 120_000);
});
