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

/** Amounts and dates in the Dutch formats of the whole app (`€ 1.234,56`, `1 januari 2026`). */
export { formatAmount as euro, formatDate } from '../../format.ts';

export function personName(c: { initials: string | null; prefix: string | null; surname: string | null }): string {
  return [c.initials, c.prefix, c.surname].filter(Boolean).join(' ') || 'Onbekend';
}

export function address(c: {
  street: string | null;
  houseNumber: string | null;
  houseNumberSuffix: string | null;
  postcode: string | null;
  city: string | null;
}): string {
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
