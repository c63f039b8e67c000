import { Heading2 } from '@utrecht/component-library-react';
import { useState } from 'react';
import { letterHeadings, periodLabel } from '../../../../src/modules/programme/contract.ts';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, fieldError, TextInput, type FieldErrors } from '../../forms.tsx';
import { useApiMutation } from '../../query.tsx';
import { invalidates, TextArea, type Letter } from './programmeShared.tsx';

/** The texts of the council letter (raadsinformatiebrief) of one period, asked before they replace the last ones. */
type LetterTexts = Pick<Letter, 'letterDate' | 'meetingDate' | 'caseNumber' | 'reasonText' | 'informationText' | 'nextStepsText' | 'costsText'>;

const letterFields = {
  letterDate: { id: 'l-date', label: 'Datum van de brief' },
  meetingDate: { id: 'l-meeting', label: 'Vergadering van' },
  caseNumber: { id: 'l-case', label: 'Zaaknummer' },
  reasonText: { id: 'l-reason', label: 'Aanleiding' },
  informationText: { id: 'l-info', label: 'Te delen informatie' },
  nextStepsText: { id: 'l-next', label: 'Hoe verder' },
  costsText: { id: 'l-costs', label: 'Kosten' },
};

export function LetterForm({ programmeId, period, letter }: { programmeId: string; period: string; letter: Letter | null }) {
  const [form, setForm] = useState<LetterTexts>(
    letter
      ? {
          letterDate: letter.letterDate,
          meetingDate: letter.meetingDate,
          caseNumber: letter.caseNumber,
          reasonText: letter.reasonText,
          informationText: letter.informationText,
          nextStepsText: letter.nextStepsText,
          costsText: letter.costsText,
        }
      : {
          letterDate: new Date().toISOString().slice(0, 10),
          meetingDate: null,
          caseNumber: '',
          reasonText: '',
          informationText: '',
          nextStepsText: '',
          costsText: 'Niet van toepassing.',
        },
  );
  const [local, setLocal] = useState<FieldErrors>({});
  const [done, setDone] = useState('');
  const save = useApiMutation<LetterTexts>('PUT', `/programmes/${programmeId}/letters/${period}`, {
    invalidates,
    onSuccess: () => setDone(`De teksten zijn opgeslagen. De raadsinformatiebrief van de ${periodLabel(period)} gebruikt ze vanaf nu.`),
  });
  const set = (k: Exclude<keyof LetterTexts, 'meetingDate'>) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const check = (): boolean => {
    const errors: FieldErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.letterDate)) errors.letterDate = 'Kies de datum van de brief.';
    if (form.meetingDate && !/^\d{4}-\d{2}-\d{2}$/.test(form.meetingDate)) errors.meetingDate = 'Kies de datum van de vergadering, of laat het veld leeg.';
    setLocal(errors);
    return Object.keys(errors).length === 0;
  };
  const err = (name: keyof LetterTexts) => fieldError(name, save.error, local);
  return (
    <section aria-labelledby="letter-heading">
      <Heading2 id="letter-heading">Teksten van de raadsinformatiebrief</Heading2>
      <form id="letter-form" onSubmit={(e) => e.preventDefault()} className="vn-form" aria-label="Teksten van de raadsinformatiebrief" noValidate>
        <ErrorSummary error={save.error} local={local} fields={letterFields} />
        <TextInput id="l-date" label="Datum van de brief" type="date" value={form.letterDate} onChange={set('letterDate')} required error={err('letterDate')} />
        <TextInput
          id="l-meeting"
          label="Vergadering van"
          description="De raadsvergadering waarvoor de brief is; leeg als die nog niet bekend is."
          type="date"
          value={form.meetingDate ?? ''}
          onChange={(v) => setForm((f) => ({ ...f, meetingDate: v || null }))}
          error={err('meetingDate')}
        />
        <TextInput id="l-case" label="Zaaknummer" value={form.caseNumber} onChange={set('caseNumber')} error={err('caseNumber')} />
        <TextArea id="l-reason" label={letterHeadings.reason} value={form.reasonText} onChange={set('reasonText')} error={err('reasonText')} />
        <TextArea
          id="l-info"
          label={letterHeadings.information}
          value={form.informationText}
          onChange={set('informationText')}
          rows={8}
          error={err('informationText')}
        />
        <TextArea id="l-next" label={letterHeadings.nextSteps} value={form.nextStepsText} onChange={set('nextStepsText')} error={err('nextStepsText')} />
        <TextArea id="l-costs" label={letterHeadings.costs} value={form.costsText} onChange={set('costsText')} rows={2} error={err('costsText')} />
        <ConfirmButton
          label="Teksten opslaan"
          title="Teksten van de raadsinformatiebrief opslaan?"
          consequence={`De teksten van de brief over de ${periodLabel(period)} worden vervangen. Wie de brief daarna downloadt, krijgt de nieuwe teksten.`}
          confirmLabel="Ja, sla de teksten op"
          onConfirm={async () => {
            setDone('');
            if (!check()) return;
            save.reset();
            await save.mutateAsync(form).catch(() => undefined);
          }}
        />
      </form>
      <Done>{done}</Done>
    </section>
  );
}
