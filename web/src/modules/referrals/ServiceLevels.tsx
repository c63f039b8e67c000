import { Button, Heading1, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import type { Json } from '../../../../src/platform/contract.ts';
import { DEFAULT_MUNICIPALITY, municipalityName } from '../../../../src/platform/municipalities.ts';
import type { serviceLevel, serviceLevelSaved } from '../../../../src/modules/referrals/contract.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { describedBy, Done, ErrorSummary, fieldError, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { useSession } from '../../session.tsx';
import { SelectField } from './shared.tsx';

type Level = Json<typeof serviceLevel>;

/** A whole number of working days typed in a field, or null. */
const days = (text: string) => (/^\s*\d{1,3}\s*$/.test(text) ? Number(text) : null);

/** The agreed terms per theme: working days to answer a referral and to make first contact. */
export function ServiceLevels() {
  const { user } = useSession();
  const options = user?.municipalities ?? [];
  const [municipality, setMunicipality] = useState(options.includes(DEFAULT_MUNICIPALITY) ? DEFAULT_MUNICIPALITY : (options[0] ?? ''));
  const levels = useApi<Level[]>(`/referrals/service-levels?municipalityCode=${municipality}`);
  const [draft, setDraft] = useState<Record<string, { answer: string; contact: string }>>({});
  const [saving, setSaving] = useState<Level | null>(null);
  const [local, setLocal] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const save = useApiMutation<object, Json<typeof serviceLevelSaved>>('PUT', '/referrals/service-levels', {
    invalidates: ['/referrals/service-levels'],
    onSuccess: () => setSaved(saving?.label ?? null),
  });
  // Start from the stored values again whenever they are (re)loaded.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs for each new answer, which it does not read
  useEffect(() => {
    setDraft({});
  }, [levels.data]);
  const draftOf = (l: Level) => draft[l.theme] ?? { answer: String(l.answerWorkingDays), contact: String(l.firstContactWorkingDays) };
  const submit = (level: Level) => {
    setSaved(null);
    setSaving(level);
    save.reset();
    const answer = days(draftOf(level).answer);
    const contact = days(draftOf(level).contact);
    const errors: FieldErrors = {};
    if (answer === null) errors.answerWorkingDays = 'Vul een heel aantal werkdagen in, bijvoorbeeld 3.';
    if (contact === null) errors.firstContactWorkingDays = 'Vul een heel aantal werkdagen in, bijvoorbeeld 5.';
    setLocal(errors);
    if (Object.keys(errors).length) return;
    save.mutate({ municipalityCode: municipality, theme: level.theme, answerWorkingDays: answer, firstContactWorkingDays: contact });
  };
  const errorFor = (l: Level, name: string) => (saving?.theme === l.theme ? fieldError(name, save.error, local) : undefined);
  const fields: FieldMap = saving
    ? {
        answerWorkingDays: { id: `sl-answer-${saving.theme}`, label: `Werkdagen tot antwoord: ${saving.label}` },
        firstContactWorkingDays: { id: `sl-contact-${saving.theme}`, label: `Werkdagen tot eerste contact: ${saving.label}` },
      }
    : {};
  return (
    <StaffShell>
      <Heading1>Servicenormen verwijzingen</Heading1>
      <Paragraph>
        Binnen hoeveel werkdagen (zonder weekend) een organisatie een verwijzing beantwoordt en het eerste contact legt. Een verwijzing die de termijn
        overschrijdt, staat gemarkeerd op de werklijst van de verwijzer én de ontvanger. Een wijziging geldt voor nieuwe verwijzingen.
      </Paragraph>
      {options.length > 1 && (
        <SelectField
          id="sl-municipality"
          label="Gemeente"
          value={municipality}
          onChange={setMunicipality}
          options={options.map((m) => [m, municipalityName(m)])}
        />
      )}
      <ProblemAlert error={levels.error} />
      <ErrorSummary error={save.error} local={local} fields={fields} />
      <Done>{saved ? `De servicenorm voor ${saved} is opgeslagen.` : null}</Done>
      <Loading loading={levels.loading}>
        <Table>
          <caption className="vn-caption">Servicenormen per onderwerp in {municipalityName(municipality)}</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Onderwerp</TableHeaderCell>
              <TableHeaderCell scope="col">Werkdagen tot antwoord</TableHeaderCell>
              <TableHeaderCell scope="col">Werkdagen tot eerste contact</TableHeaderCell>
              <TableHeaderCell scope="col">Bron</TableHeaderCell>
              <TableHeaderCell scope="col">Opslaan</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(levels.data ?? []).map((l) => (
              <TableRow key={l.theme}>
                <TableHeaderCell scope="row">{l.label}</TableHeaderCell>
                <TableCell>
                  {errorFor(l, 'answerWorkingDays') && (
                    <p className="utrecht-form-field-error-message vn-field-error" id={`sl-answer-${l.theme}-error`}>
                      {errorFor(l, 'answerWorkingDays')}
                    </p>
                  )}
                  <input
                    className="utrecht-textbox utrecht-textbox--html-input"
                    id={`sl-answer-${l.theme}`}
                    inputMode="numeric"
                    {...describedBy(`sl-answer-${l.theme}`, { error: errorFor(l, 'answerWorkingDays') })}
                    aria-label={`Werkdagen tot antwoord: ${l.label}`}
                    value={draftOf(l).answer}
                    onChange={(e) => setDraft({ ...draft, [l.theme]: { ...draftOf(l), answer: e.target.value } })}
                  />
                </TableCell>
                <TableCell>
                  {errorFor(l, 'firstContactWorkingDays') && (
                    <p className="utrecht-form-field-error-message vn-field-error" id={`sl-contact-${l.theme}-error`}>
                      {errorFor(l, 'firstContactWorkingDays')}
                    </p>
                  )}
                  <input
                    className="utrecht-textbox utrecht-textbox--html-input"
                    id={`sl-contact-${l.theme}`}
                    inputMode="numeric"
                    {...describedBy(`sl-contact-${l.theme}`, { error: errorFor(l, 'firstContactWorkingDays') })}
                    aria-label={`Werkdagen tot eerste contact: ${l.label}`}
                    value={draftOf(l).contact}
                    onChange={(e) => setDraft({ ...draft, [l.theme]: { ...draftOf(l), contact: e.target.value } })}
                  />
                </TableCell>
                <TableCell>{l.configured ? 'Ingesteld' : 'Standaard'}</TableCell>
                <TableCell>
                  <Button type="button" appearance="secondary-action-button" disabled={save.isPending} onClick={() => submit(l)}>
                    Opslaan: {l.label}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
    </StaffShell>
  );
}
