import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Database } from '../src/db/database.ts';
import { systemActor } from '../src/platform/actor.ts';
import { amsterdamDate } from '../src/platform/clock.ts';
import { persons } from '../src/platform/schema.ts';
import { seedDemo } from '../src/platform/demo.ts';
import { importSignalFile } from '../src/modules/signals/commands/importSignalFile.ts';
import { untilFlushed } from '../src/modules/signals/commands/letterDelivery.ts';
import { addDays } from '../src/modules/signals/commands/letterSelection.ts';
import { planOfferLetters, previewOfferLetters } from '../src/modules/signals/commands/planOfferLetters.ts';
import { produceLetterBatch } from '../src/modules/signals/commands/produceLetterBatch.ts';
import { generatedHeader, generateSignalLines } from '../src/modules/signals/generate.ts';
import { defaultCompiledTemplate, LetterWriter, placeholderValues, type OfferLetter } from '../src/modules/signals/letter.ts';
import { readSignalFile } from '../src/modules/signals/parse.ts';
import { signalCases } from '../src/modules/signals/schema.ts';
import { signalSettings } from '../src/modules/signals/settings.ts';
import { elapsedSeconds, measureOnEachDatabase } from './_support.ts';

/**
 * Vroeg Eropaf offer letters: 12,000 letters (BENCH_SCALE=1) for "all cases awaiting a letter", made the way the
 * page makes them (count, confirm, then every print batch of 500 streamed and committed), against pdfkit drawing the
 * same pages alone (the same letters and cover sheets, data already in memory, no database) in the same run.
 * Target: `ratio` = full / pdfkit alone ≤ 1.5. Both write into a sink that drops the bytes (as a fast client would).
 * Also the peak RSS above the start while the letters are made (memory stays flat: nothing is buffered).
 * PGlite in memory; also PostgreSQL when BENCH_DATABASE_URL is set (a scratch database, dropped afterwards).
 */
const scale = Number(process.env.BENCH_SCALE ?? 1);
const target = Math.max(100, Math.round(12_000 * scale));
const settings = signalSettings({});

function sink(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number; startRssMb: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    return { result, peakRssMb: Math.round(peak / 2 ** 20), startRssMb: Math.round(start / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

/** pdfkit alone: the same pages (a cover per batch and one letter per case) from data already in memory. */
async function drawAlone(letters: OfferLetter[], batchSize: number, date: string): Promise<number> {
  const started = performance.now();
  const batches = Math.ceil(letters.length / batchSize);
  for (let b = 0; b < batches; b++) {
    const part = letters.slice(b * batchSize, (b + 1) * batchSize);
    const writer = new LetterWriter(settings);
    const out = sink();
    writer.doc.pipe(out);
    const done = new Promise((resolve) => out.on('finish', resolve));
    writer.cover({
      number: b + 1,
      batchCount: batches,
      letters: part.length,
      postcodeFrom: part[0]!.postcode,
      postcodeTo: part.at(-1)!.postcode,
      date,
      templateVersion: 0,
      batchId: 'bench',
      skipped: 0,
      reprint: false,
    });
    for (const l of part) writer.letter(l, defaultCompiledTemplate, date, placeholderValues(l, settings, addDays(date, settings.firstContactDays)));
    writer.doc.end();
    await done;
  }
  return elapsedSeconds(started);
}

async function measure(db: Database): Promise<Record<string, unknown>> {
  const actor = systemActor('bench:letters');
  await seedDemo(db, 'Bench-wachtwoord-2026');
  const today = amsterdamDate(new Date());
  const lines = generateSignalLines({
    rows: target,
    endDate: addDays(today, -1),
    days: 20,
    seed: 12,
    referencePrefix: 'B-',
    householdShare: 1,
    kinds: ['huur'],
  });
  const csv = [generatedHeader.join(';'), ...lines].join('\n');
  await importSignalFile(db, actor, {
    creditor: { code: 'TRIVIRE' },
    municipalityCode: 'GM0505',
    channel: 'cli',
    fileName: 'bench.csv',
    rows: (t, intake) => readSignalFile(Readable.from([Buffer.from(csv)]), { today: t, intake }),
    settings,
  });

  // The letters' data, read once outside the timings, for pdfkit alone.
  const rows = await db.audited(actor, { action: 'read', objectType: 'bench' }, (tx) =>
    tx
      .select({
        initials: persons.initials,
        prefix: persons.prefix,
        surname: persons.surname,
        street: persons.street,
        houseNumber: persons.houseNumber,
        houseNumberSuffix: persons.houseNumberSuffix,
        postcode: persons.postcode,
        city: persons.city,
        totalCents: signalCases.totalCents,
      })
      .from(signalCases)
      .innerJoin(persons, eq(persons.id, signalCases.personId))
      .where(eq(signalCases.status, 'awaiting_letter'))
      .orderBy(persons.postcode, persons.houseNumber),
  );
  const letters: OfferLetter[] = rows.map((r) => ({ ...r, surname: r.surname ?? 'bewoner', creditorTypes: ['rent'] }));
  const batchSize = settings.letterBatchSize;

  // Warm up pdfkit and the JIT first, so that neither measured path pays for it.
  await drawAlone(letters.slice(0, 300), batchSize, today);

  // The machine is shared (its load changes by the minute), so the two are measured in pairs: for each batch, pdfkit
  // alone on that batch's letters and the full path on the batch, in alternating order; the sums are compared.
  const measured = await withPeakRss(async () => {
    let started = performance.now();
    const selection = { kind: 'awaiting' } as const;
    const preview = await previewOfferLetters(db, actor, { municipalityCode: 'GM0505', selection, reprint: false }, settings);
    const run = await planOfferLetters(db, actor, { municipalityCode: 'GM0505', selection, reprint: false, confirmCount: preview.count }, settings);
    let fullSeconds = elapsedSeconds(started);
    let aloneSeconds = 0;
    let made = 0;
    let firstByteSeconds: number | null = null;
    for (const [i, batch] of run.batches.entries()) {
      const part = letters.slice(i * batchSize, i * batchSize + batch.letters);
      const alone = () => drawAlone(part, batchSize, today).then((s) => (aloneSeconds += s));
      if (i % 2 === 0) await alone();
      started = performance.now();
      const result = await produceLetterBatch(db, actor, batch.id, {
        settings,
        open: () => {
          const out = sink();
          const write = out.write.bind(out);
          out.write = ((chunk: unknown, ...rest: never[]) => {
            if (i === 0) firstByteSeconds ??= elapsedSeconds(started);
            return write(chunk as Buffer, ...rest);
          }) as typeof out.write;
          return {
            out,
            flushed: () =>
              untilFlushed(
                () => out.writableLength,
                () => out.destroyed,
              ),
          };
        },
      });
      fullSeconds += elapsedSeconds(started);
      made += result.letters;
      if (i % 2 === 1) await alone();
    }
    return { fullSeconds, aloneSeconds, made, batches: run.batches.length, firstByteSeconds };
  });
  const r = measured.result;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    letters: r.made,
    batches: r.batches,
    batchSize,
    pdfkitAloneSeconds: round(r.aloneSeconds),
    fullSeconds: round(r.fullSeconds),
    firstByteSecondsOfFirstBatch: r.firstByteSeconds === null ? null : Math.round(r.firstByteSeconds * 1000) / 1000,
    ratio: Math.round((r.fullSeconds / r.aloneSeconds) * 1000) / 1000,
    target: 1.5,
    rssMbBefore: measured.startRssMb,
    peakRssMb: measured.peakRssMb,
  };
}

export async function run(): Promise<Record<string, unknown>> {
  return { target, ...(await measureOnEachDatabase(process.env.BENCH_DATABASE_URL, measure)) };
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${JSON.stringify(await run(), null, 2)}\n`);
