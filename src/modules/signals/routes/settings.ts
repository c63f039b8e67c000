import { z } from 'zod';
import { signalProblem } from '../messages.ts';
import { columnMappingView, creditorTypesView, municipalSettingsView, postcodeAreasLoaded, postcodeAreasView } from '../contract.ts';
import { creditorTypesInput, setCreditorTypes } from '../creditors.ts';
import { getMunicipalSignalSettings, municipalSettingsInput, setMunicipalSignalSettings } from '../municipalSettings.ts';
import { columnMappingInput, getColumnMapping, setColumnMapping } from '../mapping.ts';
import { loadPostcodeAreasCsv, postcodeAreaCounts } from '../postcodeAreas.ts';
import { municipalityCode } from '../../../platform/municipalities.ts';
import type { SignalRouteDeps } from './shared.ts';

/** Configuration: column mappings, creditor types, a municipality's own choices and the postcode table. */
export function settingsRoutes({ app, db }: SignalRouteDeps): void {
  const organisationParams = z.object({ organisationId: z.string().uuid() });
  app.get(
    '/signals/mappings/:organisationId',
    {
      config: { access: 'signals:configure' },
      schema: {
        tags: ['signals'],
        summary: 'Kolomkoppeling van een schuldeiser (welke kolom in diens bestanden welk veld is)',
        params: organisationParams,
        response: { 200: columnMappingView },
      },
    },
    async (request) => getColumnMapping(db, request.actor, { id: request.params.organisationId }),
  );
  app.put(
    '/signals/mappings/:organisationId',
    {
      config: { access: 'signals:configure' },
      schema: {
        tags: ['signals'],
        summary: 'Kolomkoppeling van een schuldeiser vastleggen (vervangt de vorige; leeg = verwijderen)',
        params: organisationParams,
        body: columnMappingInput,
        response: { 200: columnMappingView },
      },
    },
    async (request) => setColumnMapping(db, request.actor, { id: request.params.organisationId }, request.body),
  );
  app.delete(
    '/signals/mappings/:organisationId',
    {
      config: { access: 'signals:configure' },
      schema: {
        tags: ['signals'],
        summary: 'Kolomkoppeling van een schuldeiser verwijderen',
        params: organisationParams,
        response: { 200: columnMappingView },
      },
    },
    async (request) => setColumnMapping(db, request.actor, { id: request.params.organisationId }, { columns: {} }),
  );

  app.put(
    '/signals/creditors/:organisationId/types',
    {
      config: { access: 'organisations:manage' },
      schema: {
        tags: ['signals'],
        summary: 'De soorten signalen die een schuldeiser aanlevert (beheerder)',
        params: organisationParams,
        body: creditorTypesInput,
        response: { 200: creditorTypesView },
      },
    },
    async (request) => setCreditorTypes(db, request.actor, request.params.organisationId, request.body),
  );

  // The municipality's own choices (its admin): municipal taxes, an experiment under Wgs art. 10, and the offer of help
  // by e-mail; both off by default.
  const municipalityParams = z.object({ code: municipalityCode });
  app.get(
    '/signals/municipalities/:code/settings',
    {
      config: { access: 'signals:administer' },
      schema: {
        tags: ['signals'],
        summary: 'Instellingen vroegsignalering van een gemeente (beheerder)',
        params: municipalityParams,
        response: { 200: municipalSettingsView },
      },
    },
    async (request) => getMunicipalSignalSettings(db, request.actor, request.params.code),
  );
  app.put(
    '/signals/municipalities/:code/settings',
    {
      config: { access: 'signals:administer' },
      schema: {
        tags: ['signals'],
        summary:
          'Signalen over gemeentelijke belastingen, of het aanbod per e-mail, aan- of uitzetten voor een gemeente (beheerder); een weggelaten instelling blijft zoals hij was',
        params: municipalityParams,
        body: municipalSettingsInput,
        response: { 200: municipalSettingsView },
      },
    },
    async (request) => setMunicipalSignalSettings(db, request.actor, request.params.code, request.body),
  );
  // The postcode table (configuration, no personal data): the admin replaces it for another region.
  app.put(
    '/admin/postcode-areas',
    {
      config: { access: 'organisations:manage', body: 'file' },
      schema: {
        tags: ['signals'],
        summary: 'De postcodetabel vervangen (CSV: postcode;gemeente;wijk;wijknaam;buurt;buurtnaam), voor de routering van signalen (beheerder)',
        response: { 200: postcodeAreasLoaded },
      },
    },
    async (request) => {
      const body = request.body as AsyncIterable<Uint8Array> | undefined;
      if (!body || typeof body[Symbol.asyncIterator] !== 'function') {
        throw signalProblem('postcode_table_not_sent');
      }
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(Buffer.from(chunk));
      return loadPostcodeAreasCsv(db, request.actor, Buffer.concat(chunks).toString('utf8'));
    },
  );
  app.get(
    '/admin/postcode-areas',
    {
      config: { access: 'organisations:manage' },
      schema: { tags: ['signals'], summary: 'De postcodetabel: aantal postcodes per gemeente (beheerder)', response: { 200: postcodeAreasView } },
    },
    async () => ({ municipalities: await postcodeAreaCounts(db) }),
  );
}
