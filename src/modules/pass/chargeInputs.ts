import { z } from 'zod';
import { isValidPassNumber, normalisePassNumber } from './domain.ts';

/** What the till and the payout statement accept (zod): the pass number, a charge, a refund and a period. */

const passNumber = z
  .string()
  .max(50)
  .trim()
  .refine(isValidPassNumber, 'Dit pasnummer klopt niet: controleer de tien cijfers op de pas.')
  .transform(normalisePassNumber);

export const lookupInput = z.object({ passNumber });

export const chargeInput = z
  .object({
    passNumber,
    /** The member number printed on the card (the holder is 1; children follow). */
    memberNumber: z.number().int().min(1).max(20),
    offerId: z.string().uuid().optional().nullable(),
    category: z.string().min(2).max(50).optional().nullable(),
    amountCents: z
      .number()
      .int('Het bedrag is in hele centen.')
      .min(1, 'Het bedrag moet meer dan € 0,00 zijn.')
      .max(100_000, 'Het bedrag kan hoogstens € 1.000,00 zijn.'),
    /** Chosen by the till, unique per charge: a retried request with the same key does not charge twice. */
    idempotencyKey: z.string().trim().min(8, 'Een idempotency key heeft 8 tot 100 tekens.').max(100, 'Een idempotency key heeft 8 tot 100 tekens.'),
    description: z.string().trim().max(200).optional().nullable(),
    /**
     * Split payment: when the budget does not cover `amountCents`, charge what it has and answer the rest
     * (`otherPaymentCents`) to pay another way. Without it, too little balance is refused and nothing is charged.
     */
    split: z.boolean().default(false),
  })
  .refine((v) => v.offerId || v.category, { message: 'Kies een aanbod of een categorie.', path: ['category'] });
export type ChargeInput = z.input<typeof chargeInput>;

export const refundInput = z.object({
  receiptNumber: z
    .string()
    .trim()
    .min(4, 'Een bonnummer heeft 4 tot 30 tekens, bijvoorbeeld B1A2B3C4D5E6.')
    .max(30, 'Een bonnummer heeft 4 tot 30 tekens, bijvoorbeeld B1A2B3C4D5E6.'),
  amountCents: z
    .number()
    .int('Het bedrag is in hele centen.')
    .min(1, 'Het bedrag moet meer dan € 0,00 zijn.')
    .max(100_000, 'Het bedrag kan hoogstens € 1.000,00 zijn.')
    .optional()
    .nullable(),
  idempotencyKey: z.string().trim().min(8, 'Een idempotency key heeft 8 tot 100 tekens.').max(100, 'Een idempotency key heeft 8 tot 100 tekens.'),
  reason: z.string().trim().max(200).optional().nullable(),
});

export const statementQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  /** Only the lines of this payout run: the provider's statement of what it was paid. */
  payout: z.string().uuid().optional(),
});
