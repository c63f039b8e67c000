import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { campaignResult } from '../../../../src/modules/pass/contract.ts';
import type { publicOffers } from '../../../../src/modules/pass/offerContract.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { formatCount } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { euro, parseEuro, SelectField, useLocalChecks } from './shared.tsx';

type CampaignResult = Json<typeof campaignResult>;

const fields: FieldMap = {
  code: { id: 'c-code', label: 'Code' },
  name: { id: 'c-name', label: 'Naam' },
  year: { id: 'c-year', label: 'Pasjaar' },
  amountCents: { id: 'c-amount', label: 'Bedrag per kind' },
  targetMinAge: { id: 'c-min-age', label: 'Leeftijd van' },
  targetMaxAge: { id: 'c-max-age', label: 'Leeftijd tot en met' },
  targetAreaCode: { id: 'c-area', label: 'Wijk' },
  endsOn: { id: 'c-ends', label: 'Te besteden tot en met' },
};
const wholeAge = /^\d{1,2}$/;

/** A one-off credit to every child with a budget (the child gift), asked first; running it twice credits no one twice. */
export function PassCampaigns() {
  const thisYear = new Date().getFullYear();
  const [form, setForm] = useState({
    code: `kindcadeau-${thisYear}`,
    name: 'Kindcadeau december',
    year: String(thisYear),
    amount: '25,00',
    minAge: '',
    maxAge: '',
    area: '',
    endsOn: '',
  });
  const lists = useApi<Json<typeof publicOffers>>('/pass/offers/public');
  const [message, setMessage] = useState<string | null>(null);
  const run = useApiMutation<Record<string, unknown>, CampaignResult>('POST', '/pass/campaigns', { invalidates: ['/pass/campaigns'] });
  const cents = parseEuro(form.amount);
  const checks: FieldErrors = {};
  if (!/^[a-z0-9-]{3,50}$/.test(form.code)) checks.code = 'Een code bestaat uit 3 tot 50 kleine letters, cijfers of -, bijvoorbeeld kindcadeau-2026.';
  if (form.name.trim().length < 3) checks.name = 'Geef de bijdrage een naam, bijvoorbeeld "Kindcadeau december".';
  if (!/^\d{4}$/.test(form.year.trim())) checks.year = 'Schrijf het pasjaar als vier cijfers, bijvoorbeeld 2026.';
  if (!form.amount.trim()) checks.amountCents = 'Vul het bedrag per kind in, bijvoorbeeld 25,00.';
  else if (!cents) checks.amountCents = 'Schrijf het bedrag als 1.650,50 of 1650.';
  if (form.minAge.trim() && !wholeAge.test(form.minAge.trim()))
    checks.targetMinAge = 'Schrijf de leeftijd als een heel getal, bijvoorbeeld 4, of laat het leeg.';
  if (form.maxAge.trim() && !wholeAge.test(form.maxAge.trim()))
    checks.targetMaxAge = 'Schrijf de leeftijd als een heel getal, bijvoorbeeld 12, of laat het leeg.';
  else if (form.minAge.trim() && form.maxAge.trim() && !checks.targetMinAge && Number(form.minAge) > Number(form.maxAge))
    checks.targetMaxAge = 'De leeftijd "tot en met" is lager dan de leeftijd "van". Draai ze om.';
  if (form.endsOn && !/^\d{4}-\d{2}-\d{2}$/.test(form.endsOn)) checks.endsOn = 'Kies een datum, of laat dit leeg.';
  const local = useLocalChecks(fields, checks);
  const areaName = lists.data?.areas.find((a) => a.code === form.area)?.name;
  const group = [
    form.minAge.trim() || form.maxAge.trim() ? `van ${form.minAge.trim() || '0'} tot en met ${form.maxAge.trim() || '17'} jaar` : null,
    areaName ? `in ${areaName}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const doRun = async () => {
    setMessage(null);
    try {
      const result = await run.mutateAsync({
        code: form.code,
        name: form.name.trim(),
        year: Number(form.year),
        amountCents: cents,
        targetMinAge: form.minAge.trim() ? Number(form.minAge) : null,
        targetMaxAge: form.maxAge.trim() ? Number(form.maxAge) : null,
        targetAreaCode: form.area || null,
        endsOn: form.endsOn || null,
      });
      setMessage(
        `${formatCount(result.credited)} ${result.credited === 1 ? 'kind kreeg' : 'kinderen kregen'} ${euro(result.amountCents)} extra kindtegoed. ${formatCount(result.alreadyCredited)} ${result.alreadyCredited === 1 ? 'kind had' : 'kinderen hadden'} deze bijdrage al.`,
      );
      local.reset();
    } catch {
      // In the summary and next to the field.
    }
  };
  return (
    <StaffShell>
      <Heading1>Dordtpas: eenmalige bijdrage</Heading1>
      <Paragraph>
        Een extra bedrag voor elk kind met kindtegoed, zoals het kindcadeau van € 25,00 in december 2020. Elk kind krijgt de bijdrage één keer, ook als u dit
        twee keer uitvoert.
      </Paragraph>
      <Done>{message}</Done>
      <form id="campaign-form" onSubmit={(e) => e.preventDefault()} className="vn-form" aria-label="Eenmalige bijdrage uitvoeren" {...local.formProps}>
        <ErrorSummary error={run.error} local={local.errors} fields={fields} />
        <TextInput id="c-code" label="Code (uniek)" value={form.code} onChange={set('code')} required error={fieldError('code', run.error, local.errors)} />
        <TextInput id="c-name" label="Naam" value={form.name} onChange={set('name')} required error={fieldError('name', run.error, local.errors)} />
        <TextInput
          id="c-year"
          label="Pasjaar"
          value={form.year}
          onChange={set('year')}
          inputMode="numeric"
          required
          error={fieldError('year', run.error, local.errors)}
        />
        <TextInput
          id="c-amount"
          label="Bedrag per kind in euro"
          value={form.amount}
          onChange={set('amount')}
          inputMode="decimal"
          required
          error={fieldError('amountCents', run.error, local.errors)}
        />
        <TextInput
          id="c-min-age"
          label="Leeftijd van (niet verplicht)"
          description="Alleen kinderen van deze leeftijd op de dag van uitvoeren. Leeg: alle kinderen."
          value={form.minAge}
          onChange={set('minAge')}
          inputMode="numeric"
          error={fieldError('targetMinAge', run.error, local.errors)}
        />
        <TextInput
          id="c-max-age"
          label="Leeftijd tot en met (niet verplicht)"
          value={form.maxAge}
          onChange={set('maxAge')}
          inputMode="numeric"
          error={fieldError('targetMaxAge', run.error, local.errors)}
        />
        <SelectField id="c-area" label="Wijk" value={form.area} onChange={set('area')} error={fieldError('targetAreaCode', run.error, local.errors)}>
          <option value="">Hele stad</option>
          {(lists.data?.areas ?? []).map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <TextInput
          id="c-ends"
          label="Te besteden tot en met (niet verplicht)"
          description="Daarna vervalt wat er van deze bijdrage nog over is. Leeg: zo lang als het kindtegoed."
          type="date"
          value={form.endsOn}
          onChange={set('endsOn')}
          error={fieldError('endsOn', run.error, local.errors)}
        />
        <ConfirmButton
          form="campaign-form"
          label="Bijdrage uitvoeren"
          title="Bijdrage uitvoeren?"
          consequence={`Elk kind${group ? ` ${group}` : ''} met kindtegoed op een geldige pas in ${form.year} krijgt ${cents ? euro(cents) : 'het bedrag'} erbij (${form.name.trim()})${form.endsOn ? `, te besteden tot en met ${form.endsOn.split('-').reverse().join('-')}` : ''}. Gezinnen zien het op Mijn Dordtpas en krijgen een e-mail als hun adres bekend is. Een kind dat deze bijdrage al kreeg, krijgt hem niet nog eens. U kunt dit niet ongedaan maken.`}
          confirmLabel="Ja, voer de bijdrage uit"
          disabled={run.isPending}
          onConfirm={doRun}
        />
      </form>
    </StaffShell>
  );
}
