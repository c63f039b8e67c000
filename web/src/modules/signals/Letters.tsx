import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, type Problem } from '../../api.ts';
import { ProblemAlert } from '../../components.tsx';
import { Done, ErrorSummary, Field, fieldError, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { invalidate } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import type { letterBatch, letterPreview, letterRunPlanned } from '../../../../src/modules/signals/contract.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useSession } from '../../session.tsx';
import { blobLink, formatDate, rawRequest } from './shared.tsx';

/** Where the queue leaves a selection too long for the address bar (a JSON array of case ids). */
export const letterSelectionStorageKey = 'vangnet:signals:letter-selection';

type Selection = { kind: 'cases'; caseIds: string[] } | { kind: 'awaiting' } | { kind: 'createdOn'; date: string };
type Preview = Json<typeof letterPreview>;
type Batch = Json<typeof letterBatch>;
type Run = Json<typeof letterRunPlanned>;
const selectionFields: FieldMap = {
  'selection.date': { id: 'sel-date', label: 'Dag' },
  selection: { id: 'sel-awaiting', label: 'Welke zaken?' },
  reprint: { id: 'sel-reprint', label: 'Herdruk' },
};
type BatchState = { state: 'waiting' | 'busy' | 'done' | 'failed'; drawn: number; url?: string; error?: unknown };

const postcode = (p: string | null) => (p ? `${p.slice(0, 4)} ${p.slice(4)}` : '–');
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

function selectionFromUrl(params: URLSearchParams): string[] | null {
  if (params.get('selectie') === 'wachtrij') {
    try {
      const ids = JSON.parse(sessionStorage.getItem(letterSelectionStorageKey) ?? '[]') as unknown;
      if (Array.isArray(ids) && ids.every((id) => typeof id === 'string') && ids.length) return ids as string[];
    } catch {
      return null;
    }
  }
  const list = params.get('zaken');
  return list ? list.split(',').filter(Boolean) : null;
}

/** Counts the pages pdfkit has written so far (each page object carries `/Type /Page`), also across chunk edges. */
function pageCounter(): (chunk: Uint8Array) => number {
  const decoder = new TextDecoder('latin1');
  let tail = '';
  let pages = 0;
  return (chunk) => {
    const text = tail + decoder.decode(chunk, { stream: true });
    // A marker that lay wholly in the kept tail was counted with the previous chunk.
    for (const m of text.matchAll(/\/Type \/Page(?!s)/g)) if (m.index + m[0].length > tail.length) pages++;
    tail = text.slice(-15);
    return pages;
  };
}

/**
 * Offer letters for a selection: count first ("U maakt 312 brieven. Doorgaan?"), then the print batches one by one,
 * each streamed in as a PDF with its progress ("120 van 312") and offered for download.
 */
export function SignalLetters() {
  const { can } = useSession();
  const [params] = useSearchParams();
  const fromQueue = useMemo(() => selectionFromUrl(params), [params]);
  const [kind, setKind] = useState<Selection['kind']>(fromQueue ? 'cases' : 'awaiting');
  const [date, setDate] = useState(today());
  const [reprint, setReprint] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [states, setStates] = useState<Record<string, BatchState>>({});
  const [error, setError] = useState<unknown>(null);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});

  const selection = (): Selection => (kind === 'cases' ? { kind, caseIds: fromQueue ?? [] } : kind === 'createdOn' ? { kind, date } : { kind });
  const setState = (id: string, s: BatchState) => setStates((all) => ({ ...all, [id]: s }));

  const count = async () => {
    setError(null);
    setRun(null);
    setStates({});
    setPreview(null);
    const local: FieldErrors = kind === 'createdOn' && !/^\d{4}-\d{2}-\d{2}$/.test(date) ? { 'selection.date': 'Kies de dag van de nieuwe zaken.' } : {};
    setLocalErrors(local);
    if (Object.keys(local).length) return;
    try {
      setPreview(await api<Preview>('POST', '/signals/letters/preview', { selection: selection(), reprint }));
    } catch (err) {
      setError(err);
    }
  };

  const makeBatch = async (batch: Batch, again = false) => {
    setState(batch.id, { state: 'busy', drawn: 0 });
    try {
      const response = await rawRequest('GET', `/signals/letters/batches/${batch.id}${again ? '?again=true' : ''}`);
      if (!response.ok) throw new ApiError((await response.json()) as Problem);
      const reader = response.body!.getReader();
      const pages = pageCounter();
      const chunks: Uint8Array[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        // The first page is the cover sheet.
        setState(batch.id, { state: 'busy', drawn: Math.max(0, pages(value) - 1) });
      }
      setState(batch.id, { state: 'done', drawn: batch.letters, url: blobLink(new Blob(chunks as BlobPart[], { type: 'application/pdf' })) });
      return true;
    } catch (err) {
      setState(batch.id, { state: 'failed', drawn: 0, error: err });
      return false;
    }
  };

  const go = async () => {
    if (!preview) return;
    setError(null);
    try {
      const made = await api<Run>('POST', '/signals/letters', { selection: selection(), reprint, confirmCount: preview.count });
      setRun(made);
      setPreview(null);
      for (const batch of made.batches) if (!(await makeBatch(batch))) break;
      await invalidate(['/signals/cases']);
    } catch (err) {
      setError(err);
    }
  };

  const drawn = run ? run.batches.reduce((n, b) => n + (states[b.id]?.drawn ?? 0), 0) : 0;
  const allDone = run ? run.batches.length > 0 && run.batches.every((b) => states[b.id]?.state === 'done') : false;

  return (
    <StaffShell>
      <Heading1>Brieven met een aanbod van hulp</Heading1>
      <Paragraph>
        Kies voor welke zaken u brieven maakt. U ziet eerst hoeveel brieven het worden. De brieven komen in stapels voor de drukkerij, gesorteerd op postcode,
        elk met een voorblad. Een zaak staat pas op “brief verstuurd” als de stapel helemaal is binnengekomen.
      </Paragraph>
      {can('signals:templates') && (
        <Paragraph>
          <Link to="/medewerkers/signalen/brieftekst">De brieftekst bekijken of wijzigen</Link>
        </Paragraph>
      )}
      <form
        className="vn-form"
        aria-label="Selectie van zaken"
        onSubmit={(e) => {
          e.preventDefault();
          void count();
        }}
        noValidate
      >
        <ErrorSummary error={error} local={localErrors} fields={selectionFields} />
        <fieldset>
          <legend>Welke zaken?</legend>
          {fromQueue && (
            <div className="vn-field">
              <input type="radio" id="sel-cases" name="selection" checked={kind === 'cases'} onChange={() => setKind('cases')} />
              <label htmlFor="sel-cases">De {fromQueue.length} zaken die u in de werkvoorraad koos</label>
            </div>
          )}
          <div className="vn-field">
            <input type="radio" id="sel-awaiting" name="selection" checked={kind === 'awaiting'} onChange={() => setKind('awaiting')} />
            <label htmlFor="sel-awaiting">Alle zaken die op een brief wachten</label>
          </div>
          <div className="vn-field">
            <input type="radio" id="sel-day" name="selection" checked={kind === 'createdOn'} onChange={() => setKind('createdOn')} />
            <label htmlFor="sel-day">De nieuwe zaken van één dag</label>
          </div>
          {kind === 'createdOn' && (
            <Field id="sel-date" label="Dag" error={fieldError('selection.date', error, localErrors)}>
              {(aria) => <input {...aria} type="date" className="utrecht-textbox" value={date} onChange={(e) => setDate(e.target.value)} required />}
            </Field>
          )}
        </fieldset>
        <div className="vn-field">
          <input type="checkbox" id="sel-reprint" checked={reprint} onChange={(e) => setReprint(e.target.checked)} />
          <label htmlFor="sel-reprint">Herdruk: maak de brief ook opnieuw voor zaken die al een brief kregen</label>
        </div>
        <Button type="submit" appearance="secondary-action-button">
          Aantal brieven bekijken
        </Button>
      </form>

      {preview && (
        <section aria-labelledby="confirm-heading">
          <Heading2 id="confirm-heading">Bevestigen</Heading2>
          {preview.count ? (
            <>
              <Paragraph role="status">
                <strong>{offerSentence(preview)} Doorgaan?</strong>
              </Paragraph>
              {preview.byMail > 0 && (
                <Paragraph>
                  Het aanbod per e-mail gaat naar het adres dat de schuldeiser gaf. De e-mail zegt alleen dat een medewerker van de gemeente wil helpen, met het
                  telefoonnummer: geen bedrag en geen schuldeiser. De zaak staat meteen op “brief verstuurd”.
                </Paragraph>
              )}
              <Paragraph>Briefversie: {preview.templateVersion === 0 ? 'de standaardtekst' : `versie ${preview.templateVersion}`}.</Paragraph>
              <Paragraph>
                <Button type="button" appearance="primary-action-button" onClick={go}>
                  {preview.byMail ? `Doorgaan: ${preview.count} keer een aanbod versturen` : `Doorgaan: ${preview.count} brieven maken`}
                </Button>{' '}
                <Button type="button" appearance="subtle-button" onClick={() => setPreview(null)}>
                  Annuleren
                </Button>
              </Paragraph>
            </>
          ) : (
            <Paragraph role="status">Voor deze selectie zijn er geen brieven te maken.</Paragraph>
          )}
          {preview.skipped.count > 0 && <Skipped skipped={preview.skipped} />}
        </section>
      )}

      {run && (
        <section aria-labelledby="run-heading">
          <Heading2 id="run-heading">Brieven van {formatDate(run.date)}</Heading2>
          {run.mailed > 0 && (
            <Done>
              {run.mailed === 1 ? 'Eén aanbod gaat' : `${run.mailed} keer gaat het aanbod`} per e-mail;{' '}
              {run.mailed === 1 ? 'die zaak staat' : 'die zaken staan'} op &quot;brief verstuurd&quot;.
            </Done>
          )}
          {allDone && (
            <Done>
              {run.count === 1 ? 'De brief is gemaakt' : `De ${run.count} brieven zijn gemaakt`}; de zaken staan op &quot;brief verstuurd&quot;. Download
              hieronder {run.batches.length === 1 ? 'de stapel' : 'elke stapel'} voor de drukkerij.
            </Done>
          )}
          {run.batches.length > 0 && (
            <>
              <Paragraph role="status" aria-live="polite">
                {drawn} van {run.count} brieven gemaakt.
              </Paragraph>
              <progress max={run.count} value={drawn} aria-label="Voortgang van de brieven" />
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Stapel</TableHeaderCell>
                    <TableHeaderCell>Brieven</TableHeaderCell>
                    <TableHeaderCell>Postcodes</TableHeaderCell>
                    <TableHeaderCell>Bestand</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {run.batches.map((b) => {
                    const s = states[b.id] ?? { state: 'waiting', drawn: 0 };
                    return (
                      <TableRow key={b.id}>
                        <TableCell>
                          {b.number} van {run.batches.length}
                        </TableCell>
                        <TableCell>{b.letters}</TableCell>
                        <TableCell>
                          {postcode(b.postcodeFrom)} t/m {postcode(b.postcodeTo)}
                        </TableCell>
                        <TableCell>
                          {s.state === 'waiting' && 'Wacht'}
                          {s.state === 'busy' && `Bezig: ${s.drawn} van ${b.letters}`}
                          {s.state === 'done' && s.url && (
                            <a href={s.url} download={`brieven-${run.date}-stapel-${b.number}.pdf`}>
                              Stapel {b.number} downloaden (PDF)
                            </a>
                          )}
                          {s.state === 'failed' && (
                            <>
                              <ProblemAlert error={s.error} />
                              {s.error instanceof ApiError && s.error.problem.status === 409 ? (
                                // Already made (the connection broke after the cases were marked sent): a reprint.
                                <Button type="button" appearance="secondary-action-button" onClick={() => void makeBatch(b, true)}>
                                  Stapel {b.number} opnieuw afdrukken (herdruk)
                                </Button>
                              ) : (
                                <Button type="button" appearance="secondary-action-button" onClick={() => void makeBatch(b)}>
                                  Stapel {b.number} opnieuw maken
                                </Button>
                              )}
                            </>
                          )}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </>
          )}
        </section>
      )}
    </StaffShell>
  );
}

/** "U maakt 3 brieven (waarvan 1 herdruk), in 1 stapel van ten hoogste 500." and, with e-mail, how many go that way. */
function offerSentence(p: Preview): string {
  const letters = p.count - p.byMail;
  const mail = p.byMail ? `${p.byMail === 1 ? 'Eén aanbod gaat' : `${p.byMail} keer gaat het aanbod`} per e-mail. ` : '';
  if (!letters) return `${mail}Er zijn geen brieven te maken.`;
  return `${mail}U maakt ${letters} ${letters === 1 ? 'brief' : 'brieven'}${p.reprints ? ` (waarvan ${p.reprints} herdruk)` : ''}, in ${p.batches} ${
    p.batches === 1 ? 'stapel' : 'stapels'
  } van ten hoogste ${p.batchSize}.`;
}

function Skipped({ skipped }: { skipped: Preview['skipped'] }) {
  return (
    <>
      <Heading2>Overgeslagen: {skipped.count} zaken</Heading2>
      <Paragraph>Deze zaken krijgen geen brief.{skipped.count > skipped.items.length ? ` Hieronder de eerste ${skipped.items.length}.` : ''}</Paragraph>
      <ul>
        {skipped.items.map((s) => (
          <li key={s.caseId}>
            <Link to={`/medewerkers/signalen/zaken/${s.caseId}`}>Zaak {s.caseId.slice(0, 8)}</Link>: {s.reason}
          </li>
        ))}
      </ul>
    </>
  );
}
