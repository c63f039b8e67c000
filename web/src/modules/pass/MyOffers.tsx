import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { offer as offerSchema, offerList, publicOffers } from '../../../../src/modules/pass/offerContract.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { audienceLabels, forWhom, kindLabels, statusLabels, where } from './offerShared.ts';
import { euro, parseEuro, SelectField, TextAreaField, useLocalChecks } from './shared.tsx';

type Offer = Json<typeof offerSchema>;
type Mine = { provider: { id: string; name: string }; offers: Json<typeof offerList> };

const fields: FieldMap = {
  title: { id: 'o-title', label: 'Titel' },
  category: { id: 'o-category', label: 'Categorie' },
  kind: { id: 'o-kind', label: 'Soort' },
  priceCents: { id: 'o-price', label: 'Prijs' },
  discountText: { id: 'o-discount', label: 'Korting' },
  audience: { id: 'o-audience', label: 'Voor wie' },
  minAge: { id: 'o-min-age', label: 'Leeftijd van' },
  maxAge: { id: 'o-max-age', label: 'Leeftijd tot en met' },
  areaCodes: { id: 'o-area', label: 'Wijk' },
  validFrom: { id: 'o-from', label: 'Geldig vanaf' },
  validUntil: { id: 'o-until', label: 'Geldig tot en met' },
  description: { id: 'o-description', label: 'Beschrijving' },
};

const empty = {
  title: '',
  category: 'sport',
  kind: 'offer',
  price: '',
  discountText: '',
  audience: 'everyone',
  minAge: '',
  maxAge: '',
  area: '',
  validFrom: '',
  validUntil: '',
  description: '',
};
const wholeAge = /^\d{1,2}$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A provider's own offers and discounts: add one (the pass office approves it), see the state of each, withdraw. */
export function PassMyOffers() {
  const mine = useApi<Mine>('/pass/offers/mine');
  const lists = useApi<Json<typeof publicOffers>>('/pass/offers/public');
  const [form, setForm] = useState(empty);
  const [message, setMessage] = useState<string | null>(null);
  const providerId = mine.data?.provider.id ?? '';
  const add = useApiMutation<Record<string, unknown>, Offer>('POST', () => `/pass/providers/${providerId}/offers`, { invalidates: ['/pass/offers/mine'] });
  const withdraw = useApiMutation<{ id: string }, Offer>('POST', (b) => `/pass/offers/${b.id}/withdraw`, {
    invalidates: ['/pass/offers/mine', '/pass/offers/public'],
  });
  const set = (key: keyof typeof empty) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const children = form.audience === 'children';

  const checks: FieldErrors = {};
  if (form.title.trim().length < 2) checks.title = 'Beschrijf het aanbod in een paar woorden, bijvoorbeeld "Zwemles, 10 lessen".';
  if (form.kind === 'offer' && form.price.trim() && !parseEuro(form.price)) checks.priceCents = 'Schrijf de prijs als 12,50 of 12, of laat de prijs leeg.';
  if (form.kind === 'discount' && !form.discountText.trim()) checks.discountText = 'Schrijf op welke korting er is, bijvoorbeeld "25% korting op de entree".';
  if (children) {
    if (!wholeAge.test(form.minAge.trim())) checks.minAge = 'Vul de leeftijd "van" in als een getal, bijvoorbeeld 4.';
    if (!wholeAge.test(form.maxAge.trim())) checks.maxAge = 'Vul de leeftijd "tot en met" in als een getal, bijvoorbeeld 12.';
    else if (Number(form.maxAge) > 17) checks.maxAge = 'Aanbod voor kinderen is tot en met 17 jaar. Kies "Volwassenen" of "Iedereen" voor ouderen.';
    else if (!checks.minAge && Number(form.minAge) > Number(form.maxAge)) checks.maxAge = 'De leeftijd "tot" is lager dan de leeftijd "van". Draai ze om.';
  }
  if (form.validFrom && !isoDate.test(form.validFrom)) checks.validFrom = 'Kies een datum, of laat dit leeg.';
  if (form.validUntil && !isoDate.test(form.validUntil)) checks.validUntil = 'Kies een datum, of laat dit leeg.';
  else if (form.validFrom && form.validUntil && form.validUntil < form.validFrom) checks.validUntil = 'De einddatum ligt voor de begindatum.';
  const local = useLocalChecks(fields, checks);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!local.attempt()) return;
    try {
      const added = await add.mutateAsync({
        title: form.title.trim(),
        category: form.category,
        kind: form.kind,
        priceCents: form.kind === 'offer' && form.price.trim() ? parseEuro(form.price) : null,
        discountText: form.kind === 'discount' ? form.discountText.trim() : null,
        audience: form.audience,
        minAge: children ? Number(form.minAge) : null,
        maxAge: children ? Number(form.maxAge) : null,
        areaCodes: form.area ? [form.area] : [],
        validFrom: form.validFrom || null,
        validUntil: form.validUntil || null,
        description: form.description.trim() || null,
      });
      setMessage(`"${added.title}" is aangemeld. De Dordtpas-balie bekijkt het; daarna staat het op de website.`);
      setForm(empty);
      local.reset();
    } catch {
      // In the summary and next to the field.
    }
  };
  const areas = lists.data?.areas ?? [];
  return (
    <StaffShell>
      <Heading1>Dordtpas: ons aanbod</Heading1>
      <Paragraph>
        Meld hier uw aanbod of korting voor pashouders aan. De Dordtpas-balie keurt het goed; daarna zien inwoners het op{' '}
        <a href="/dordtpas/aanbod">de aanbodpagina</a>.
      </Paragraph>
      <ProblemAlert error={mine.error ?? withdraw.error} />
      <Done>{message}</Done>
      <Loading loading={mine.loading}>
        <Table>
          <caption className="vn-caption">Aanbod van {mine.data?.provider.name}</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Aanbod</TableHeaderCell>
              <TableHeaderCell scope="col">Voor wie en waar</TableHeaderCell>
              <TableHeaderCell scope="col">Stand</TableHeaderCell>
              <TableHeaderCell scope="col">Actie</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(mine.data?.offers ?? []).map((o) => (
              <TableRow key={o.id}>
                <TableCell>
                  {o.title}
                  {o.kind === 'discount' ? ` (${o.discountText})` : o.priceCents ? ` (${euro(o.priceCents)})` : ''}
                </TableCell>
                <TableCell>
                  {forWhom(o)}; {where(o.areaCodes, areas)}
                </TableCell>
                <TableCell>
                  {statusLabels[o.status] ?? o.status}
                  {o.rejectionReason ? `. Reden: ${o.rejectionReason}` : ''}
                </TableCell>
                <TableCell>
                  {(o.status === 'submitted' || o.status === 'approved') && (
                    <ConfirmButton
                      appearance="secondary-action-button"
                      label={`${o.title} intrekken`}
                      title="Aanbod intrekken?"
                      consequence={`"${o.title}" staat daarna niet meer op de website en kan niet meer met de pas betaald worden. Wilt u het later weer aanbieden, meld het dan opnieuw aan.`}
                      confirmLabel="Ja, trek het aanbod in"
                      onConfirm={async () => {
                        setMessage(null);
                        await withdraw.mutateAsync({ id: o.id });
                        setMessage(`"${o.title}" is ingetrokken.`);
                      }}
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Heading2>Aanbod of korting aanmelden</Heading2>
        <form onSubmit={submit} className="vn-form" aria-label="Aanbod aanmelden" {...local.formProps}>
          <ErrorSummary error={add.error} local={local.errors} fields={fields} />
          <TextInput id="o-title" label="Titel" value={form.title} onChange={set('title')} required error={fieldError('title', add.error, local.errors)} />
          <SelectField
            id="o-category"
            label="Categorie"
            value={form.category}
            onChange={set('category')}
            error={fieldError('category', add.error, local.errors)}
          >
            {(lists.data?.categories ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <SelectField id="o-kind" label="Soort" value={form.kind} onChange={set('kind')} error={fieldError('kind', add.error, local.errors)}>
            {Object.entries(kindLabels).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </SelectField>
          {form.kind === 'offer' ? (
            <TextInput
              id="o-price"
              label="Prijs in euro (niet verplicht)"
              value={form.price}
              onChange={set('price')}
              inputMode="decimal"
              error={fieldError('priceCents', add.error, local.errors)}
            />
          ) : (
            <TextInput
              id="o-discount"
              label="Korting"
              description='Bijvoorbeeld "25% korting op de entree".'
              value={form.discountText}
              onChange={set('discountText')}
              required
              error={fieldError('discountText', add.error, local.errors)}
            />
          )}
          <SelectField
            id="o-audience"
            label="Voor wie"
            value={form.audience}
            onChange={set('audience')}
            error={fieldError('audience', add.error, local.errors)}
          >
            {Object.entries(audienceLabels).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </SelectField>
          {children && (
            <>
              <TextInput
                id="o-min-age"
                label="Leeftijd van"
                value={form.minAge}
                onChange={set('minAge')}
                inputMode="numeric"
                required
                error={fieldError('minAge', add.error, local.errors)}
              />
              <TextInput
                id="o-max-age"
                label="Leeftijd tot en met"
                value={form.maxAge}
                onChange={set('maxAge')}
                inputMode="numeric"
                required
                error={fieldError('maxAge', add.error, local.errors)}
              />
            </>
          )}
          <SelectField id="o-area" label="Wijk" value={form.area} onChange={set('area')} error={fieldError('areaCodes', add.error, local.errors)}>
            <option value="">Hele stad</option>
            {areas.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </SelectField>
          <TextInput
            id="o-from"
            label="Geldig vanaf (niet verplicht)"
            type="date"
            value={form.validFrom}
            onChange={set('validFrom')}
            error={fieldError('validFrom', add.error, local.errors)}
          />
          <TextInput
            id="o-until"
            label="Geldig tot en met (niet verplicht)"
            type="date"
            value={form.validUntil}
            onChange={set('validUntil')}
            error={fieldError('validUntil', add.error, local.errors)}
          />
          <TextAreaField
            id="o-description"
            label="Beschrijving (niet verplicht)"
            value={form.description}
            onChange={set('description')}
            error={fieldError('description', add.error, local.errors)}
          />
          <Button type="submit" appearance="primary-action-button" disabled={add.isPending || !providerId}>
            Aanmelden
          </Button>
        </form>
      </Loading>
    </StaffShell>
  );
}
