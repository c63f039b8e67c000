import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { municipalities } from '../../platform/schema.ts';
import { signalMunicipalitySettings } from './schema.ts';

/**
 * The early-signal settings of one municipality (configuration, no personal data): whether it accepts signals of
 * municipal taxes, and whether the offer of help may go by e-mail. Municipal taxes are an experiment under Wgs art. 10
 * (Tijdelijke regeling signaal betalingsachterstanden, Stcrt. 2021, 45719), not one of the signals the Besluit
 * gemeentelijke schuldhulpverlening names, so they are off until the admin switches them on for the municipality.
 * The offer by e-mail is off too until the admin switches it on (docs/signals.md "Offer by e-mail"). Every change is
 * audited. A setting left out of a change keeps its value.
 */
export const municipalSettingsInput = z
  .object({ municipalTaxes: z.boolean().optional(), offerByMail: z.boolean().optional() })
  .refine((v) => v.municipalTaxes !== undefined || v.offerByMail !== undefined, { message: 'Geef ten minste één instelling.' });

export interface MunicipalSignalSettings {
  municipalityCode: string;
  municipalityName: string;
  municipalTaxes: boolean;
  offerByMail: boolean;
  updatedAt: string | null;
}

/** What the import needs: the municipality's name and whether it accepts municipal taxes (no settings row: no). */
export async function loadMunicipalIntake(db: Database, municipalityCode: string): Promise<{ name: string | null; municipalTaxes: boolean }> {
  const [row] = await db.unaudited((q) =>
    q
      .select({ name: municipalities.name, on: signalMunicipalitySettings.municipalTaxes })
      .from(municipalities)
      .leftJoin(signalMunicipalitySettings, eq(signalMunicipalitySettings.municipalityCode, municipalities.code))
      .where(eq(municipalities.code, municipalityCode)),
  );
  return { name: row?.name ?? null, municipalTaxes: row?.on ?? false };
}

/** The admin of the municipality (or the system: the CLI). */
function assertMayAdminister(actor: Actor, municipalityCode: string): void {
  if (actor.kind === 'system') return;
  assertCan(actor, 'signals:administer');
  assertMunicipality(actor, municipalityCode);
}

async function municipalityName(db: Database, code: string): Promise<string> {
  const [row] = await db.unaudited((q) => q.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.code, code)));
  if (!row) throw new NotFoundError(`De gemeente ${code}`);
  return row.name;
}

export async function getMunicipalSignalSettings(db: Database, actor: Actor, municipalityCode: string): Promise<MunicipalSignalSettings> {
  assertMayAdminister(actor, municipalityCode);
  const name = await municipalityName(db, municipalityCode);
  const [row] = await db.unaudited((q) => q.select().from(signalMunicipalitySettings).where(eq(signalMunicipalitySettings.municipalityCode, municipalityCode)));
  return {
    municipalityCode,
    municipalityName: name,
    municipalTaxes: row?.municipalTaxes ?? false,
    offerByMail: row?.offerByMail ?? false,
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}

/** Whether the municipality lets the offer of help go by e-mail (no settings row: no). Read inside the letter run. */
export async function offerByMailAllowed(tx: Tx, municipalityCode: string): Promise<boolean> {
  const [row] = await tx
    .select({ on: signalMunicipalitySettings.offerByMail })
    .from(signalMunicipalitySettings)
    .where(eq(signalMunicipalitySettings.municipalityCode, municipalityCode));
  return row?.on ?? false;
}

export async function setMunicipalSignalSettings(
  db: Database,
  actor: Actor,
  municipalityCode: string,
  input: z.infer<typeof municipalSettingsInput>,
): Promise<MunicipalSignalSettings> {
  assertMayAdminister(actor, municipalityCode);
  const name = await municipalityName(db, municipalityCode);
  const now = db.clock.now();
  const userId = actor.kind === 'user' ? actor.userId : null;
  return db.audited(
    actor,
    {
      action: 'update',
      objectType: 'signal_municipality_settings',
      objectId: municipalityCode,
      municipalityCode,
      details: { ...input },
    },
    async (tx) => {
      const [current] = await tx
        .select()
        .from(signalMunicipalitySettings)
        .where(eq(signalMunicipalitySettings.municipalityCode, municipalityCode))
        .for('update');
      const next = {
        municipalTaxes: input.municipalTaxes ?? current?.municipalTaxes ?? false,
        offerByMail: input.offerByMail ?? current?.offerByMail ?? false,
      };
      await tx
        .insert(signalMunicipalitySettings)
        .values({ municipalityCode, ...next, updatedByUserId: userId, updatedAt: now })
        .onConflictDoUpdate({
          target: signalMunicipalitySettings.municipalityCode,
          set: { ...next, updatedByUserId: userId, updatedAt: now },
        });
      return { municipalityCode, municipalityName: name, ...next, updatedAt: now.toISOString() };
    },
  );
}
