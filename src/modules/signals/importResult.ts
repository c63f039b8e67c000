import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/authz.ts';
import type { ImportSummary } from './commands/importSignalFile.ts';

/**
 * What a creditor is told about its own delivery: its rows, how many were stored, which were its own duplicates
 * (a reference it sent before) and which were rejected (line, column, reason), how many went to each municipality and
 * how many were not residents of any (DDAS feedback tells it that too). Nothing about cases: whether a row opened a new
 * case or joined one says whether that household already has arrears with another creditor.
 */
export type CreditorImportResult = Omit<ImportSummary, 'casesCreated' | 'municipalities'> & { municipalities: Record<string, { accepted: number }> };

export function creditorImportResult(summary: ImportSummary): CreditorImportResult {
  const { casesCreated: _staffOnly, municipalities, ...own } = summary;
  return { ...own, municipalities: Object.fromEntries(Object.entries(municipalities).map(([m, c]) => [m, { accepted: c.accepted }])) };
}

/** The answer to whoever delivered the file: the early-signal team (who work the cases) also sees the case count. */
export function importResultFor(actor: Actor, summary: ImportSummary): CreditorImportResult | ImportSummary {
  return actor.kind === 'system' || can(actor, 'signals:work') ? summary : creditorImportResult(summary);
}
