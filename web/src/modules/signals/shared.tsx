import { api } from '../../api.ts';

export {
  caseStatusLabels,
  caseStatuses,
  contactKindLabels,
  contactKinds,
  creditorTypeLabels,
  finalResultLabels,
  finalResults,
  helpResponseLabels,
  helpResponses,
  partOfDayLabels,
  partsOfDay,
  referralResults,
  signalStatusLabels,
  creditorFeedbackLabels,
  creditorFeedbacks,
} from '../../../../src/modules/signals/ddas.ts';

export const euro = (cents: number) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);

export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  return new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value.slice(0, 10)}T00:00:00Z`));
}

export function personName(c: { initials: string | null; prefix: string | null; surname: string | null }): string {
  return [c.initials, c.prefix, c.surname].filter(Boolean).join(' ') || 'Onbekend';
}

export function address(c: { street: string | null; houseNumber: string | null; houseNumberSuffix: string | null; postcode: string | null; city: string | null }): string {
  const pc = c.postcode ? `${c.postcode.slice(0, 4)} ${c.postcode.slice(4)}` : '';
  return [[c.street, c.houseNumber, c.houseNumberSuffix].filter(Boolean).join(' '), [pc, c.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** Sends a file or asks for a PDF: the JSON helper cannot, so this does the same with the CSRF header. */
export async function rawRequest(method: string, url: string, body?: Blob | string, headers: Record<string, string> = {}): Promise<Response> {
  const session = await api<{ csrfToken: string | null }>('GET', '/session');
  const response = await fetch(`/api/v1${url}`, {
    method,
    credentials: 'same-origin',
    headers: { ...headers, ...(session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}) },
    body,
  });
  return response;
}

/** Offers a downloaded file to the user as a link (no inline script, so the CSP holds). */
export function blobLink(blob: Blob): string {
  return URL.createObjectURL(blob);
}
