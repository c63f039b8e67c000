import { Button, Heading1, Heading2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { offer as offerSchema, provider as providerSchema, providerList, publicInfo } from '../../../../src/modules/pass/contract.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import { DEFAULT_MUNICIPALITY } from '../../../../src/platform/municipalities.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { Done, ErrorSummary, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { euro, parseEuro, providerKindLabels, SelectField, useLocalChecks } from './shared.tsx';
import { StatementDownload } from './StatementDownload.tsx';

type ProviderRow = Json<typeof providerList>[number];
/** The organisations list of the platform (only what this page uses). */
interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
}

const offerFields: FieldMap = {
  providerId: { id: 'offer-provider', label: 'Aanbieder' },
  title: { id: 'offer-title', label: 'Omschrijving' },
  category: { id: 'offer-category', label: 'Categorie' },
  priceCents: { id: 'offer-price', label: 'Prijs' },
};
const joinFields: FieldMap = {
  organisationId: { id: 'join-organisation', label: 'Organisatie' },
  kind: { id: 'join-kind', label: 'Soort aanbieder' },
};

/** The providers of the pass: their offers, joining a new one, and every provider's payout statement. */
export function PassProviders() {
  const list = useApi<ProviderRow[]>('/pass/providers');
  const organisations = useApi<OrganisationRow[]>('/organisations');
  const info = useApi<Json<typeof publicInfo>>('/pass/public-info');
  const [join, setJoin] = useState({ organisationId: '', kind: 'sports_club' });
  const [offer, setOffer] = useState({ providerId: '', title: '', category: 'sport', price: '' });
  const [message, setMessage] = useState<string | null>(null);
  const addOffer = useApiMutation<Record<string, unknown> & { providerId: string }, Json<typeof offerSchema>>(
    'POST',
    (b) => `/pass/providers/${b.providerId}/offers`,
    {
      invalidates: ['/pass/providers'],
    },
  );
  const addProvider = useApiMutation<Record<string, unknown>, Json<typeof providerSchema>>('POST', '/pass/providers', { invalidates: ['/pass/providers'] });
  const candidates = (organisations.data ?? []).filter((o) => o.kind === 'provider' && !(list.data ?? []).some((p) => p.organisationId === o.id));

  const offerChecks: FieldErrors = {};
  if (!offer.providerId) offerChecks.providerId = 'Kies de aanbieder.';
  if (offer.title.trim().length < 2) offerChecks.title = 'Beschrijf het aanbod in een paar woorden, bijvoorbeeld "Zwemles, 10 lessen".';
  if (offer.price.trim() && !parseEuro(offer.price)) offerChecks.priceCents = 'Schrijf het bedrag als 1.650,50 of 1650, of laat de prijs leeg.';
  const offerLocal = useLocalChecks(offerFields, offerChecks);
  const joinChecks: FieldErrors = join.organisationId ? {} : { organisationId: 'Kies de organisatie die aanbieder wordt.' };
  const joinLocal = useLocalChecks(joinFields, joinChecks);

  const submitOffer = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!offerLocal.attempt()) return;
    try {
      const provider = list.data?.find((p) => p.id === offer.providerId);
      const added = await addOffer.mutateAsync({
        providerId: offer.providerId,
        title: offer.title.trim(),
        category: offer.category,
        priceCents: offer.price.trim() ? parseEuro(offer.price) : null,
      });
      setMessage(`Aanbod "${added.title}" is toegevoegd bij ${provider?.name ?? 'de aanbieder'}.`);
      setOffer((o) => ({ ...o, title: '', price: '' }));
      offerLocal.reset();
    } catch {
      // In the summary and next to the field.
    }
  };
  const submitJoin = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!joinLocal.attempt()) return;
    const organisation = organisations.data?.find((o) => o.id === join.organisationId);
    try {
      await addProvider.mutateAsync({
        organisationId: join.organisationId,
        municipalityCode: DEFAULT_MUNICIPALITY,
        name: organisation?.name ?? '',
        kind: join.kind,
      });
      setMessage(`${organisation?.name ?? 'De organisatie'} is aangesloten als aanbieder van de Dordtpas.`);
      setJoin((j) => ({ ...j, organisationId: '' }));
      joinLocal.reset();
    } catch {
      // In the summary and next to the field.
    }
  };
  return (
    <StaffShell>
      <Heading1>Dordtpas: aanbieders</Heading1>
      <ProblemAlert error={list.error} />
      <Done>{message}</Done>
      <Loading loading={list.loading}>
        <Table>
          <caption className="vn-caption">Aangesloten aanbieders en hun aanbod</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Aanbieder</TableHeaderCell>
              <TableHeaderCell scope="col">Soort</TableHeaderCell>
              <TableHeaderCell scope="col">Aanbod</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(list.data ?? []).map((p) => (
              <TableRow key={p.id}>
                <TableCell>{p.name}</TableCell>
                <TableCell>{providerKindLabels[p.kind] ?? p.kind}</TableCell>
                <TableCell>{p.offers.map((o) => `${o.title}${o.priceCents ? ` (${euro(o.priceCents)})` : ''}`).join('; ')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Heading2>Aanbod toevoegen</Heading2>
        <form onSubmit={submitOffer} className="vn-form" aria-label="Aanbod toevoegen" {...offerLocal.formProps}>
          <ErrorSummary error={addOffer.error} local={offerLocal.errors} fields={offerFields} />
          <SelectField
            id="offer-provider"
            label="Aanbieder"
            value={offer.providerId}
            onChange={(v) => setOffer((o) => ({ ...o, providerId: v }))}
            required
            error={fieldError('providerId', addOffer.error, offerLocal.errors)}
          >
            <option value="">Kies een aanbieder</option>
            {(list.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <TextInput
            id="offer-title"
            label="Omschrijving"
            value={offer.title}
            onChange={(v) => setOffer((o) => ({ ...o, title: v }))}
            required
            error={fieldError('title', addOffer.error, offerLocal.errors)}
          />
          <SelectField
            id="offer-category"
            label="Categorie"
            value={offer.category}
            onChange={(v) => setOffer((o) => ({ ...o, category: v }))}
            error={fieldError('category', addOffer.error, offerLocal.errors)}
          >
            {(info.data?.categories ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <TextInput
            id="offer-price"
            label="Prijs in euro (niet verplicht)"
            value={offer.price}
            onChange={(v) => setOffer((o) => ({ ...o, price: v }))}
            inputMode="decimal"
            error={fieldError('priceCents', addOffer.error, offerLocal.errors)}
          />
          <Button type="submit" appearance="primary-action-button" disabled={addOffer.isPending}>
            Aanbod toevoegen
          </Button>
        </form>
        {candidates.length > 0 && (
          <>
            <Heading2>Aanbieder aansluiten</Heading2>
            <form onSubmit={submitJoin} className="vn-form" aria-label="Aanbieder aansluiten" {...joinLocal.formProps}>
              <ErrorSummary error={addProvider.error} local={joinLocal.errors} fields={joinFields} />
              <SelectField
                id="join-organisation"
                label="Organisatie (soort aanbieder)"
                value={join.organisationId}
                onChange={(v) => setJoin((j) => ({ ...j, organisationId: v }))}
                required
                error={fieldError('organisationId', addProvider.error, joinLocal.errors)}
              >
                <option value="">Kies een organisatie</option>
                {candidates.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </SelectField>
              <SelectField
                id="join-kind"
                label="Soort aanbieder"
                value={join.kind}
                onChange={(v) => setJoin((j) => ({ ...j, kind: v }))}
                error={fieldError('kind', addProvider.error)}
              >
                {Object.entries(providerKindLabels).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </SelectField>
              <Button type="submit" appearance="primary-action-button" disabled={addProvider.isPending}>
                Aansluiten
              </Button>
            </form>
          </>
        )}
        {(list.data ?? []).map((p) => (
          <StatementDownload key={p.id} providerId={p.id} title={`Uitbetalingsoverzicht ${p.name}`} />
        ))}
      </Loading>
    </StaffShell>
  );
}
