import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { create } from 'xmlbuilder2';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { municipalityCodeOrDefault, ownMunicipalities } from '../../platform/municipalities.ts';
import { statementPeriod, statementTotals } from './domain.ts';
import { passError } from './messages.ts';
import { passPayoutLines, passPayouts, passProviders, passTransactions } from './schema.ts';

/**
 * Payout runs: per period, each provider is paid its charges minus refunds that no earlier run paid, in one SEPA
 * credit-transfer file (pain.001.001.03) for the municipality's bank. A charge or refund belongs to at most one run
 * (`pass_transactions.payout_id`, claimed under a row lock), so nothing is paid twice and a second run over the same
 * period pays only what is new.
 */

/** An IBAN as people type it (`NL91 ABNA 0417 1643 00`), kept in electronic form after the mod-97 check. */
export const ibanInput = z
  .string()
  .trim()
  .max(50)
  .transform((v) => electronicFormatIBAN(v) ?? '')
  .refine((v) => isValidIBAN(v), 'Dit IBAN klopt niet. Controleer het nummer, bijvoorbeeld NL91 ABNA 0417 1643 00.');

export const providerIbanInput = z.object({ iban: ibanInput });

export const payoutInput = z.object({
  municipalityCode: municipalityCodeOrDefault,
  from: z.iso.date(),
  to: z.iso.date(),
  /** The day the bank is asked to pay (ReqdExctnDt). */
  executionDate: z.iso.date(),
  /** The municipality's account that pays. */
  debtorName: z.string().trim().min(2).max(70),
  debtorIban: ibanInput,
});

/** Why a provider is left out of a run; its charges stay unpaid for a later run. */
export type PayoutSkip = 'no_iban' | 'nothing_to_pay';
const skipTexts: Record<PayoutSkip, string> = {
  no_iban: 'Geen geldig IBAN bekend. Vul het IBAN van de aanbieder in; de betalingen blijven staan voor een volgende uitbetaling.',
  nothing_to_pay: 'Niets uit te betalen: de terugbetalingen zijn even hoog als of hoger dan de betalingen. Ze blijven staan voor een volgende uitbetaling.',
};

/** Text as the SEPA character set allows it (Latin letters, digits, / - ? : ( ) . , ' + and space), at most `max` long. */
export function sepaText(text: string, max: number): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, '+')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

const euros = (cents: number) => (cents / 100).toFixed(2);

export interface Pain001Input {
  messageId: string;
  createdAt: Date;
  executionDate: string;
  debtorName: string;
  debtorIban: string;
  remittance: string;
  lines: { endToEndId: string; providerName: string; iban: string; amountCents: number }[];
}

/**
 * The SEPA credit-transfer initiation (ISO 20022 pain.001.001.03), built with xmlbuilder2: one payment information
 * block, one transfer per provider, EUR, service level SEPA, charges shared (SLEV), no BIC (IBAN only).
 */
export function pain001(input: Pain001Input): string {
  const total = euros(input.lines.reduce((sum, l) => sum + l.amountCents, 0));
  const count = String(input.lines.length);
  const doc = create(
    { version: '1.0', encoding: 'UTF-8' },
    {
      Document: {
        '@xmlns': 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03',
        CstmrCdtTrfInitn: {
          GrpHdr: {
            MsgId: input.messageId,
            CreDtTm: input.createdAt.toISOString().slice(0, 19),
            NbOfTxs: count,
            CtrlSum: total,
            InitgPty: { Nm: sepaText(input.debtorName, 70) },
          },
          PmtInf: {
            PmtInfId: input.messageId,
            PmtMtd: 'TRF',
            BtchBookg: 'true',
            NbOfTxs: count,
            CtrlSum: total,
            PmtTpInf: { SvcLvl: { Cd: 'SEPA' } },
            ReqdExctnDt: input.executionDate,
            Dbtr: { Nm: sepaText(input.debtorName, 70) },
            DbtrAcct: { Id: { IBAN: input.debtorIban } },
            DbtrAgt: { FinInstnId: { Othr: { Id: 'NOTPROVIDED' } } },
            ChrgBr: 'SLEV',
            CdtTrfTxInf: input.lines.map((l) => ({
              PmtId: { EndToEndId: l.endToEndId },
              Amt: { InstdAmt: { '@Ccy': 'EUR', '#': euros(l.amountCents) } },
              Cdtr: { Nm: sepaText(l.providerName, 70) },
              CdtrAcct: { Id: { IBAN: l.iban } },
              RmtInf: { Ustrd: sepaText(input.remittance, 140) },
            })),
          },
        },
      },
    },
  );
  return doc.end({ prettyPrint: true });
}

function canPayOut(actor: Actor, municipalityCode: string) {
  // The CLI (system) runs payouts too; people need pass:providers, in their own municipality.
  if (actor.kind !== 'system') {
    assertCan(actor, 'pass:providers');
    assertMunicipality(actor, municipalityCode);
  }
}

/** The pass office sets where a provider's payouts go. */
export async function setProviderIban(db: Database, actor: Actor, providerId: string, input: z.infer<typeof providerIbanInput>) {
  if (actor.kind !== 'system') assertCan(actor, 'pass:providers');
  return db.audited(actor, { action: 'update', objectType: 'pass_provider', objectId: providerId, details: { field: 'iban' } }, async (tx, trail) => {
    const [provider] = await tx.select().from(passProviders).where(eq(passProviders.id, providerId)).for('update');
    if (!provider) throw new NotFoundError('De aanbieder');
    trail.municipalityCode = provider.municipalityCode;
    canPayOut(actor, provider.municipalityCode);
    await tx.update(passProviders).set({ iban: input.iban }).where(eq(passProviders.id, providerId));
    return { id: provider.id, name: provider.name, iban: input.iban };
  });
}

async function payoutView(db: Database, payoutId: string) {
  const [payout] = await db.unaudited((q) => q.select().from(passPayouts).where(eq(passPayouts.id, payoutId)));
  if (!payout) throw new NotFoundError('De uitbetaling');
  const lines = await db.unaudited((q) =>
    q.select().from(passPayoutLines).where(eq(passPayoutLines.payoutId, payoutId)).orderBy(asc(passPayoutLines.providerName)),
  );
  return { payout, lines };
}

function view(payout: typeof passPayouts.$inferSelect, lines: (typeof passPayoutLines.$inferSelect)[]) {
  return {
    id: payout.id,
    municipalityCode: payout.municipalityCode,
    from: payout.periodFrom,
    to: payout.periodTo,
    executionDate: payout.executionDate,
    messageId: payout.messageId,
    status: payout.status as 'prepared' | 'paid',
    totalCents: payout.totalCents,
    paidAt: payout.paidAt?.toISOString() ?? null,
    lines: lines.map((l) => ({
      providerId: l.providerId,
      provider: l.providerName,
      iban: l.iban,
      charges: l.charges,
      refunds: l.refunds,
      amountCents: l.amountCents,
      endToEndId: l.endToEndId,
    })),
  };
}

/**
 * A payout run over a period (Amsterdam days, inclusive): per provider of the municipality, the charges and refunds
 * of the period that no run paid yet, claimed for this run under a row lock (a run at the same moment waits and
 * then finds them taken). A provider without a valid IBAN, or with refunds at least as high as its charges, is left
 * out with its reason and keeps its lines for a later run. Nothing to pay at all: refused (`payout_empty`).
 */
export async function runPayout(db: Database, actor: Actor, input: z.infer<typeof payoutInput>) {
  canPayOut(actor, input.municipalityCode);
  if (input.to < input.from) throw passError('period_reversed');
  const now = db.clock.now();
  const { start, end } = statementPeriod(input.from, input.to);
  const result = await db.audited(
    actor,
    { action: 'create', objectType: 'pass_payout', municipalityCode: input.municipalityCode, purpose: 'Uitbetaling aanbieders Dordtpas' },
    async (tx, trail) => {
      const rows = await tx
        .select({ id: passTransactions.id, kind: passTransactions.kind, amountCents: passTransactions.amountCents, provider: passProviders })
        .from(passTransactions)
        .innerJoin(passProviders, eq(passProviders.id, passTransactions.providerId))
        .where(
          and(
            eq(passProviders.municipalityCode, input.municipalityCode),
            inArray(passTransactions.kind, ['charge', 'refund']),
            isNull(passTransactions.payoutId),
            gte(passTransactions.occurredAt, start),
            lt(passTransactions.occurredAt, end),
          ),
        )
        .orderBy(asc(passTransactions.occurredAt))
        .for('update', { of: passTransactions });
      const byProvider = new Map<string, { provider: typeof passProviders.$inferSelect; rows: typeof rows }>();
      for (const row of rows) {
        const entry = byProvider.get(row.provider.id) ?? { provider: row.provider, rows: [] };
        entry.rows.push(row);
        byProvider.set(row.provider.id, entry);
      }
      const messageId = `DP-${input.to.replaceAll('-', '')}-${randomBytes(6).toString('hex').toUpperCase()}`;
      const paid: { provider: typeof passProviders.$inferSelect; ids: string[]; charges: number; refunds: number; amountCents: number }[] = [];
      const skipped: { providerId: string; provider: string; reason: PayoutSkip; text: string; amountCents: number }[] = [];
      for (const { provider, rows: lines } of [...byProvider.values()].sort((a, b) => a.provider.name.localeCompare(b.provider.name))) {
        const totals = statementTotals(lines.map((l) => ({ kind: l.kind as 'charge' | 'refund', amountCents: l.amountCents })));
        const reason: PayoutSkip | null = totals.payoutCents <= 0 ? 'nothing_to_pay' : !provider.iban || !isValidIBAN(provider.iban) ? 'no_iban' : null;
        if (reason) skipped.push({ providerId: provider.id, provider: provider.name, reason, text: skipTexts[reason], amountCents: totals.payoutCents });
        else paid.push({ provider, ids: lines.map((l) => l.id), charges: totals.charges, refunds: totals.refunds, amountCents: totals.payoutCents });
      }
      if (!paid.length) throw passError('payout_empty');
      const totalCents = paid.reduce((sum, p) => sum + p.amountCents, 0);
      const [payout] = await tx
        .insert(passPayouts)
        .values({
          municipalityCode: input.municipalityCode,
          periodFrom: input.from,
          periodTo: input.to,
          executionDate: input.executionDate,
          messageId,
          debtorName: input.debtorName,
          debtorIban: input.debtorIban,
          status: 'prepared',
          totalCents,
          createdByUserId: actor.kind === 'user' ? actor.userId : null,
          createdAt: now,
        })
        .returning();
      trail.objectId = payout!.id;
      const lines = await tx
        .insert(passPayoutLines)
        .values(
          paid.map((p, i) => ({
            payoutId: payout!.id,
            providerId: p.provider.id,
            providerName: p.provider.name,
            iban: p.provider.iban!,
            charges: p.charges,
            refunds: p.refunds,
            amountCents: p.amountCents,
            endToEndId: `${messageId}-${i + 1}`,
          })),
        )
        .returning();
      for (const p of paid) await tx.update(passTransactions).set({ payoutId: payout!.id }).where(inArray(passTransactions.id, p.ids));
      trail.details = { messageId, providers: paid.length, skipped: skipped.length, totalCents, from: input.from, to: input.to };
      return { ...view(payout!, lines), skipped };
    },
  );
  return result;
}

/** Finance confirms the bank took the file: the run is paid. A run is marked paid once. */
export async function markPayoutPaid(db: Database, actor: Actor, payoutId: string) {
  return db.audited(actor, { action: 'update', objectType: 'pass_payout', objectId: payoutId, details: { status: 'paid' } }, async (tx, trail) => {
    const [payout] = await tx.select().from(passPayouts).where(eq(passPayouts.id, payoutId)).for('update');
    if (!payout) throw new NotFoundError('De uitbetaling');
    trail.municipalityCode = payout.municipalityCode;
    canPayOut(actor, payout.municipalityCode);
    if (payout.status === 'paid') throw passError('payout_already_paid');
    const [updated] = await tx.update(passPayouts).set({ status: 'paid', paidAt: db.clock.now() }).where(eq(passPayouts.id, payoutId)).returning();
    const lines = await tx.select().from(passPayoutLines).where(eq(passPayoutLines.payoutId, payoutId)).orderBy(asc(passPayoutLines.providerName));
    return { ...view(updated!, lines), skipped: [] };
  });
}

/** The payout runs of the actor's municipalities, newest first. */
export async function listPayouts(db: Database, actor: Actor) {
  assertCan(actor, 'pass:providers');
  const mine = ownMunicipalities(actor);
  if (!mine.length) return [];
  const payouts = await db.unaudited((q) =>
    q.select().from(passPayouts).where(inArray(passPayouts.municipalityCode, mine)).orderBy(desc(passPayouts.createdAt)),
  );
  const lines = payouts.length
    ? await db.unaudited((q) =>
        q
          .select()
          .from(passPayoutLines)
          .where(
            inArray(
              passPayoutLines.payoutId,
              payouts.map((p) => p.id),
            ),
          ),
      )
    : [];
  return payouts.map((p) =>
    view(
      p,
      lines.filter((l) => l.payoutId === p.id).sort((a, b) => a.providerName.localeCompare(b.providerName)),
    ),
  );
}

/** The run as a pain.001.001.03 file for the bank; each download is audited. */
export async function payoutFile(db: Database, actor: Actor, payoutId: string): Promise<{ fileName: string; xml: string }> {
  const { payout, lines } = await payoutView(db, payoutId);
  canPayOut(actor, payout.municipalityCode);
  return db.audited(
    actor,
    { action: 'export', objectType: 'pass_payout', objectId: payoutId, municipalityCode: payout.municipalityCode, details: { format: 'pain.001.001.03' } },
    async () => ({
      fileName: `${payout.messageId}.xml`,
      xml: pain001({
        messageId: payout.messageId,
        createdAt: payout.createdAt,
        executionDate: payout.executionDate,
        debtorName: payout.debtorName,
        debtorIban: payout.debtorIban,
        remittance: `Dordtpas kindtegoed ${payout.periodFrom} t/m ${payout.periodTo}`,
        lines: lines.map((l) => ({ endToEndId: l.endToEndId, providerName: l.providerName, iban: l.iban, amountCents: l.amountCents })),
      }),
    }),
  );
}
