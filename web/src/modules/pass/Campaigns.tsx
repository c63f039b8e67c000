import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { campaignResult } from '../../../../src/modules/pass/contract.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { formatCount } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApiMutation } from '../../query.tsx';
import { euro, parseEuro, useLocalChecks } from './shared.tsx';

type CampaignResult = Json<typeof campaignResult>;

const fields: FieldMap = {
  code: { id: 'c-code', label: 'Code' },
  name: { id: 'c-name', label: 'Naam' },
  year: { id: 'c-year', label: 'Pasjaar' },
  amountCents: { id: 'c-amount', label: 'Bedrag per kind' },
};

/** A one-off credit to every child with a budget (the child gift), asked first; running it twice credits no one twice. */
export function PassCampaigns() {
  const thisYear = new Date().getFullYear();
  const [form, setForm] = useState({ code: `kindcadeau-${thisYear}`, name: 'Kindcadeau december', year: String(thisYear), amount: '25,00' });
  const [message, setMessage] = useState<string | null>(null);
  const run = useApiMutation<Record<string, unknown>, CampaignResult>('POST', '/pass/campaigns', { invalidates: ['/pass/campaigns'] });
  const cents = parseEuro(form.amount);
  const checks: FieldErrors = {};
  if (!/^[a-z0-9-]{3,50}$/.test(form.code)) checks.code = 'Een code bestaat uit 3 tot 50 kleine letters, cijfers of -, bijvoorbeeld kindcadeau-2026.';
  if (form.name.trim().length < 3) checks.name = 'Geef de bijdrage een naam, bijvoorbeeld "Kindcadeau december".';
  if (!/^\d{4}$/.test(form.year.trim())) checks.year = 'Schrijf het pasjaar als vier cijfers, bijvoorbeeld 2026.';
  if (!form.amount.trim()) checks.amountCents = 'Vul het bedrag per kind in, bijvoorbeeld 25,00.';
  else if (!cents) checks.amountCents = 'Schrijf het bedrag als 1.650,50 of 1650.';
  const local = useLocalChecks(fields, checks);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const doRun = async () => {
    setMessage(null);
    try {
      const result = await run.mutateAsync({ code: form.code, name: form.name.trim(), year: Number(form.year), amountCents: cents });
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
        <ConfirmButton
          form="campaign-form"
          label="Bijdrage uitvoeren"
          title="Bijdrage uitvoeren?"
          consequence={`Elk kind met kindtegoed op een geldige pas in ${form.year} krijgt ${cents ? euro(cents) : 'het bedrag'} erbij (${form.name.trim()}). Een kind dat deze bijdrage al kreeg, krijgt hem niet nog eens. U kunt dit niet ongedaan maken.`}
          confirmLabel="Ja, voer de bijdrage uit"
          disabled={run.isPending}
          onConfirm={doRun}
        />
      </form>
    </StaffShell>
  );
}
