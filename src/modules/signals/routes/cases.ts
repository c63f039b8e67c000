import { caseAssigned, caseClosed, caseDetail, casePage, contactAttemptRecorded, workerList } from '../contract.ts';
import { assignCase, caseAssignment, contactAttemptInput, outcomeInput, recordContactAttempt, recordOutcome } from '../commands/workCase.ts';
import { getCase, listWorkers } from '../queries/case.ts';
import { caseFilter, listCases } from '../queries/caseList.ts';
import { idParams, type SignalRouteDeps } from './shared.ts';

/** The team's work on cases: the queue, one case, assigning, contact attempts, the outcome, the workers. */
export function caseRoutes({ app, db }: SignalRouteDeps): void {
  app.get(
    '/signals/cases',
    {
      config: { access: 'signals:work' },
      schema: { tags: ['signals'], summary: 'Werkvoorraad: zaken (huishoudens)', querystring: caseFilter, response: { 200: casePage } },
    },
    async (request) => listCases(db, request.actor, request.query),
  );

  app.get(
    '/signals/cases/:id',
    {
      config: { access: 'signals:work' },
      schema: { tags: ['signals'], summary: 'Eén zaak met signalen, brief, contactpogingen en uitkomst', params: idParams, response: { 200: caseDetail } },
    },
    async (request) => getCase(db, request.actor, request.params.id),
  );

  app.patch(
    '/signals/cases/:id',
    {
      config: { access: 'signals:work' },
      schema: { tags: ['signals'], summary: 'Zaak toewijzen of een termijn zetten', params: idParams, body: caseAssignment, response: { 200: caseAssigned } },
    },
    async (request) => assignCase(db, request.actor, request.params.id, request.body),
  );

  app.post(
    '/signals/cases/:id/contact-attempts',
    {
      config: { access: 'signals:work' },
      schema: {
        tags: ['signals'],
        summary: 'Contactpoging vastleggen',
        params: idParams,
        body: contactAttemptInput,
        response: { 201: contactAttemptRecorded },
      },
    },
    async (request, reply) => reply.code(201).send(await recordContactAttempt(db, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/signals/cases/:id/outcome',
    {
      config: { access: 'signals:work' },
      schema: {
        tags: ['signals'],
        summary: 'Uitkomst (eindresultaat DDAS) vastleggen en de zaak afsluiten',
        params: idParams,
        body: outcomeInput,
        response: { 200: caseClosed },
      },
    },
    async (request) => recordOutcome(db, request.actor, request.params.id, request.body),
  );

  app.get(
    '/signals/workers',
    {
      config: { access: 'signals:work' },
      schema: { tags: ['signals'], summary: 'Medewerkers aan wie een zaak kan worden toegewezen', response: { 200: workerList } },
    },
    async (request) => listWorkers(db, request.actor),
  );
}
