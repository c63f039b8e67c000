import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, type Problem } from '../../api.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, Field, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import type { letterTemplateView } from '../../../../src/modules/signals/contract.ts';
import { formatDateTime } from '../../labels.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useSession } from '../../session.tsx';
import { blobLink, rawRequest } from './shared.tsx';

type TemplateView = Json<typeof letterTemplateView>;
type TemplateText = Pick<TemplateView['current'], 'subject' | 'heading' | 'body'>;

// The server names the letter's parts in Dutch in its own checks (placeholders, length) and in English in the schema.
const subjectField = { id: 'tpl-subject', label: 'Onderwerp' };
const headingField = { id: 'tpl-heading', label: 'Kop' };
const bodyField = { id: 'tpl-body', label: 'Brieftekst' };
const templateFields: FieldMap = {
  subject: subjectField,
  onderwerp: subjectField,
  heading: headingField,
  kop: headingField,
  body: bodyField,
  brieftekst: bodyField,
  caseId: { id: 'tpl-case', label: 'Zaak voor het voorbeeld' },
};

/** What is missing before the question opens: each part of the letter must have text. */
function checkText(text: TemplateText): FieldErrors {
  const errors: FieldErrors = {};
  if (!text.subject.trim()) errors.subject = 'Vul het onderwerp in.';
  if (!text.heading.trim()) errors.heading = 'Vul de kop in.';
  if (!text.body.trim()) errors.body = 'Vul de brieftekst in.';
  return errors;
}

/** The municipality's offer-letter text: edit, check, preview as PDF (sample or a real case), save as a new version. */
export function SignalLetterTemplate() {
  const { can } = useSession();
  const template = useApi<TemplateView>('/signals/letter-template');
  const [text, setText] = useState<TemplateText>({ subject: '', heading: '', body: '' });
  const [caseId, setCaseId] = useState('');
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const put = useApiMutation<TemplateText, TemplateView>('PUT', '/signals/letter-template', {
    invalidates: ['/signals/letter-template'],
    onSuccess: (result) => setSaved(`De brieftekst is opgeslagen als versie ${result.current.version}. Nieuwe brieven gebruiken deze versie.`),
  });
  const problem = put.error ?? error;
  const errorOf = (english: string, dutch: string) => fieldError(english, problem, localErrors) ?? fieldError(dutch, problem);
  useEffect(() => {
    if (template.data) setText({ subject: template.data.current.subject, heading: template.data.current.heading, body: template.data.current.body });
  }, [template.data]);

  const preview = async () => {
    setError(null);
    setSaved(null);
    put.reset();
    setPreviewUrl(null);
    const local = checkText(text);
    setLocalErrors(local);
    if (Object.keys(local).length) return;
    try {
      const response = await rawRequest(
        'POST',
        '/signals/letter-template/preview',
        JSON.stringify({ ...text, ...(caseId.trim() ? { caseId: caseId.trim() } : {}) }),
        { 'content-type': 'application/json' },
      );
      if (!response.ok) throw new ApiError((await response.json()) as Problem);
      setPreviewUrl(blobLink(await response.blob()));
      setSaved('De voorbeeldbrief is gemaakt. U kunt hem downloaden onder "Voorbeeld".');
    } catch (err) {
      setError(err);
    }
  };

  /** Checks before the question opens: the last problem goes, and each part must have text. */
  const beforeSave = () => {
    setError(null);
    setSaved(null);
    put.reset();
    const local = checkText(text);
    setLocalErrors(local);
    return Object.keys(local).length === 0;
  };
  const save = () =>
    put.mutateAsync(text).then(
      () => undefined,
      () => undefined,
    );

  const data = template.data;
  return (
    <StaffShell>
      <Heading1>Brieftekst</Heading1>
      <Paragraph>
        De tekst van de brief met het aanbod van hulp. Schrijf in eenvoudige taal (B1). Elke wijziging wordt een nieuwe versie; elke brief onthoudt met welke
        versie hij is gemaakt. Bekijk eerst een voorbeeld.
      </Paragraph>
      <ProblemAlert error={template.error} />
      <Done>{saved}</Done>
      <Loading loading={template.loading}>
        {data && (
          <>
            <Paragraph>
              Nu in gebruik:{' '}
              {data.current.version === 0
                ? 'de standaardtekst'
                : `versie ${data.current.version}, van ${formatDateTime(data.current.createdAt)} door ${data.current.createdBy ?? 'onbekend'}`}
              .
            </Paragraph>
            <form onSubmit={(e: FormEvent) => e.preventDefault()} className="vn-form" aria-label="Brieftekst wijzigen" noValidate>
              <ErrorSummary error={problem} local={localErrors} fields={templateFields} />
              <TextInput
                id="tpl-subject"
                label="Onderwerp"
                value={text.subject}
                error={errorOf('subject', 'onderwerp')}
                onChange={(subject) => setText((t) => ({ ...t, subject }))}
                required
              />
              <TextInput
                id="tpl-heading"
                label="Kop"
                value={text.heading}
                error={errorOf('heading', 'kop')}
                onChange={(heading) => setText((t) => ({ ...t, heading }))}
                required
              />
              <Field
                id="tpl-body"
                label="Brieftekst"
                description="Een lege regel begint een nieuwe alinea. “## ” aan het begin maakt een tussenkopje, “- ” een opsommingsteken, “~ ” kleine letters."
                error={errorOf('body', 'brieftekst')}
              >
                {(aria) => (
                  <textarea
                    {...aria}
                    className="utrecht-textarea"
                    rows={24}
                    cols={90}
                    value={text.body}
                    onChange={(e) => setText((t) => ({ ...t, body: e.target.value }))}
                    required
                  />
                )}
              </Field>
              <Heading2>Plaatshouders</Heading2>
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Plaatshouder</TableHeaderCell>
                    <TableHeaderCell>Wordt</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {Object.entries(data.placeholders).map(([name, meaning]) => (
                    <TableRow key={name}>
                      <TableCell>
                        <code>{`{${name}}`}</code>
                        {data.required.includes(name) ? ' (verplicht)' : ''}
                      </TableCell>
                      <TableCell>{meaning}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <Heading2>Voorbeeld</Heading2>
              {can('signals:work') && (
                <TextInput
                  id="tpl-case"
                  label="Zaak voor het voorbeeld (niet verplicht)"
                  description="Laat leeg voor voorbeeldgegevens, of vul het nummer van een zaak in om de brief met haar gegevens te zien."
                  error={fieldError('caseId', problem)}
                  value={caseId}
                  onChange={setCaseId}
                />
              )}
              <Paragraph>
                <Button type="button" appearance="secondary-action-button" onClick={preview}>
                  Voorbeeld maken (PDF)
                </Button>{' '}
                {previewUrl && (
                  <a href={previewUrl} download="voorbeeldbrief.pdf">
                    Voorbeeldbrief downloaden
                  </a>
                )}
              </Paragraph>
              <ConfirmButton
                label="Opslaan als nieuwe versie"
                title="Brieftekst opslaan?"
                consequence={`De tekst wordt versie ${data.versions.reduce((n, v) => Math.max(n, v.version), 0) + 1}. Alle brieven die u vanaf nu maakt, gebruiken deze tekst. Brieven die al gemaakt zijn, blijven zoals ze waren.`}
                confirmLabel="Ja, sla de brieftekst op"
                disabled={put.isPending}
                beforeOpen={beforeSave}
                onConfirm={save}
              />
            </form>
            <Heading2>Versies</Heading2>
            <ul>
              {data.versions.map((v) => (
                <li key={v.version}>
                  {v.version === 0 ? 'Versie 0: de standaardtekst' : `Versie ${v.version}: ${formatDateTime(v.createdAt)}, ${v.createdBy ?? 'onbekend'}`}
                </li>
              ))}
            </ul>
          </>
        )}
      </Loading>
    </StaffShell>
  );
}
