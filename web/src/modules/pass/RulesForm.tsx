import { Button, Heading2 } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { configuration } from '../../../../src/modules/pass/contract.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import { ErrorSummary, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { amountInput, formatDate } from '../../format.ts';
import { useApiMutation } from '../../query.tsx';
import { parseEuro, useLocalChecks } from './shared.tsx';

type Rules = Json<typeof configuration>['rules'][number];

const fields: FieldMap = {
  validFrom: { id: 'rules-from', label: 'Geldig vanaf' },
  incomeLimitPercent: { id: 'rules-limit', label: 'Inkomensgrens' },
  primaryBudgetCents: { id: 'rules-primary', label: 'Kindtegoed basisschoolleeftijd' },
  secondaryBudgetCents: { id: 'rules-secondary', label: 'Kindtegoed middelbareschoolleeftijd' },
};
/** The ages come from the current rules; the server's sentence about them stands next to the secondary budget. */
const summaryFields: FieldMap = { ...fields, secondaryFromAge: fields.secondaryBudgetCents! };
const amountHelp = 'Schrijf het bedrag als 1.650,50 of 1650.';

/** The rules as data: a new period is added with its start date; nothing is overwritten silently. */
export function RulesForm({
  current,
  municipalityCode,
  onSaved,
}: {
  current: Rules | undefined;
  municipalityCode: string;
  onSaved: (message: string) => void;
}) {
  const [form, setForm] = useState({
    validFrom: '',
    incomeLimitPercent: String(current?.incomeLimitPercent ?? 140),
    primary: amountInput(current?.primaryBudgetCents ?? 30_000),
    secondary: amountInput(current?.secondaryBudgetCents ?? 50_000),
  });
  const save = useApiMutation<Record<string, unknown>, Rules>('PUT', '/pass/rules', { invalidates: ['/pass/configuration', '/pass/public-info'] });
  const checks: FieldErrors = {};
  if (!form.validFrom) checks.validFrom = 'Kies de datum waarop de regels ingaan.';
  if (!/^\d{3}$/.test(form.incomeLimitPercent.trim()))
    checks.incomeLimitPercent = 'Schrijf de grens als een heel getal van 100 tot en met 300, bijvoorbeeld 140.';
  if (parseEuro(form.primary) === null) checks.primaryBudgetCents = amountHelp;
  if (parseEuro(form.secondary) === null) checks.secondaryBudgetCents = amountHelp;
  const local = useLocalChecks(fields, checks);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!local.attempt()) return;
    try {
      const saved = await save.mutateAsync({
        municipalityCode,
        validFrom: form.validFrom,
        incomeLimitPercent: Number(form.incomeLimitPercent),
        primaryBudgetCents: parseEuro(form.primary),
        secondaryBudgetCents: parseEuro(form.secondary),
        primaryFromAge: current?.primaryFromAge ?? 4,
        secondaryFromAge: current?.secondaryFromAge ?? 12,
        budgetUntilAge: current?.budgetUntilAge ?? 18,
        purchasePriceCents: current?.purchasePriceCents ?? 5000,
        volunteerPriceCents: current?.volunteerPriceCents ?? 2500,
      });
      local.reset();
      onSaved(`De regels vanaf ${formatDate(saved.validFrom)} zijn opgeslagen.`);
    } catch {
      // In the summary and next to the fields.
    }
  };
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <>
      <Heading2>Regels vanaf een datum</Heading2>
      <form onSubmit={submit} className="vn-form" aria-label="Regels vastleggen" {...local.formProps}>
        <ErrorSummary error={save.error} local={local.errors} fields={summaryFields} />
        <TextInput
          id="rules-from"
          label="Geldig vanaf"
          type="date"
          value={form.validFrom}
          onChange={set('validFrom')}
          required
          error={fieldError('validFrom', save.error, local.errors)}
        />
        <TextInput
          id="rules-limit"
          label="Inkomensgrens in procent van de bijstandsnorm"
          value={form.incomeLimitPercent}
          onChange={set('incomeLimitPercent')}
          inputMode="numeric"
          required
          error={fieldError('incomeLimitPercent', save.error, local.errors)}
        />
        <TextInput
          id="rules-primary"
          label="Kindtegoed basisschoolleeftijd in euro"
          value={form.primary}
          onChange={set('primary')}
          inputMode="decimal"
          required
          error={fieldError('primaryBudgetCents', save.error, local.errors)}
        />
        <TextInput
          id="rules-secondary"
          label="Kindtegoed middelbareschoolleeftijd in euro"
          value={form.secondary}
          onChange={set('secondary')}
          inputMode="decimal"
          required
          error={fieldError('secondaryBudgetCents', save.error, local.errors) ?? fieldError('secondaryFromAge', save.error)}
        />
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          Regels opslaan
        </Button>
      </form>
    </>
  );
}
