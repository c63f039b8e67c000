import { create } from 'xmlbuilder2';

/**
 * The rule of a pain.001 file that an XSD cannot state: the number of transactions (`NbOfTxs`) and the control sum
 * (`CtrlSum`) in the group header and in each payment information block must match the transfers they count. A bank
 * refuses the whole file when they do not. Amounts are compared in cents, never as floating point.
 */

type Node = Record<string, unknown>;
const asList = (value: unknown): Node[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]) as Node[];
const text = (value: unknown): string => (typeof value === 'object' && value !== null ? String((value as Node)['#'] ?? '') : String(value ?? ''));

/** "12.30" → 1230; anything that is not an amount with at most two decimals → null. */
export function centsOf(amount: string): number | null {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** The problems with the counts and sums of a pain.001.001.03 file; empty when they add up. */
export function pain001SumProblems(xml: string): string[] {
  const doc = create(xml).end({ format: 'object' }) as Node;
  const initiation = (doc.Document as Node | undefined)?.CstmrCdtTrfInitn as Node | undefined;
  if (!initiation) return ['no CstmrCdtTrfInitn'];
  const header = (initiation.GrpHdr ?? {}) as Node;
  const problems: string[] = [];
  let allCount = 0;
  let allCents = 0;
  for (const [i, block] of asList(initiation.PmtInf).entries()) {
    const transfers = asList(block.CdtTrfTxInf);
    const cents = transfers.map((t) => centsOf(text(((t.Amt ?? {}) as Node).InstdAmt)));
    if (cents.some((c) => c === null)) problems.push(`PmtInf ${i + 1}: an InstdAmt is not an amount with at most two decimals`);
    const sum = cents.reduce<number>((a, c) => a + (c ?? 0), 0);
    if (text(block.NbOfTxs) !== String(transfers.length)) problems.push(`PmtInf ${i + 1}: NbOfTxs ${text(block.NbOfTxs)}, transfers ${transfers.length}`);
    if (centsOf(text(block.CtrlSum)) !== sum) problems.push(`PmtInf ${i + 1}: CtrlSum ${text(block.CtrlSum)}, transfers add up to ${(sum / 100).toFixed(2)}`);
    allCount += transfers.length;
    allCents += sum;
  }
  if (text(header.NbOfTxs) !== String(allCount)) problems.push(`GrpHdr: NbOfTxs ${text(header.NbOfTxs)}, transfers ${allCount}`);
  if (centsOf(text(header.CtrlSum)) !== allCents) problems.push(`GrpHdr: CtrlSum ${text(header.CtrlSum)}, transfers add up to ${(allCents / 100).toFixed(2)}`);
  return problems;
}
