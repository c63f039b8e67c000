import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality, can } from '../../../platform/authz.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { users } from '../../../platform/schema.ts';
import {
  compileLetterTemplate,
  defaultLetterTemplate,
  letterPlaceholders,
  requiredPlaceholders,
  templateLimits,
  type CompiledTemplate,
  type LetterTemplateText,
} from '../letterTemplate.ts';
import { signalLetterTemplates } from '../schema.ts';
import { municipalityCode } from '../../../platform/municipalities.ts';

export const letterTemplateInput = z.object({
  municipalityCode: municipalityCode.optional(),
  subject: z.string().max(templateLimits.subject * 2),
  heading: z.string().max(templateLimits.heading * 2),
  body: z.string().max(templateLimits.body * 2),
});

export interface LetterTemplateVersion extends LetterTemplateText {
  version: number;
  createdAt: string | null;
  createdBy: string | null;
}

export interface LetterTemplateView {
  municipalityCode: string;
  current: LetterTemplateVersion;
  versions: Omit<LetterTemplateVersion, keyof LetterTemplateText>[];
  placeholders: Record<string, string>;
  required: readonly string[];
}

const standardVersion: LetterTemplateVersion = { version: 0, ...defaultLetterTemplate, createdAt: null, createdBy: 'standaardtekst' };

/** The template (text) to use for new letters in a municipality: its highest version, else the standard text. */
export async function currentTemplate(q: Tx, municipalityCode: string): Promise<LetterTemplateVersion> {
  const [row] = await q
    .select({
      version: signalLetterTemplates.version,
      subject: signalLetterTemplates.subject,
      heading: signalLetterTemplates.heading,
      body: signalLetterTemplates.body,
      createdAt: signalLetterTemplates.createdAt,
      createdBy: users.displayName,
    })
    .from(signalLetterTemplates)
    .leftJoin(users, eq(users.id, signalLetterTemplates.createdByUserId))
    .where(eq(signalLetterTemplates.municipalityCode, municipalityCode))
    .orderBy(desc(signalLetterTemplates.version))
    .limit(1);
  return row ? { ...row, createdAt: row.createdAt.toISOString() } : standardVersion;
}

/** Compiled templates by version, read once per run (a reprint may use an older version than a first letter). */
export async function compiledTemplates(q: Tx, municipalityCode: string, versions: number[]): Promise<Map<number, CompiledTemplate>> {
  const wanted = [...new Set(versions)];
  const map = new Map<number, CompiledTemplate>();
  if (wanted.includes(0)) map.set(0, compileLetterTemplate(defaultLetterTemplate, 0));
  const stored = wanted.filter((v) => v > 0);
  if (stored.length) {
    const rows = await q
      .select()
      .from(signalLetterTemplates)
      .where(and(eq(signalLetterTemplates.municipalityCode, municipalityCode), inArray(signalLetterTemplates.version, stored)));
    for (const r of rows) map.set(r.version, compileLetterTemplate(r, r.version));
  }
  for (const v of wanted) if (!map.has(v)) throw new NotFoundError(`Briefversie ${v}`);
  return map;
}

function assertTemplateAccess(actor: Actor, municipalityCode: string): void {
  assertCan(actor, 'signals:templates');
  assertMunicipality(actor, municipalityCode);
}

export async function getLetterTemplate(db: Database, actor: Actor, municipalityCode: string): Promise<LetterTemplateView> {
  // The team reads which text its letters will carry; editing is for signals:templates.
  if (!can(actor, 'signals:work')) assertCan(actor, 'signals:templates');
  assertMunicipality(actor, municipalityCode);
  return db.unauditedTransaction(async (tx) => {
    const current = await currentTemplate(tx, municipalityCode);
    const rows = await tx
      .select({ version: signalLetterTemplates.version, createdAt: signalLetterTemplates.createdAt, createdBy: users.displayName })
      .from(signalLetterTemplates)
      .leftJoin(users, eq(users.id, signalLetterTemplates.createdByUserId))
      .where(eq(signalLetterTemplates.municipalityCode, municipalityCode))
      .orderBy(desc(signalLetterTemplates.version));
    return {
      municipalityCode,
      current,
      versions: [...rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), { version: 0, createdAt: null, createdBy: 'standaardtekst' }],
      placeholders: letterPlaceholders,
      required: requiredPlaceholders,
    };
  });
}

/** Saves the text as the municipality's next version, after it passed the checks. Audited (`update`). */
export async function saveLetterTemplate(db: Database, actor: Actor, municipalityCode: string, text: LetterTemplateText): Promise<LetterTemplateView> {
  assertTemplateAccess(actor, municipalityCode);
  compileLetterTemplate(text, 0);
  const userId = actor.kind === 'user' ? actor.userId : null;
  await db.audited(actor, { action: 'update', objectType: 'signal_letter_template', objectId: municipalityCode, municipalityCode }, async (tx, trail) => {
    const current = await currentTemplate(tx, municipalityCode);
    const version = current.version + 1;
    await tx
      .insert(signalLetterTemplates)
      .values({ municipalityCode, version, subject: text.subject, heading: text.heading, body: text.body, createdByUserId: userId, createdAt: db.clock.now() });
    trail.details = { version, changed: (['subject', 'heading', 'body'] as const).filter((f) => text[f] !== current[f]) };
  });
  return getLetterTemplate(db, actor, municipalityCode);
}

export { assertTemplateAccess };
