import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, type Problem } from '../../api.ts';
import { Loading, ProblemAlert, TextField } from '../../components.tsx';
import { useApi } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import type { letterTemplateView } from '../../../../src/modules/signals/contract.ts';
import { formatDateTime } from '../../labels.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useSession } from '../../session.tsx';
import { blobLink, rawRequest } from './shared.tsx';

type TemplateView = Json<typeof letterTemplateView>;
interface TemplateText {
  subject: string;
  heading: string;
  body: string;
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
  useEffect(() => {
    if (template.data) setText({ subject: template.data.current.subject, heading: template.data.current.heading, body: template.data.current.body });
  }, [template.data]);

  const preview = async () => {
    setError(null);
    setPreviewUrl(null);
    try {
      const response = await rawRequest(
        'POST',
        '/signals/letter-template/preview',
        JSON.stringify({ ...text, ...(caseId.trim() ? { caseId: caseId.trim() } : {}) }),
        { 'content-type': 'application/json' },
      );
      if (!response.ok) throw new ApiError((await response.json()) as Problem);
      setPreviewUrl(blobLink(await response.blob()));
    } catch (err) {
      setError(err);
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const result = await api<TemplateView>('PUT', '/signals/letter-template', text);
      setSaved(`De brieftekst is opgeslagen als versie ${result.current.version}. Nieuwe brieven gebruiken deze versie.`);
      template.reload();
    } catch (err) {
      setError(err);
    }
  };

  const data = template.data;
  return (
    <StaffShell>
      <Heading1>Brieftekst</Heading1>
      <Paragraph>
        De tekst van de brief met het aanbod van hulp. Schrijf in eenvoudige taal (B1). Elke wijziging wordt een nieuwe versie; elke brief onthoudt met welke
        versie hij is gemaakt. Bekijk eerst een voorbeeld.
      </Paragraph>
      <ProblemAlert error={template.error ?? error} />
      {saved && (
        <div className="vn-success" role="status">
          <Paragraph>{saved}</Paragraph>
        </div>
      )}
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
            <form onSubmit={save} className="vn-form" aria-label="Brieftekst wijzigen">
              <TextField id="tpl-subject" label="Onderwerp" value={text.subject} onChange={(subject) => setText((t) => ({ ...t, subject }))} required />
              <TextField id="tpl-heading" label="Kop" value={text.heading} onChange={(heading) => setText((t) => ({ ...t, heading }))} required />
              <div className="vn-field">
                <label htmlFor="tpl-body" className="utrecht-form-label">
                  Brieftekst
                </label>
                <p id="tpl-body-desc" className="utrecht-form-field__description">
                  Een lege regel begint een nieuwe alinea. “## ” aan het begin maakt een tussenkopje, “- ” een opsommingsteken, “~ ” kleine letters.
                </p>
                <textarea
                  id="tpl-body"
                  className="utrecht-textarea"
                  rows={24}
                  cols={90}
                  value={text.body}
                  aria-describedby="tpl-body-desc"
                  onChange={(e) => setText((t) => ({ ...t, body: e.target.value }))}
                  required
                />
              </div>
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
                <TextField
                  id="tpl-case"
                  label="Zaak voor het voorbeeld (niet verplicht)"
                  description="Laat leeg voor voorbeeldgegevens, of vul het nummer van een zaak in om de brief met haar gegevens te zien."
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
              <Button type="submit" appearance="primary-action-button">
                Opslaan als nieuwe versie
              </Button>
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
