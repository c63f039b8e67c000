/**
 * Applications and passes: the names other files (routes, the resident pages, the CLI, tests) import. The changes
 * live in `commands/applications.ts` and `commands/passStatus.ts`, the reads in `queries.ts`.
 */
export {
  applicationInput,
  decideApplication,
  decisionInput,
  submitApplication,
  type ApplicationInput,
  type ApplicationOutcome,
} from './commands/applications.ts';
export { replaceLostPass, setPassStatus, statusChangeInput } from './commands/passStatus.ts';
export {
  applicationListQuery,
  canAdminister,
  findPassByNumber,
  getPass,
  listApplications,
  residentStatus,
  residentStatusesByBsn,
  statusLookupInput,
} from './queries.ts';
