import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { queueCaseBsn, seedQueueCases } from '../../../test/support/queue-cases.ts';
import { generateSignalCsv, syntheticHousehold } from './generate.ts';
import { readSignalFile, type SignalRecord } from './parse.ts';
import { inspect } from './test-helpers.ts';

/** The generated households: the same in a generated signal file and in the queue's set-based seed. */

describe('the generated households', () => {
  it('gives every household its own address, and a file names each household as syntheticHousehold does', async () => {
    const addresses = new Set(Array.from({ length: 5000 }, (_, i) => syntheticHousehold(i + 1)).map((h) => `${h.postcode}|${h.houseNumber}`));
    expect(addresses.size).toBe(5000);
    const csv = generateSignalCsv({ rows: 60, householdShare: 1, endDate: '2025-06-30' });
    const records: SignalRecord[] = [];
    for await (const row of readSignalFile(Readable.from([Buffer.from(csv)]), { today: '2025-06-30' })) {
      expect(row.ok).toBe(true);
      if (row.ok) records.push(row.record);
    }
    expect(records).toHaveLength(60);
    records.forEach((r, i) => {
      const h = syntheticHousehold(i + 1);
      expect({ prefix: r.prefix, surname: r.surname, postcode: r.postcode, houseNumber: r.houseNumber }).toEqual({
        prefix: h.prefix || null,
        surname: h.surname,
        postcode: h.postcode,
        houseNumber: h.houseNumber,
      });
    });
  });

  describe('seeded for the queue', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
      await seedQueueCases(t.db, 120, { today: '2025-06-30' });
    }, 120_000);
    afterAll(() => t?.close());

    it('puts case n at household n: its name, address and wijk', async () => {
      const bsns = Array.from({ length: 120 }, (_, i) => queueCaseBsn(i + 1));
      const rows = await inspect(t.db, (tx) =>
        tx.execute(sql`
          select p.bsn, p.prefix, p.surname, p.postcode, p.house_number, c.area_code
          from persons p join signal_cases c on c.person_id = p.id
          where p.bsn = any(${`{${bsns.join(',')}}`}::text[])`),
      );
      const seeded = (rows as unknown as { rows: Record<string, unknown>[] }).rows;
      expect(seeded).toHaveLength(120);
      for (const n of [1, 2, 21, 50, 53, 54, 120]) {
        const h = syntheticHousehold(n);
        const row = seeded.find((r) => r.bsn === queueCaseBsn(n));
        expect(row).toEqual({
          bsn: queueCaseBsn(n),
          prefix: h.prefix || null,
          surname: h.surname,
          postcode: h.postcode,
          house_number: String(h.houseNumber),
          area_code: h.areaCode,
        });
      }
    });
  });
});
