import { Readable } from 'node:stream';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../../platform/actor.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { importSignalFile } from './commands/importSignalFile.ts';
import { generateSignalCsv } from './generate.ts';
import { readSignalFile } from './parse.ts';
import { signalSettings } from './settings.ts';

/** Demo: signals from three creditors in Dordrecht, with overlapping households. Running it twice adds nothing. */
export async function seedSignalsDemo(db: Database, _config: Config): Promise<void> {
  const endDate = amsterdamDate(db.clock.now());
  const files = [
    { code: 'TRIVIRE', prefix: 'TRV-', seed: 1, rows: 24, kinds: ['huur'] },
    { code: 'VGZ', prefix: 'VGZ-', seed: 2, rows: 16, kinds: ['zorgverzekering'] },
    { code: 'EVIDES', prefix: 'EVD-', seed: 3, rows: 10, kinds: ['drinkwater'] },
  ];
  for (const f of files) {
    const csv = generateSignalCsv({ rows: f.rows, seed: f.seed, endDate, days: 60, referencePrefix: f.prefix, householdShare: 1, kinds: f.kinds });
    await importSignalFile(db, systemActor('demo'), {
      creditor: { code: f.code },
      municipalityCode: 'GM0505',
      channel: 'cli',
      fileName: `demo-${f.code.toLowerCase()}.csv`,
      rows: (today, intake) => readSignalFile(Readable.from([Buffer.from(csv)]), { today, intake }),
      settings: signalSettings(),
    });
  }
}
