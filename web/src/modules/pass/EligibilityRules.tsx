import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { householdTypes, type HouseholdType } from '../../../../src/modules/pass/contract.ts';
import type { yearRules } from '../../../../src/modules/pass/yearContract.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import { DEFAULT_MUNICIPALITY, municipalityName } from '../../../../src/platform/municipalities.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ConfirmButton } from '../../confirm.tsx';
import { Checkbox, Done, ErrorSummary, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { amountInput } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { householdTypeLabels, parseEuro, SelectField, TextAreaField, useLocalChecks } from './shared.tsx';

type YearRules = Json<typeof yearRules>;

const assetsField = (t: HouseholdType) => `assetsLimitCents.${t}`;
const fields: FieldMap = {
  incomeLimitPercent: { id: 'er-limit', label: 'Inkomensgrens in procent van de bijstandsnorm' },
  ...Object.fromEntries(
    householdTypes.map((t) => [assetsField(t), { id: `er-assets-${t}`, label: `Vermogensgrens ${householdTypeLabels[t]?.toLowerCase()}` }]),
  ),
  childrenUpToAge: { id: 'er-age', label: 'Kinderen tellen mee tot en met de leeftijd' },
  proofs: { id: 'er-proofs', label: 'Bewijsstukken die wij vragen' },
  unspentBudgetRule: { id: 'er-unspent', label: 'Kindtegoed dat over is aan het eind van het jaar' },
};
const unspentLabels: Record<YearRules['unspentBudgetRule'], string> = {
  expire: 'Vervalt',
  carry_over: 'Gaat mee naar het nieuwe pasjaar',
};

/**
 * "Dordtpas regels per pasjaar": the eligibility rules of one pass year as data (income and assets limits, the
 * carer and volunteer routes, who counts in the household, the proofs asked, unspent budget). A year without rules
 * of its own shows those it takes over; saving asks first and says what changes.
 */
export function PassEligibilityRules() {
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [message, setMessage] = useState<string | null>(null);
  const validYear = /^\d{4}$/.test(year.trim()) && Number(year) >= 2020 && Number(year) <= 2100;
  const rules = useApi<YearRules>(validYear ? `/pass/eligibility-rules?year=${Number(year)}` : null);
  return (
    <StaffShell>
      <Heading1>Dordtpas regels per pasjaar</Heading1>
      <Paragraph>
        Voor {municipalityName(DEFAULT_MUNICIPALITY)}. Deze regels bepalen wie de Dordtpas gratis krijgt. Ze gelden voor aanvragen die binnenkomen nadat u ze
        opslaat; eerdere besluiten veranderen niet.
      </Paragraph>
      <Done>{message}</Done>
      <TextInput
        id="er-year"
        label="Pasjaar"
        value={year}
        onChange={(v) => {
          setYear(v);
          setMessage(null);
        }}
        inputMode="numeric"
        required
        error={validYear ? undefined : 'Schrijf het pasjaar als vier cijfers, bijvoorbeeld 2027.'}
      />
      {rules.error && <ProblemAlert error={rules.error} />}
      {validYear && !rules.error && (
        <Loading loading={!rules.data}>
          {rules.data && <RulesEditor key={`${rules.data.passYear}-${String(rules.data.saved)}`} rules={rules.data} onSaved={setMessage} />}
        </Loading>
      )}
    </StaffShell>
  );
}

function RulesEditor({ rules, onSaved }: { rules: YearRules; onSaved: (message: string) => void }) {
  const [form, setForm] = useState({
    incomeLimitPercent: String(rules.incomeLimitPercent),
    assets: Object.fromEntries(householdTypes.map((t) => [t, amountInput(rules.assetsLimitCents[t])])) as Record<HouseholdType, string>,
    carerRouteOpen: rules.carerRouteOpen,
    volunteerRouteOpen: rules.volunteerRouteOpen,
    countPartner: rules.countPartner,
    countAdultCoResidents: rules.countAdultCoResidents,
    childrenUpToAge: String(rules.childrenUpToAge),
    proofs: rules.proofs.join('\n'),
    unspentBudgetRule: rules.unspentBudgetRule,
  });
  const save = useApiMutation<Record<string, unknown>, YearRules>('PUT', '/pass/eligibility-rules', { invalidates: ['/pass/eligibility-rules'] });
  const proofs = form.proofs
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const checks: FieldErrors = {};
  const percent = form.incomeLimitPercent.trim();
  if (!/^\d{3}$/.test(percent) || Number(percent) < 100 || Number(percent) > 200)
    checks.incomeLimitPercent = 'Schrijf de inkomensgrens als een heel getal van 100 tot en met 200, bijvoorbeeld 140.';
  for (const t of householdTypes) if (parseEuro(form.assets[t]) === null) checks[assetsField(t)] = 'Schrijf het bedrag als 7.920 of 7920,00 (0 of meer).';
  const age = form.childrenUpToAge.trim();
  if (!/^\d{1,2}$/.test(age) || Number(age) > 26) checks.childrenUpToAge = 'Schrijf een hele leeftijd van 0 tot en met 26, bijvoorbeeld 17.';
  if (proofs.length > 20) checks.proofs = 'Vraag hoogstens 20 bewijsstukken, één per regel.';
  else if (proofs.some((p) => p.length > 300)) checks.proofs = 'Een bewijsstuk is hoogstens 300 tekens. Maak de lange regel korter.';
  const local = useLocalChecks(fields, checks);

  const doSave = async () => {
    try {
      const saved = await save.mutateAsync({
        municipalityCode: rules.municipalityCode,
        passYear: rules.passYear,
        incomeLimitPercent: Number(percent),
        assetsLimitCents: Object.fromEntries(householdTypes.map((t) => [t, parseEuro(form.assets[t])])),
        carerRouteOpen: form.carerRouteOpen,
        volunteerRouteOpen: form.volunteerRouteOpen,
        countPartner: form.countPartner,
        childrenUpToAge: Number(age),
        countAdultCoResidents: form.countAdultCoResidents,
        proofs,
        unspentBudgetRule: form.unspentBudgetRule,
      });
      local.reset();
      onSaved(`De regels voor pasjaar ${saved.passYear} zijn opgeslagen. Ze gelden voor aanvragen die vanaf nu binnenkomen.`);
    } catch {
      // In the summary and next to the fields.
    }
  };
  const set =
    <K extends keyof typeof form>(key: K) =>
    (value: (typeof form)[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  return (
    <form id="eligibility-form" onSubmit={(e) => e.preventDefault()} className="vn-form" aria-label={`Regels pasjaar ${rules.passYear}`} {...local.formProps}>
      {!rules.saved && (
        <Paragraph>
          Pasjaar {rules.passYear} heeft nog geen eigen regels. Hieronder staan de regels die nu gelden (van een eerder pasjaar, of de standaardregels). Sla ze
          op om ze voor {rules.passYear} vast te leggen.
        </Paragraph>
      )}
      <ErrorSummary error={save.error} local={local.errors} fields={fields} />
      <Heading2>Inkomen en vermogen</Heading2>
      <TextInput
        id="er-limit"
        label={fields.incomeLimitPercent!.label}
        value={form.incomeLimitPercent}
        onChange={set('incomeLimitPercent')}
        inputMode="numeric"
        required
        error={fieldError('incomeLimitPercent', save.error, local.errors)}
      />
      {householdTypes.map((t) => (
        <TextInput
          key={t}
          id={`er-assets-${t}`}
          label={`${fields[assetsField(t)]!.label}, in euro`}
          value={form.assets[t]}
          onChange={(v) => setForm((f) => ({ ...f, assets: { ...f.assets, [t]: v } }))}
          inputMode="decimal"
          required
          error={fieldError(assetsField(t), save.error, local.errors)}
        />
      ))}
      <Heading2>Wie telt mee</Heading2>
      <Checkbox
        id="er-partner"
        label="De partner telt mee (het inkomen samen, huishouden als paar)"
        checked={form.countPartner}
        onChange={set('countPartner')}
      />
      <Checkbox
        id="er-adults"
        label="Andere volwassenen in huis tellen mee (hun eigen inkomen wordt opgeteld)"
        checked={form.countAdultCoResidents}
        onChange={set('countAdultCoResidents')}
      />
      <TextInput
        id="er-age"
        label={fields.childrenUpToAge!.label}
        value={form.childrenUpToAge}
        onChange={set('childrenUpToAge')}
        inputMode="numeric"
        required
        error={fieldError('childrenUpToAge', save.error, local.errors)}
      />
      <Heading2>Andere routes</Heading2>
      <Checkbox id="er-carer" label="Mantelzorgers kunnen de pas aanvragen" checked={form.carerRouteOpen} onChange={set('carerRouteOpen')} />
      <Checkbox id="er-volunteer" label="Vrijwilligers kunnen de pas aanvragen" checked={form.volunteerRouteOpen} onChange={set('volunteerRouteOpen')} />
      <Heading2>Bewijsstukken en tegoed</Heading2>
      <TextAreaField
        id="er-proofs"
        label={fields.proofs!.label}
        description="Eén bewijsstuk per regel. De aanvrager ziet ze na het aanvragen."
        value={form.proofs}
        onChange={set('proofs')}
        error={fieldError('proofs', save.error, local.errors)}
      />
      <SelectField
        id="er-unspent"
        label={fields.unspentBudgetRule!.label}
        value={form.unspentBudgetRule}
        onChange={(v) => set('unspentBudgetRule')(v as YearRules['unspentBudgetRule'])}
        error={fieldError('unspentBudgetRule', save.error, local.errors)}
      >
        {Object.entries(unspentLabels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <ConfirmButton
        form="eligibility-form"
        label="Regels opslaan"
        title={`Regels voor pasjaar ${rules.passYear} opslaan?`}
        consequence={`Nieuwe aanvragen in pasjaar ${rules.passYear} worden met deze regels beoordeeld: een inkomensgrens van ${percent}% van de bijstandsnorm${
          form.carerRouteOpen ? '' : ', geen mantelzorgers'
        }${form.volunteerRouteOpen ? '' : ', geen vrijwilligers'}. Besluiten die al genomen zijn, blijven staan.`}
        confirmLabel="Ja, sla de regels op"
        disabled={save.isPending}
        onConfirm={doSave}
      />
    </form>
  );
}
