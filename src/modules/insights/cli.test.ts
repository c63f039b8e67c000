import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-insights-cli-'));
const bin = path.resolve('bin/vangnet.js');
const env: NodeJS.ProcessEnv = { ...process.env, VANGNET_DATA_DIR: path.join(tmp, 'data'), VANGNET_LOG_LEVEL: 'silent' };
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

describe('the insights and programme command line', () => {
  it('imports a dataset with --json: every row stored or reported, re-import stores nothing new', async () => {
    const file = path.join(tmp, 'schuldhulp.csv');
    fs.writeFileSync(file, '\uFEFFgebied;periode;waarde\nWK050504;2025-01;37\nWK050505;2025-01;abc\nWK050504;2025-13;5\nGM0505;2025-01;120\n');
    const first = await vangnet(['insights', 'import', file, '--measure', 'sdd.debt_help_trajectories', '--json']);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ rows: 4, accepted: 2, duplicates: 0, rejected: 2 });
    expect(summary.rejections.map((r: { line: number; field: string }) => `${r.line}:${r.field}`)).toEqual(['3:waarde', '4:periode']);
    const again = JSON.parse((await vangnet(['insights', 'import', file, '--measure', 'sdd.debt_help_trajectories', '--json'])).stdout);
    expect(again).toMatchObject({ rows: 4, accepted: 0, duplicates: 2, rejected: 2 });
    const missing = await vangnet(['insights', 'import', path.join(tmp, 'bestaat-niet.csv'), '--measure', 'sdd.debt_help_trajectories']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('bestaat niet');
  }, 120_000);

  it('imports inhabitants with --json, every bad row with its line and field; a file without the year column exits 2', async () => {
    const file = path.join(tmp, 'inwoners.csv');
    fs.writeFileSync(file, 'gebied;jaar;inwoners;huishoudens\nGM0505;2025;121000;57000\nWK050504;2025;9600;\nWK050505;25;7000;\n');
    const first = await vangnet(['insights', 'import-population', file, '--json']);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ rows: 3, accepted: 2, duplicates: 0, rejected: 1 });
    expect(summary.rejections).toEqual([{ line: 4, field: 'jaar', reason: '"25" is geen jaar (schrijf het als 2021).' }]);
    expect(JSON.parse((await vangnet(['insights', 'import-population', file, '--json'])).stdout)).toMatchObject({ accepted: 0, duplicates: 2 });
    const noYear = path.join(tmp, 'zonder-jaar.csv');
    fs.writeFileSync(noYear, 'gebied;inwoners\nGM0505;121000\n');
    const refused = await vangnet(['insights', 'import-population', noYear]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('jaar');
  }, 120_000);

  it('writes the council letter as DOCX and PDF from the demo programme', async () => {
    expect((await vangnet(['seed', '--demo'])).code).toBe(0);
    const docx = path.join(tmp, 'brief.docx');
    const pdf = path.join(tmp, 'brief.pdf');
    expect((await vangnet(['programme', 'letter', '--period', '2021-H1', '--out', docx])).code).toBe(0);
    expect((await vangnet(['programme', 'letter', '--period', '2021-H1', '--out', pdf])).code).toBe(0);
    expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const wrong = await vangnet(['programme', 'letter', '--period', '2021-H1', '--out', path.join(tmp, 'brief.txt')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('.pdf of .docx');
  }, 180_000);

  it('publishes a period once with insights publish; a second time only with --again, as version 2', async () => {
    const file = path.join(tmp, 'mei.csv');
    fs.writeFileSync(file, 'gebied;periode;waarde\nGM0505;2015-05;120\n');
    expect((await vangnet(['insights', 'import', file, '--measure', 'sdd.debt_help_trajectories'])).code).toBe(0);
    const first = await vangnet(['insights', 'publish', '2015-05', '--json']);
    expect(first.code).toBe(0);
    const release = JSON.parse(first.stdout);
    expect(release).toMatchObject({ period: '2015-05', version: 1, publishedBy: 'systeem (insights-cli)' });
    expect(release.cells.find((c: { measureCode: string }) => c.measureCode === 'sdd.debt_help_trajectories')).toMatchObject({ value: 120, state: 'shown' });
    const refused = await vangnet(['insights', 'publish', '2015-05']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('al vastgelegd als versie 1');
    const second = await vangnet(['insights', 'publish', '2015-05', '--again']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('versie 2');
  }, 120_000);
});
