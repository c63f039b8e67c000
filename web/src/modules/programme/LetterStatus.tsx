import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { letterStatusLabels, periodLabel } from '../../../../src/modules/programme/contract.ts';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, fieldError, TextInput, type FieldErrors } from '../../forms.tsx';
import { formatDateTime } from '../../format.ts';
import { useApiMutation } from '../../query.tsx';
import { invalidates, TextArea, type Letter } from './programmeShared.tsx';

/**
 * The lifecycle of the period's council letter: draft → approved (the figures are frozen) → sent to the council with
 * its zaaknummer (the PDF and Word file kept as sent); a correction of a sent letter is a new version with what changed.
 * Each step asks first. Every version stays downloadable.
 */
export function LetterStatus(props: { programmeId: string; period: string; versions: Letter[]; manage: boolean }) {
  const { programmeId, period, versions, manage } = props;
  const letter = versions[versions.length - 1] ?? null;
  const base = `/programmes/${programmeId}/letters/${period}`;
  const [caseNumber, setCaseNumber] = useState(letter?.caseNumber ?? '');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<FieldErrors>({});
  const [done, setDone] = useState('');
  const approve = useApiMutation<{ newFigures: boolean }>('POST', `${base}/approve`, {
    invalidates,
    onSuccess: () => setDone('De brief is vastgesteld. De cijfers van deze periode liggen nu vast en veranderen niet meer.'),
  });
  const send = useApiMutation<{ caseNumber: string }>('POST', `${base}/send`, {
    invalidates,
    onSuccess: () => setDone('De brief is verstuurd naar de raad. De PDF en het Word-bestand zijn bewaard zoals ze zijn verstuurd.'),
  });
  const correct = useApiMutation<{ note: string }>('POST', `${base}/corrections`, {
    invalidates,
    onSuccess: () => {
      setNote('');
      setDone('Er is een nieuwe versie van de brief gemaakt. Pas de teksten aan en stel de brief opnieuw vast.');
    },
  });
  const error = approve.error ?? send.error ?? correct.error;
  const href = (l: Letter, format: 'pdf' | 'docx') => `/api/v1${base}/${format}?version=${l.version}`;

  return (
    <section aria-labelledby="letter-status-heading">
      <Heading2 id="letter-status-heading">Stand van de raadsinformatiebrief</Heading2>
      {!letter && <Paragraph>Er is nog geen brief over de {periodLabel(period)}. Sla eerst de teksten op.</Paragraph>}
      {letter && (
        <Paragraph>
          Versie {letter.version}: <strong>{letterStatusLabels[letter.status]}</strong>.
          {letter.approvedAt && ` Vastgesteld door ${letter.approvedBy} op ${formatDateTime(letter.approvedAt)}.`}
          {letter.sentAt && ` Verstuurd door ${letter.sentBy} op ${formatDateTime(letter.sentAt)}, zaaknummer ${letter.caseNumber}.`}
          {letter.correctionNote && ` Wat is er veranderd: ${letter.correctionNote}`}
        </Paragraph>
      )}
      <ErrorSummary
        error={error}
        local={local}
        fields={{ caseNumber: { id: 'ls-case', label: 'Zaaknummer' }, note: { id: 'ls-note', label: 'Wat is er veranderd' } }}
      />
      {manage && letter?.status === 'draft' && (
        <ConfirmButton
          label="Brief vaststellen"
          title="Raadsinformatiebrief vaststellen?"
          consequence={`De cijfers van de ${periodLabel(period)} worden vastgelegd. Daarna veranderen de teksten en cijfers van deze versie niet meer.`}
          confirmLabel="Ja, stel de brief vast"
          onConfirm={async () => {
            setDone('');
            await approve.mutateAsync({ newFigures: letter.version > 1 }).catch(() => undefined);
          }}
        />
      )}
      {manage && letter?.status === 'approved' && (
        <form id="send-form" className="vn-form" onSubmit={(e) => e.preventDefault()} aria-label="Brief naar de raad sturen" noValidate>
          <TextInput
            id="ls-case"
            label="Zaaknummer"
            description="Het zaaknummer waaronder de brief naar de raad gaat, bijvoorbeeld InProces BBV: 2021-0024615."
            value={caseNumber}
            onChange={setCaseNumber}
            required
            error={fieldError('caseNumber', send.error, local)}
          />
          <ConfirmButton
            label="Naar de raad sturen"
            title="Brief naar de raad sturen?"
            consequence="De PDF en het Word-bestand worden gemaakt en bewaard zoals ze verstuurd worden. Daarna verandert deze versie nooit meer; een fout herstelt u met een correctie."
            confirmLabel="Ja, stuur de brief naar de raad"
            beforeOpen={() => {
              const errors: FieldErrors = caseNumber.trim().length < 2 ? { caseNumber: 'Schrijf het zaaknummer van de brief.' } : {};
              setLocal(errors);
              return Object.keys(errors).length === 0;
            }}
            onConfirm={async () => {
              setDone('');
              await send.mutateAsync({ caseNumber }).catch(() => undefined);
            }}
          />
        </form>
      )}
      {manage && letter?.status === 'sent' && (
        <form id="correction-form" className="vn-form" onSubmit={(e) => e.preventDefault()} aria-label="Correctie maken" noValidate>
          <TextArea id="ls-note" label="Wat is er veranderd" value={note} onChange={setNote} rows={3} error={fieldError('note', correct.error, local)} />
          <ConfirmButton
            label="Correctie maken"
            title="Correctie op de verstuurde brief maken?"
            consequence={`Er komt een nieuwe versie ${letter.version + 1} als concept. De verstuurde versie ${letter.version} blijft zoals ze is.`}
            confirmLabel="Ja, maak een correctie"
            appearance="secondary-action-button"
            beforeOpen={() => {
              const errors: FieldErrors = note.trim().length < 2 ? { note: 'Schrijf wat er veranderd is ten opzichte van de verstuurde brief.' } : {};
              setLocal(errors);
              return Object.keys(errors).length === 0;
            }}
            onConfirm={async () => {
              setDone('');
              await correct.mutateAsync({ note }).catch(() => undefined);
            }}
          />
        </form>
      )}
      <Done>{done}</Done>
      {versions.length > 0 && (
        <>
          <Heading3>Versies</Heading3>
          <ul>
            {versions.map((l) => (
              <li key={l.id}>
                Versie {l.version} ({letterStatusLabels[l.status]}):{' '}
                <a className="utrecht-link" href={href(l, 'pdf')} download>
                  PDF van versie {l.version}
                </a>
                {' · '}
                <a className="utrecht-link" href={href(l, 'docx')} download>
                  Word van versie {l.version}
                </a>
                {l.pdfSha256 && <span className="vn-hash"> (SHA-256 van de PDF: {l.pdfSha256})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
