import Papa from 'papaparse';
import { isValidBsn } from '../../platform/bsn.ts';
import { childBudgetFor, type AgeGroup, type PassRuleSet } from './domain.ts';

/**
 * A new pass year as pure functions: the social service's file of current benefit recipients is read (every bad
 * row reported with line and field in Dutch), then each pass of the old year is planned: renewed automatically when
 * the holder is in the file, otherwise invited to confirm before a deadline. Child budgets follow the new ages;
 * unspent budget expires or carries over, as the municipality configured. No database, no clock.
 */

export type UnspentBudgetRule = 'expire' | 'carry_over';
export const unspentBudgetRuleLabels: Record<UnspentBudgetRule, string> = { expire: 'Vervalt', carry_over: 'Gaat mee naar het nieuwe pasjaar' };

export interface BenefitRecipient {
  line: number;
  bsn: string;
  benefit: string;
}

export interface BenefitsProblem {
  line: number;
  field: string;
  message: string;
}

/** The social service's CSV (`bsn;uitkering`, comma or semicolon): recipients and problems; no row is dropped silently. */
export function parseBenefitsCsv(text: string): { recipients: BenefitRecipient[]; problems: BenefitsProblem[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const recipients: BenefitRecipient[] = [];
  const problems: BenefitsProblem[] = [];
  const fields = parsed.meta.fields ?? [];
  for (const column of ['bsn', 'uitkering'])
    if (!fields.includes(column)) problems.push({ line: 1, field: column, message: `De kolom "${column}" ontbreekt in de eerste regel van het bestand.` });
  if (problems.length > 0) return { recipients, problems };
  const seen = new Map<string, number>();
  parsed.data.forEach((row, index) => {
    // Line 1 is the header; papaparse counts data rows from 0.
    const line = index + 2;
    const bsn = (row.bsn ?? '').replace(/[\s.]/g, '').padStart(9, '0');
    const benefit = (row.uitkering ?? '').trim();
    const before = problems.length;
    if ((row.bsn ?? '').trim() === '') problems.push({ line, field: 'bsn', message: `Regel ${line}: het BSN is leeg.` });
    else if (!isValidBsn(bsn))
      problems.push({
        line,
        field: 'bsn',
        message: `Regel ${line}: het BSN "${row.bsn?.trim()}" klopt niet. Een BSN heeft 9 cijfers en moet de elfproef halen.`,
      });
    else if (seen.has(bsn)) problems.push({ line, field: 'bsn', message: `Regel ${line}: dit BSN staat ook al op regel ${seen.get(bsn)}.` });
    if (benefit === '') problems.push({ line, field: 'uitkering', message: `Regel ${line}: vul de soort uitkering in.` });
    if (problems.length === before) {
      seen.set(bsn, line);
      recipients.push({ line, bsn, benefit });
    }
  });
  for (const error of parsed.errors)
    if (error.type === 'FieldMismatch' && error.row !== undefined)
      problems.push({ line: error.row + 2, field: 'regel', message: `Regel ${error.row + 2}: deze regel heeft niet evenveel kolommen als de eerste regel.` });
  problems.sort((a, b) => a.line - b.line);
  return { recipients, problems };
}

export interface OldYearPass {
  passId: string;
  holderBsn: string | null;
  status: string;
  children: { memberNumber: number; childPersonId: string; birthDate: string }[];
  /** The child budgets of the old year, by member number. */
  budgets: { memberNumber: number; balanceCents: number }[];
  /** What an earlier run of the new year did to this pass (null: nothing yet). A second run changes nothing. */
  existing: 'invited' | 'renewed' | 'lapsed' | null;
}

export interface PlannedBudget {
  memberNumber: number;
  childPersonId: string;
  ageGroup: AgeGroup;
  grantedCents: number;
  carriedCents: number;
}

export type RenewalAction =
  | { passId: string; action: 'renew'; budgets: PlannedBudget[] }
  | { passId: string; action: 'invite' }
  | { passId: string; action: 'unchanged' };

/** The budgets of the new year for the children of a pass, at their new ages, with unspent budget by the rule. */
export function newYearBudgets(pass: Pick<OldYearPass, 'children' | 'budgets'>, year: number, rules: PassRuleSet, unspent: UnspentBudgetRule): PlannedBudget[] {
  const out: PlannedBudget[] = [];
  for (const child of pass.children) {
    const budget = childBudgetFor(child.birthDate, year, rules);
    if (!budget) continue;
    const left = pass.budgets.find((b) => b.memberNumber === child.memberNumber)?.balanceCents ?? 0;
    const carriedCents = unspent === 'carry_over' ? left : 0;
    out.push({
      memberNumber: child.memberNumber,
      childPersonId: child.childPersonId,
      ageGroup: budget.ageGroup,
      grantedCents: budget.amountCents + carriedCents,
      carriedCents,
    });
  }
  return out;
}

/** What the new year does to each active pass of the old year. */
export function planRenewal(passes: OldYearPass[], recipientBsns: Set<string>, year: number, rules: PassRuleSet, unspent: UnspentBudgetRule): RenewalAction[] {
  return passes
    .filter((p) => p.status === 'active')
    .map((p): RenewalAction => {
      const inFile = p.holderBsn !== null && recipientBsns.has(p.holderBsn);
      // An invited household that a later benefits file lists is renewed after all; anything else stays as it was.
      if (p.existing && !(p.existing === 'invited' && inFile)) return { passId: p.passId, action: 'unchanged' };
      if (inFile) return { passId: p.passId, action: 'renew', budgets: newYearBudgets(p, year, rules, unspent) };
      return { passId: p.passId, action: 'invite' };
    });
}

/** The office's summary in plain Dutch. */
export function renewalSummary(year: number, counts: { renewed: number; invited: number; unchanged: number; lapsed: number }, deadline: string): string {
  if (counts.renewed === 0 && counts.invited === 0 && counts.lapsed === 0) return `Het pasjaar ${year} was al gestart. Er is niets veranderd.`;
  const parts = [
    `${counts.renewed} ${counts.renewed === 1 ? 'pas is' : 'passen zijn'} verlengd`,
    `${counts.invited} ${counts.invited === 1 ? 'huishouden is' : 'huishoudens zijn'} uitgenodigd om te bevestigen vóór ${deadline}`,
  ];
  if (counts.lapsed > 0) parts.push(`${counts.lapsed} ${counts.lapsed === 1 ? 'pas is' : 'passen zijn'} vervallen`);
  return `Pasjaar ${year}: ${parts.join(', ')}.`;
}

/** Invitations past their deadline lapse (on `today`, after the deadline day). */
export function invitationLapses(invitation: { deadline: string; confirmedAt: string | null }, today: string): boolean {
  return invitation.confirmedAt === null && today > invitation.deadline;
}
