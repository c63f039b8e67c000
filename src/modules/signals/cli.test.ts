import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../db/database.ts';
import { seedDemo } from '../../platform/demo.ts';
import { auditEvents } from '../../platform/schema.ts';
import { createTestDatabase } from '../../../test/support/db.ts';
import { generateSignalCsv } from './generate.ts';
import { signalImports, signals } from './schema.ts';
import { inspect } from './test-helpers.ts';
import { uitwisselmodelSchema } from './ddasModel.ts';

const root = path.resolve(import.meta.dirname, '../../..');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `vangnet ...` as a child process; `killWhen` may kill it when stderr shows a given text. */
function vangnet(env: Record<string, string>, args: string[], killWhen?: RegExp): Promise<Run> {
  return new Promise((resolve) => {
    // node itself (not the tsx wrapper), so a kill hits the process doing the work. A long retention term: the files'
    // fixed 2025 dates would otherwise be refused as past the term.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, VANGNET_LOG_LEVEL: 'silent', VANGNET_SIGNALS_RETENTION_MONTHS: '120', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (killWhen?.test(stderr)) child.kill('SIGKILL');
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('vangnet signals import (command line)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-signals-cli-'));
  let env: Record<string, string>;
  let cleanup: () => Promise<void> = async () => {};
  let open: () => Promise<Database>;

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) {
      const test = await createTestDatabase();
      await seedDemo(test.db, 'Test-wachtwoord-123');
      env = { DATABASE_URL: test.url! };
      open = () => Database.open({ url: test.url! });
      cleanup = test.cleanup;
    } else {
      const dataDir = path.join(dir, 'data');
      const db = await Database.open({ dataDir });
      await seedDemo(db, 'Test-wachtwoord-123');
      await db.close();
      env = { VANGNET_DATA_DIR: dataDir };
      open = () => Database.open({ dataDir });
    }
  }, 120_000);
  afterAll(async () => {
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the counts as JSON, adding up, with every rejection', async () => {
    const file = path.join(dir, 'small.csv');
    fs.writeFileSync(
      file,
      'Referentie,Datum,Soort,Bedrag,Achternaam,Postcode,Huisnummer\nC-1,01-03-2025,huur,"1.234,56",Jansen,3315 AB,12\nC-2,2025-03-01,huur,12,Jansen,3315AB,12\nC-3,2025-03-01,huur,,Bos,3315AB,14\n',
    );
    const first = await vangnet(env, ['signals', 'import', file, '--creditor', 'TRIVIRE', '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      rows: 3,
      accepted: 2,
      duplicates: 0,
      rejected: 1,
      notResident: 0,
      municipalities: { GM0505: { accepted: 2 } },
      rejections: [{ line: 4, field: 'bedrag', reason: 'Het bedrag ontbreekt.' }],
    });
    const second = await vangnet(env, ['signals', 'import', file, '--creditor', 'TRIVIRE', '--json']);
    expect(JSON.parse(second.stdout)).toMatchObject({ rows: 3, accepted: 0, duplicates: 2, rejected: 1 });
  }, 60_000);

  it('writes the DDAS 1.2 document for CBS, valid against the model, readable by its owner only', async () => {
    const out = path.join(dir, 'levering.json');
    const run = await vangnet(env, ['signals', 'ddas', '--from', '2025-03-01', '--to', '2025-03-31', '--municipality', 'GM0505', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('signalen van 2025-03-01 tot en met 2025-03-31 in 1 bestand(en)');
    const document = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(uitwisselmodelSchema.safeParse(document).error?.issues ?? []).toEqual([]);
    expect(document.leveringen[0].gemeentecode).toBe('0505');
    expect(document.leveringen[0].vroegsignalen.length).toBeGreaterThan(0);
    expect(JSON.stringify(document)).not.toContain('Jansen');
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const wrong = await vangnet(env, ['signals', 'ddas', '--from', '2025-03-31', '--to', '2025-03-01', '--out', out]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('begindatum');
  }, 120_000);

  it('makes the letters of every waiting case, one PDF per batch readable by its owner only, and never twice (vangnet signals letters)', async () => {
    const more = path.join(dir, 'more.csv');
    fs.writeFileSync(
      more,
      'referentie;datum;soort;bedrag;achternaam;postcode;huisnummer\nB-1;2025-03-02;huur;100;Mol;3312AA;1\nB-2;2025-03-02;huur;200;Kok;3313AA;2\nB-3;2025-03-02;huur;300;Pot;3314AA;3\n',
    );
    expect((await vangnet(env, ['signals', 'import', more, '--creditor', 'TRIVIRE'])).code).toBe(0);
    const out = path.join(dir, 'brieven.pdf');
    const run = await vangnet(env, ['signals', 'letters', '--municipality', 'GM0505', '--output', out, '--batch-size', '2']);
    expect(run.code, run.stderr).toBe(0);
    // Jansen from the first file and the three households above, two a batch.
    expect(run.stdout).toContain(`4 brieven geschreven naar ${out}, ${path.join(dir, 'brieven-2.pdf')} (2 stapels voor de drukkerij).`);
    const batches = 2;
    for (let n = 1; n <= batches; n++) {
      const file = n === 1 ? out : path.join(dir, `brieven-${n}.pdf`);
      const pdf = fs.readFileSync(file);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.subarray(-6).toString()).toContain('%%EOF');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    }
    const again = await vangnet(env, ['signals', 'letters', '--municipality', 'GM0505', '--output', out]);
    expect(again.code).toBe(1);
    expect(again.stderr + again.stdout).toContain('Er staan geen brieven klaar om te versturen.');
  });

  it('exits non-zero with a clear message when the file cannot be read', async () => {
    const missing = await vangnet(env, ['signals', 'import', path.join(dir, 'bestaat-niet.csv'), '--creditor', 'TRIVIRE', '--json']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('bestaat niet');
    const binary = path.join(dir, 'foto.csv');
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const notCsv = await vangnet(env, ['signals', 'import', binary, '--creditor', 'TRIVIRE', '--json']);
    expect(notCsv.code).not.toBe(0);
    expect(notCsv.stderr).toContain('geen CSV');
    const noHeader = path.join(dir, 'geen-kop.csv');
    fs.writeFileSync(noHeader, 'C-1;01-03-2025;huur;12,00;Jansen;3315AB;12\n');
    const headerless = await vangnet(env, ['signals', 'import', noHeader, '--creditor', 'TRIVIRE']);
    expect(headerless.code).not.toBe(0);
    expect(headerless.stderr).toContain('kopregel');
    // A creditor of several municipalities needs no --municipality: its rows are routed by postcode.
    const routed = path.join(dir, 'drechtsteden.csv');
    fs.writeFileSync(
      routed,
      [
        'referentie;datum;soort;bedrag;achternaam;postcode;huisnummer',
        'R-1;01-03-2025;zorgverzekering;80,00;Jansen;3318ZZ;99',
        'R-2;01-03-2025;zorgverzekering;80,00;Visser;3331AB;7',
        'R-3;01-03-2025;zorgverzekering;80,00;Bos;1011AB;1',
      ].join('\n'),
    );
    const perMunicipality = await vangnet(env, ['signals', 'import', routed, '--creditor', 'VGZ']);
    expect(perMunicipality.code).toBe(0);
    expect(perMunicipality.stdout).toContain('GM0505: 1 signalen, 1 nieuwe zaken');
    expect(perMunicipality.stdout).toContain('GM0642: 1 signalen, 1 nieuwe zaken');
    expect(perMunicipality.stdout).toContain('geen inwoner van een van de gemeenten: 1');
  }, 120_000);

  it('sets, shows, uses and clears a creditor’s column mapping (vangnet signals mapping)', async () => {
    const file = path.join(dir, 'eigen-namen.csv');
    fs.writeFileSync(file, 'Dossier;Peildatum;Openstaand saldo;Naam;PC;Huisnr\nCM-1;2025-03-01;75,00;Jansen;3315 AB;8 A\n');
    const refused = await vangnet(env, ['signals', 'import', file, '--creditor', 'ZILVEREN-KRUIS', '--municipality', 'GM0505']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('kolomkoppeling');
    expect(refused.stderr).toMatch(/referentie: De kolom referentie ontbreekt/);

    const set = await vangnet(env, [
      'signals',
      'mapping',
      'set',
      '--creditor',
      'ZILVEREN-KRUIS',
      'referentie=Dossier',
      'datum=Peildatum',
      'bedrag=Openstaand saldo',
      'achternaam=Naam',
      'postcode=PC',
      'huisnummer=Huisnr',
    ]);
    expect(set.code).toBe(0);
    const shown = await vangnet(env, ['signals', 'mapping', 'show', '--creditor', 'ZILVEREN-KRUIS', '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      creditorCode: 'ZILVEREN-KRUIS',
      columns: { referentie: 'Dossier', bedrag: 'Openstaand saldo', huisnummer: 'Huisnr' },
    });
    const imported = await vangnet(env, ['signals', 'import', file, '--creditor', 'ZILVEREN-KRUIS', '--municipality', 'GM0505', '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ rows: 1, accepted: 1, rejected: 0 });

    const bad = await vangnet(env, ['signals', 'mapping', 'set', '--creditor', 'ZILVEREN-KRUIS', 'saldo=Openstaand saldo']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Onbekend veld saldo');
    const cleared = await vangnet(env, ['signals', 'mapping', 'clear', '--creditor', 'ZILVEREN-KRUIS']);
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toContain('geen kolomkoppeling');
  }, 600_000);

  it('shows and switches municipal taxes per municipality (vangnet signals taxes), audited', async () => {
    const shown = await vangnet(env, ['signals', 'taxes', 'show', '--municipality', 'GM0505']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Dordrecht (GM0505): signalen over gemeentelijke belastingen staan uit.');
    const on = await vangnet(env, ['signals', 'taxes', 'on', '--municipality', 'GM0505', '--json']);
    expect(JSON.parse(on.stdout)).toMatchObject({ municipalityCode: 'GM0505', municipalTaxes: true });
    const off = await vangnet(env, ['signals', 'taxes', 'off', '--municipality', 'GM0505']);
    expect(off.stdout).toContain('staan uit');
    const unknown = await vangnet(env, ['signals', 'taxes', 'on', '--municipality', 'GM9999']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('De gemeente GM9999 is niet gevonden.');
    const db = await open();
    try {
      const lines = await db.unaudited((q) =>
        q.select().from(auditEvents).where(eq(auditEvents.objectType, 'signal_municipality_settings')).orderBy(auditEvents.id),
      );
      expect(lines.map((l) => [l.actorKind, l.details])).toEqual([
        ['system:cli:signals-taxes', { municipalTaxes: true }],
        ['system:cli:signals-taxes', { municipalTaxes: false }],
      ]);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('shows and switches the offer of help by e-mail per municipality (vangnet signals offer-mail), audited', async () => {
    const shown = await vangnet(env, ['signals', 'offer-mail', 'show', '--municipality', 'GM0505']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Dordrecht (GM0505): het aanbod van hulp per e-mail staat uit.');
    const on = await vangnet(env, ['signals', 'offer-mail', 'on', '--municipality', 'GM0505', '--json']);
    expect(JSON.parse(on.stdout)).toMatchObject({ municipalityCode: 'GM0505', offerByMail: true });
    const again = await vangnet(env, ['signals', 'offer-mail', 'show', '--municipality', 'GM0505']);
    expect(again.stdout).toContain('het aanbod van hulp per e-mail staat aan.');
    const off = await vangnet(env, ['signals', 'offer-mail', 'off', '--municipality', 'GM0505']);
    expect(off.stdout).toContain('het aanbod van hulp per e-mail staat uit.');
    const unknown = await vangnet(env, ['signals', 'offer-mail', 'on', '--municipality', 'GM9999']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('De gemeente GM9999 is niet gevonden.');
    const db = await open();
    try {
      const lines = await db.unaudited((q) =>
        q
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.objectType, 'signal_municipality_settings'), eq(auditEvents.actorKind, 'system:cli:signals-offer-mail')))
          .orderBy(auditEvents.id),
      );
      expect(lines.map((l) => l.details)).toEqual([{ offerByMail: true }, { offerByMail: false }]);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('leaves exactly one copy when an import is killed midway and run again', async () => {
    const rows = 40_000;
    const file = path.join(dir, 'groot.csv');
    fs.writeFileSync(file, generateSignalCsv({ rows, endDate: '2025-06-30', referencePrefix: 'K-', seed: 7, kinds: ['drinkwater'] }));
    const killed = await vangnet(env, ['signals', 'import', file, '--creditor', 'EVIDES', '--municipality', 'GM0505', '--json'], /Voortgang: 10000/);
    expect(killed.signal).toBe('SIGKILL');
    const countK = async () => {
      const db = await open();
      try {
        const [n] = await inspect(db, (tx) => tx.select({ n: count() }).from(signals).where(sql`${signals.reference} like 'K-%'`));
        const [imports] = await db.unaudited((q) => q.select({ n: count() }).from(signalImports).where(sql`${signalImports.rows} = ${rows}`));
        return { signals: n!.n, imports: imports!.n };
      } finally {
        await db.close();
      }
    };
    expect(await countK()).toEqual({ signals: 0, imports: 0 });
    const rerun = await vangnet(env, ['signals', 'import', file, '--creditor', 'EVIDES', '--municipality', 'GM0505', '--json']);
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ rows, accepted: rows, duplicates: 0, rejected: 0 });
    expect(await countK()).toEqual({ signals: rows, imports: 1 });
  }, 300_000);
});
