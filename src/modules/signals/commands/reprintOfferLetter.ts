import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { persons } from '../../../platform/schema.ts';
import { eq } from 'drizzle-orm';
import { type OfferLetter, renderOfferLetters } from '../letter.ts';
import { letterProblem } from '../letterMessages.ts';
import type { CompiledTemplate } from '../letterTemplate.ts';
import { earlier, letterColumns, type LetterRow, toLetter } from '../queries/letterRows.ts';
import { signalCases } from '../schema.ts';
import type { SignalSettings } from '../settings.ts';
import { compiledTemplates } from './letterTemplates.ts';
import { addDays } from './letterSelection.ts';

/** The letter of one case again (a reprint), e.g. for a home visit: the text version it was sent with, its date. */
export async function reprintOfferLetter(db: Database, actor: Actor, caseId: string, settings: SignalSettings): Promise<Buffer> {
  assertCan(actor, 'signals:work');
  return db.audited(actor, { action: 'print', objectType: 'signal_case', objectId: caseId, details: { letter: 'reprint' } }, async (tx, trail) => {
    const [row] = (await tx
      .select({ ...letterColumns, municipalityCode: signalCases.municipalityCode })
      .from(signalCases)
      .leftJoin(persons, eq(persons.id, signalCases.personId))
      .where(eq(signalCases.id, caseId))) as (LetterRow & { municipalityCode: string })[];
    if (!row) throw new NotFoundError('De zaak');
    trail.municipalityCode = row.municipalityCode;
    assertMunicipality(actor, row.municipalityCode);
    if (!row.letterSentOn) throw letterProblem('no_letter_sent_yet');
    if (row.personId) trail.subjectIds = [row.personId];
    const version = row.letterTemplateVersion ?? 0;
    const template = (await compiledTemplates(tx, row.municipalityCode, [version])).get(version)!;
    trail.details = { ...trail.details, templateVersion: version };
    return renderOfferLetters(
      [{ ...toLetter(row), contactBefore: row.dueDate ?? addDays(row.letterSentOn, settings.firstContactDays) }],
      settings,
      row.letterSentOn,
      { template },
    );
  });
}

/** A preview of a template text as a PDF: with sample data, or with a real case's data (read audited). */
export async function previewTemplateLetter(
  db: Database,
  actor: Actor,
  input: { municipalityCode: string; template: CompiledTemplate; caseId?: string; compress?: boolean },
  settings: SignalSettings,
): Promise<Buffer> {
  const today = amsterdamDate(db.clock.now());
  if (!input.caseId) {
    const sample: OfferLetter = {
      initials: 'J.',
      prefix: 'de',
      surname: 'Vries',
      street: 'Voorstraat',
      houseNumber: '1',
      houseNumberSuffix: 'A',
      postcode: '3311AA',
      city: 'Dordrecht',
      creditorTypes: ['rent', 'health_insurance'],
      totalCents: 123_456,
    };
    return renderOfferLetters([sample], settings, today, { template: input.template, compress: input.compress });
  }
  assertCan(actor, 'signals:work');
  const caseId = input.caseId;
  return db.audited(actor, { action: 'print', objectType: 'signal_case', objectId: caseId, details: { letter: 'template_preview' } }, async (tx, trail) => {
    const [row] = (await tx
      .select({ ...letterColumns, municipalityCode: signalCases.municipalityCode })
      .from(signalCases)
      .leftJoin(persons, eq(persons.id, signalCases.personId))
      .where(eq(signalCases.id, caseId))) as (LetterRow & { municipalityCode: string })[];
    if (!row || row.municipalityCode !== input.municipalityCode) throw new NotFoundError('De zaak');
    trail.municipalityCode = row.municipalityCode;
    assertMunicipality(actor, row.municipalityCode);
    if (row.personId) trail.subjectIds = [row.personId];
    return renderOfferLetters([{ ...toLetter(row), contactBefore: earlier(row.dueDate, addDays(today, settings.firstContactDays)) }], settings, today, {
      template: input.template,
      compress: input.compress,
    });
  });
}
