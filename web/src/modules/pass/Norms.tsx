import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { configuration, normRow } from '../../../../src/modules/pass/contract.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import { DEFAULT_MUNICIPALITY, municipalityName } from '../../../../src/platform/municipalities.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { Done, ErrorSummary, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { formatDate } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { RulesForm } from './RulesForm.tsx';
import { euro, householdTypeLabels, parseEuro, SelectField, useLocalChecks } from './shared.tsx';

type Configuration = Json<typeof configuration>;

const normFields: FieldMap = {
  householdType: { id: 'norm-type', label: 'Huishoudtype' },
  validFrom: { id: 'norm-from', label: 'Geldig vanaf' },
  monthlyNormCents: { id: 'norm-amount', label: 'Norm per maand' },
  source: { id: 'norm-source', label: 'Bron' },
};

/** The norm table, the rules and the categories of the pass, as data. */
export function PassNorms() {
  const municipalityCode = DEFAULT_MUNICIPALITY;
  const config = useApi<Configuration>('/pass/configuration');
  const [form, setForm] = useState({ householdType: 'single', validFrom: '', amount: '', source: '' });
  const [message, setMessage] = useState<string | null>(null);
  const saveNorm = useApiMutation<Record<string, unknown>, Json<typeof normRow>>('PUT', '/pass/norms', { invalidates: ['/pass/configuration'] });
  const toggle = useApiMutation<{ code: string; childBudgetAllowed: boolean }, unknown>('PUT', (b) => `/pass/categories/${b.code}`, {
    invalidates: ['/pass/configuration', '/pass/public-info', '/pass/cashier'],
  });
  const checks: FieldErrors = {};
  if (!form.validFrom) checks.validFrom = 'Kies de datum waarop de norm ingaat.';
  if (!form.amount.trim()) checks.monthlyNormCents = 'Vul de norm per maand in, bijvoorbeeld 1.401,00.';
  else if (!parseEuro(form.amount)) checks.monthlyNormCents = 'Schrijf het bedrag als 1.650,50 of 1650.';
  if (form.source.trim().length < 2) checks.source = 'Schrijf op waar de norm vandaan komt, bijvoorbeeld "Normenbrief SZW 1 januari 2026".';
  const local = useLocalChecks(normFields, checks);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!local.attempt()) return;
    try {
      const saved = await saveNorm.mutateAsync({
        municipalityCode,
        householdType: form.householdType,
        validFrom: form.validFrom,
        monthlyNormCents: parseEuro(form.amount),
        source: form.source.trim(),
      });
      setMessage(
        `De norm voor ${(householdTypeLabels[saved.householdType] ?? saved.householdType).toLowerCase()} vanaf ${formatDate(saved.validFrom)} is opgeslagen: ${euro(saved.monthlyNormCents)} per maand.`,
      );
      local.reset();
    } catch {
      // In the summary and next to the field.
    }
  };
  const rules = config.data?.rules[0];
  return (
    <StaffShell>
      <Heading1>Dordtpas: normen en regels</Heading1>
      <Paragraph>Voor {municipalityName(municipalityCode)}.</Paragraph>
      <ProblemAlert error={config.error ?? toggle.error} />
      <Done>{message}</Done>
      <Loading loading={config.loading}>
        {rules && (
          <Paragraph>
            Vanaf {formatDate(rules.validFrom)}: gratis tot {rules.incomeLimitPercent}% van de bijstandsnorm. Kindtegoed {euro(rules.primaryBudgetCents)} (
            {rules.primaryFromAge} tot {rules.secondaryFromAge} jaar) en {euro(rules.secondaryBudgetCents)} ({rules.secondaryFromAge} tot {rules.budgetUntilAge}{' '}
            jaar), leeftijd op 1 januari. Prijs {euro(rules.purchasePriceCents)}, voor vrijwilligers {euro(rules.volunteerPriceCents)}.
          </Paragraph>
        )}
        <Table>
          <caption className="vn-caption">Bijstandsnormen per huishoudtype (netto per maand)</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Huishouden</TableHeaderCell>
              <TableHeaderCell scope="col">Geldig vanaf</TableHeaderCell>
              <TableHeaderCell scope="col">Norm</TableHeaderCell>
              <TableHeaderCell scope="col">Grens ({rules?.incomeLimitPercent ?? 140}%)</TableHeaderCell>
              <TableHeaderCell scope="col">Bron</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(config.data?.norms ?? []).map((n) => (
              <TableRow key={n.id}>
                <TableCell>{householdTypeLabels[n.householdType] ?? n.householdType}</TableCell>
                <TableCell>{formatDate(n.validFrom)}</TableCell>
                <TableCell>{euro(n.monthlyNormCents)}</TableCell>
                <TableCell>{euro(Math.floor((n.monthlyNormCents * (rules?.incomeLimitPercent ?? 140)) / 100))}</TableCell>
                <TableCell>{n.source}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Heading2>Norm vastleggen</Heading2>
        <form onSubmit={submit} className="vn-form" aria-label="Norm vastleggen" {...local.formProps}>
          <ErrorSummary error={saveNorm.error} local={local.errors} fields={normFields} />
          <SelectField
            id="norm-type"
            label="Huishoudtype"
            value={form.householdType}
            onChange={(v) => setForm((f) => ({ ...f, householdType: v }))}
            error={fieldError('householdType', saveNorm.error)}
          >
            {Object.entries(householdTypeLabels).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </SelectField>
          <TextInput
            id="norm-from"
            label="Geldig vanaf"
            type="date"
            value={form.validFrom}
            onChange={(v) => setForm((f) => ({ ...f, validFrom: v }))}
            required
            error={fieldError('validFrom', saveNorm.error, local.errors)}
          />
          <TextInput
            id="norm-amount"
            label="Norm per maand in euro"
            value={form.amount}
            onChange={(v) => setForm((f) => ({ ...f, amount: v }))}
            inputMode="decimal"
            required
            error={fieldError('monthlyNormCents', saveNorm.error, local.errors)}
          />
          <TextInput
            id="norm-source"
            label="Bron"
            value={form.source}
            onChange={(v) => setForm((f) => ({ ...f, source: v }))}
            required
            error={fieldError('source', saveNorm.error, local.errors)}
          />
          <Button type="submit" appearance="primary-action-button" disabled={saveNorm.isPending}>
            Norm opslaan
          </Button>
        </form>
        {config.data && <RulesForm current={rules} municipalityCode={municipalityCode} onSaved={setMessage} />}
        <Table>
          <caption className="vn-caption">Categorieën</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Categorie</TableHeaderCell>
              <TableHeaderCell scope="col">Met kindtegoed?</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(config.data?.categories ?? []).map((c) => (
              <TableRow key={c.code}>
                <TableCell>{c.name}</TableCell>
                <TableCell>
                  <div className="vn-check">
                    <input
                      id={`cat-${c.code}`}
                      type="checkbox"
                      checked={c.childBudgetAllowed}
                      onChange={(e) =>
                        toggle.mutate(
                          { code: c.code, childBudgetAllowed: e.target.checked },
                          {
                            onSuccess: () =>
                              setMessage(
                                e.target.checked ? `${c.name} mag nu met kindtegoed betaald worden.` : `${c.name} mag niet meer met kindtegoed betaald worden.`,
                              ),
                          },
                        )
                      }
                    />
                    <label htmlFor={`cat-${c.code}`}>{c.name} mag met kindtegoed</label>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
    </StaffShell>
  );
}
