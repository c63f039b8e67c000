import { AppError } from '../errors.ts';

/** Why a delivery failed: the code kept in the outbox, and the one Dutch sentence an admin reads for it. */
export const deliveryFailureSentences = {
  refused_permanently: 'De mailserver van de ontvanger weigert dit bericht. Controleer het e-mailadres.',
  refused_temporarily: 'De mailserver nam het bericht (nog) niet aan.',
  unreachable: 'De mailserver was niet bereikbaar.',
  login_refused: 'De mailserver weigerde de inlog van Vangnet. Controleer de instellingen voor e-mail.',
  send_failed: 'Het versturen is mislukt.',
  content_missing: 'De tekst van dit bericht is er niet meer.',
} as const;
export type DeliveryFailure = keyof typeof deliveryFailureSentences;

/** Failures that may pass: tried again with backoff, up to the limit. */
export const retryableFailures: ReadonlySet<DeliveryFailure> = new Set(['refused_temporarily', 'unreachable', 'login_refused', 'send_failed']);

/** The sentence for a stored failure code and the mail's state; a code from a later version reads as a plain failure. */
export function deliveryFailureSentence(code: string | null, status: string): string | null {
  if (!code || status === 'sent') return null;
  const sentence = deliveryFailureSentences[code as DeliveryFailure] ?? deliveryFailureSentences.send_failed;
  if (status === 'failed') return `${sentence} Vangnet probeert het niet meer vanzelf; u kunt het opnieuw laten versturen.`;
  return `${sentence} Vangnet probeert het later opnieuw.`;
}

const refusals = {
  mail_not_found: { status: 404, message: 'Dit bericht is niet gevonden.' },
  mail_not_failed: { status: 409, message: 'Alleen een mislukt bericht kan opnieuw worden verstuurd.' },
  mail_off: { status: 409, message: 'E-mail staat uit: er is geen mailserver ingesteld. Vraag de technisch beheerder om dit in te stellen.' },
} as const;

export function mailError(code: keyof typeof refusals): AppError {
  const r = refusals[code];
  return new AppError(code, r.status, r.message);
}
