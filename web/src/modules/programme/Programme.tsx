import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { Json } from '../../../../src/platform/contract.ts';
import { municipalityName } from '../../../../src/platform/municipalities.ts';
import { periodLabel, periodPattern, type programmeList } from '../../../../src/modules/programme/contract.ts';
import { query } from '../../api.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ErrorSummary, Field, type FieldErrors } from '../../forms.tsx';
import { formatDate } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi } from '../../query.tsx';
import { useSession } from '../../session.tsx';
import { Commitments, Decisions } from './CouncilItems.tsx';
import { LetterForm } from './LetterForm.tsx';
import { LetterStatus } from './LetterStatus.tsx';
import { LineSection } from './LineSection.tsx';
import { capital, type Overview } from './programmeShared.tsx';

function currentPeriod(): string {
  const d = new Date();
  return `${d.getFullYear()}-H${d.getMonth() < 6 ? 1 : 2}`;
}

/**
 * A programme and one reporting period: its lines with their initiatives and figures (`LineSection.tsx`), the
 * commitments to the council and related decisions (`CouncilItems.tsx`) and the council letter's texts (`LetterForm.tsx`).
 */
export function ProgrammePage() {
  const { can } = useSession();
  const programmes = useApi<Json<typeof programmeList>>('/programmes');
  const [programmeId, setProgrammeId] = useState('');
  const [period, setPeriod] = useState('2021-H1');
  const [periodInput, setPeriodInput] = useState('2021-H1');
  const [periodError, setPeriodError] = useState<FieldErrors>({});
  const chosen = programmeId || programmes.data?.[0]?.id || '';
  const view = useApi<Overview>(chosen ? `/programmes/${chosen}${query({ period })}` : null);
  const data = view.data;
  const manage = can('programme:manage');
  const choosePeriod = (e: FormEvent) => {
    e.preventDefault();
    const value = periodInput.trim().toUpperCase();
    if (!periodPattern.test(value)) {
      setPeriodError({ period: 'Schrijf het halfjaar als 2021-H1 (januari tot en met juni) of 2021-H2.' });
      return;
    }
    setPeriodError({});
    setPeriod(value);
  };

  return (
    <StaffShell>
      <Heading1>Programma en raadsinformatiebrief</Heading1>
      <ProblemAlert error={programmes.error ?? view.error} />
      <Loading loading={programmes.loading}>
        {programmes.data?.length === 0 && <Paragraph>Er is nog geen programma.</Paragraph>}
        <form onSubmit={choosePeriod} className="vn-filters" aria-label="Programma en periode kiezen" noValidate>
          <ErrorSummary local={periodError} fields={{ period: { id: 'p-period', label: 'Rapportageperiode' } }} />
          {(programmes.data?.length ?? 0) > 1 && (
            <Field id="p-programme" label="Programma">
              {(aria) => (
                <select {...aria} className="utrecht-select" value={chosen} onChange={(e) => setProgrammeId(e.target.value)}>
                  {programmes.data!.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} ({municipalityName(p.municipalityCode)})
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field id="p-period" label="Rapportageperiode (halfjaar)" description="Bijvoorbeeld 2021-H1 (januari tot en met juni)." error={periodError.period}>
            {(aria) => (
              <>
                <input {...aria} className="utrecht-textbox" list="p-periods" value={periodInput} onChange={(e) => setPeriodInput(e.target.value)} />
                <datalist id="p-periods">
                  {[...new Set([...(data?.periods ?? []), currentPeriod()])].map((p) => (
                    <option key={p} value={p}>
                      {capital(periodLabel(p))}
                    </option>
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Button type="submit" appearance="primary-action-button">
            Toon periode
          </Button>
        </form>
      </Loading>
      {data && (
        <>
          <Heading2>
            {data.programme.name}: {capital(periodLabel(data.period))}
          </Heading2>
          <Paragraph>
            Gemeente {municipalityName(data.programme.municipalityCode)}, {formatDate(data.programme.startsOn)} tot en met {formatDate(data.programme.endsOn)}.
          </Paragraph>
          <Paragraph>
            <a className="utrecht-link" href={`/api/v1/programmes/${data.programme.id}/letters/${data.period}/pdf`} download>
              Download de raadsinformatiebrief (PDF)
            </a>
            {' · '}
            <a className="utrecht-link" href={`/api/v1/programmes/${data.programme.id}/letters/${data.period}/docx`} download>
              Download de raadsinformatiebrief (Word, te bewerken)
            </a>
          </Paragraph>
          {data.lines.map((line) => (
            <LineSection key={line.id} line={line} period={data.period} manage={manage} />
          ))}
          <Commitments programmeId={data.programme.id} commitments={data.commitments} manage={manage} />
          <Decisions programmeId={data.programme.id} decisions={data.decisions} manage={manage} />
          <LetterStatus
            key={`status-${data.programme.id}-${data.period}-${data.letter?.version ?? 0}`}
            programmeId={data.programme.id}
            period={data.period}
            versions={data.letterVersions}
            manage={manage}
          />
          {manage && (!data.letter || data.letter.status === 'draft') && (
            <LetterForm
              key={`${data.programme.id}-${data.period}-${data.letter?.version ?? 0}`}
              programmeId={data.programme.id}
              period={data.period}
              letter={data.letter}
            />
          )}
        </>
      )}
    </StaffShell>
  );
}
