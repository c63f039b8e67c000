import type { Json } from '../../../../src/platform/contract.ts';
import type { caseDetail } from '../../../../src/modules/signals/contract.ts';

/** What the pieces of the case page share: the case as the API sends it, a code in words, and today's date. */

export type CaseDetailData = Json<typeof caseDetail>;

export const label = <T extends string>(labels: Record<T, string>, value: string | null | undefined) => (value ? (labels[value as T] ?? value) : '–');
export const today = () => new Date().toISOString().slice(0, 10);
