import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { ApiError, type Problem } from '../../api.ts';
import { Loading, ProblemAlert, RejectionsTable } from '../../components.tsx';
import { Done, ErrorSummary, Field, fieldError, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { invalidate, useApi } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import type { organisation } from '../../../../src/platform/contract-platform.ts';
import { municipalityName } from '../../../../src/platform/municipalities.ts';
import type { creditorImportResult, signalImportList } from '../../../../src/modules/signals/contract.ts';
import { formatDateTime } from '../../labels.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useSession } from '../../session.tsx';
import { rawRequest } from './shared.tsx';

/** The creditor's own rows only; nothing about cases or other creditors (see src/modules/signals/importResult.ts). */
type Summary = Json<typeof creditorImportResult>;

const uploadFields: FieldMap = {
  creditorOrganisationId: { id: 'sig-creditor', label: 'Schuldeiser' },
  municipalityCode: { id: 'sig-municipality', label: 'Gemeente' },
  bestand: { id: 'sig-file', label: 'Bestand (CSV of XLSX)' },
};

const channelLabels: Record<string, string> = { upload: 'Upload', cli: 'Beheerscript', api: 'API' };

/** Creditors (and the team on their behalf) deliver a file of signals and see what happened to every row. */
export function SignalUpload() {
  const { user } = useSession();
  const isOfficer = !!user?.roles.includes('signal_officer');
  const imports = useApi<Json<typeof signalImportList>>('/signals/imports');
  const organisations = useApi<Json<typeof organisation>[]>(isOfficer ? '/organisations' : null);
  const creditors = { data: (organisations.data ?? []).filter((o) => o.kind === 'creditor'), loading: organisations.loading, error: organisations.error };
  const [creditorId, setCreditorId] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [busy, setBusy] = useState(false);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSummary(null);
    const local: FieldErrors = {};
    if (isOfficer && !creditorId) local.creditorOrganisationId = 'Kies de schuldeiser van wie het bestand komt.';
    if (!file) local.bestand = 'Kies een bestand (CSV of XLSX).';
    setLocalErrors(local);
    if (Object.keys(local).length || !file) return;
    setBusy(true);
    try {
      const params = new URLSearchParams();
      if (isOfficer && creditorId) params.set('creditorOrganisationId', creditorId);
      if (municipality) params.set('municipalityCode', municipality);
      const isXlsx = file.name.toLowerCase().endsWith('.xlsx');
      const response = await rawRequest('POST', `/signals/imports${params.size ? `?${params}` : ''}`, file, {
        'content-type': isXlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
        'x-file-name': encodeURIComponent(file.name),
      });
      const body = await response.json();
      if (!response.ok) throw new ApiError(body as Problem);
      setSummary(body as Summary);
      await invalidate(['/signals/imports']);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <StaffShell>
      <Heading1>Signalen aanleveren</Heading1>
      <Paragraph>
        Lever een bestand aan met betalingsachterstanden (CSV of Excel). De eerste regel bevat de kolomnamen: referentie, datum, soort, bedrag, achternaam,
        postcode en huisnummer zijn verplicht. Een regel die u eerder stuurde (zelfde referentie) telt als dubbel en wordt niet opnieuw opgeslagen.
      </Paragraph>
      <form onSubmit={submit} className="vn-form" aria-label="Bestand aanleveren" noValidate>
        <ErrorSummary error={error} local={localErrors} fields={uploadFields} />
        {isOfficer && (
          <Field id="sig-creditor" label="Schuldeiser" error={fieldError('creditorOrganisationId', error, localErrors)}>
            {(aria) => (
              <select {...aria} className="utrecht-select" required value={creditorId} onChange={(e) => setCreditorId(e.target.value)}>
                <option value="">Kies een schuldeiser</option>
                {(creditors.data ?? []).map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {(user?.municipalities.length ?? 0) > 1 && (
          <Field id="sig-municipality" label="Gemeente" error={fieldError('municipalityCode', error, localErrors)}>
            {(aria) => (
              <select {...aria} className="utrecht-select" value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
                <option value="">Elke regel naar de gemeente van de postcode</option>
                {user!.municipalities.map((m) => (
                  <option key={m} value={m}>
                    {municipalityName(m)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field id="sig-file" label="Bestand (CSV of XLSX)" error={fieldError('bestand', error, localErrors)}>
          {(aria) => <input {...aria} type="file" required accept=".csv,.txt,.xlsx,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {busy ? 'Bezig met inlezen…' : 'Aanleveren'}
        </Button>
      </form>
      {summary && (
        <section aria-labelledby="sig-result">
          <Heading2 id="sig-result">Resultaat</Heading2>
          <Done>
            Het bestand is ingelezen. {summary.rows} regels gelezen: {summary.accepted} opgeslagen, {summary.duplicates} dubbel, {summary.rejected} afgewezen.
          </Done>
          <ul aria-label="Per gemeente">
            {Object.entries(summary.municipalities ?? {})
              .sort()
              .map(([code, m]) => (
                <li key={code}>
                  {municipalityName(code)}: {m.accepted} opgeslagen
                </li>
              ))}
            <li>Geen inwoner van de gemeente(n) (geen brief): {summary.notResident ?? 0}</li>
          </ul>
          {summary.rejections.length > 0 && <RejectionsTable rejections={summary.rejections} fieldHeader="Kolom" />}
        </section>
      )}
      <Heading2>Eerdere aanleveringen</Heading2>
      <ProblemAlert error={imports.error} />
      <Loading loading={imports.loading}>
        {imports.data?.length ? (
          <Table>
            <caption className="vn-caption">{isOfficer ? 'Aanleveringen voor uw gemeente' : 'Aanleveringen van uw organisatie'}</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Ontvangen</TableHeaderCell>
                <TableHeaderCell scope="col">Schuldeiser</TableHeaderCell>
                <TableHeaderCell scope="col">Bestand</TableHeaderCell>
                <TableHeaderCell scope="col">Kanaal</TableHeaderCell>
                <TableHeaderCell scope="col">Regels</TableHeaderCell>
                <TableHeaderCell scope="col">Opgeslagen</TableHeaderCell>
                <TableHeaderCell scope="col">Dubbel</TableHeaderCell>
                <TableHeaderCell scope="col">Afgewezen</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {imports.data.map((i) => (
                <TableRow key={i.id}>
                  <TableCell>{formatDateTime(i.createdAt)}</TableCell>
                  <TableCell>{i.creditorName}</TableCell>
                  <TableCell>{i.fileName ?? '–'}</TableCell>
                  <TableCell>{channelLabels[i.channel] ?? i.channel}</TableCell>
                  <TableCell>{i.rows}</TableCell>
                  <TableCell>{i.accepted}</TableCell>
                  <TableCell>{i.duplicates}</TableCell>
                  <TableCell>{i.rejected}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Paragraph>Er zijn nog geen aanleveringen.</Paragraph>
        )}
      </Loading>
    </StaffShell>
  );
}
