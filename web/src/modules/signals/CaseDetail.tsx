import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, type Problem } from '../../api.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { Done } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi } from '../../query.tsx';
import { AssignForm, ContactAttemptForm } from './CaseForms.tsx';
import { CaseContactAttempts, CaseFacts, CaseHistory, CaseOutcome, CaseSignals } from './CaseTables.tsx';
import type { CaseDetailData } from './caseShared.ts';
import { OutcomeForm } from './OutcomeForm.tsx';
import { blobLink, personName, rawRequest } from './shared.tsx';

/**
 * One household's case: its signals, the letter, contact attempts, the outcome and the referral. The tables are in
 * `CaseTables.tsx`, the forms in `CaseForms.tsx` and `OutcomeForm.tsx`; this page holds what they share (the last
 * message and failure).
 */
export function SignalCase() {
  const { id = '' } = useParams();
  const data = useApi<CaseDetailData>(`/signals/cases/${id}`);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [letterUrl, setLetterUrl] = useState('');

  const c = data.data;
  const start = () => {
    setMessage('');
    setError(null);
  };
  const reprint = async () => {
    setError(null);
    try {
      const response = await rawRequest('GET', `/signals/cases/${id}/letter`);
      if (!response.ok) throw new ApiError((await response.json()) as Problem);
      setLetterUrl(blobLink(await response.blob()));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <StaffShell>
      <Loading loading={data.loading && !c}>
        {c ? (
          <>
            <Heading1>Zaak {personName(c)}</Heading1>
            <ProblemAlert error={error} />
            <Done>{message}</Done>
            {c.status !== 'closed' && c.history.at(-1)?.kind === 'reopened' && (
              <Paragraph className="vn-reopened">
                <strong>Terug in de wachtrij:</strong> {c.history.at(-1)!.text}
              </Paragraph>
            )}
            <CaseFacts c={c} />
            {c.letterSentOn && (
              <Paragraph>
                <Button type="button" appearance="secondary-action-button" onClick={reprint}>
                  Brief opnieuw afdrukken
                </Button>{' '}
                {letterUrl && (
                  <a href={letterUrl} download="brief.pdf">
                    Download de brief (PDF)
                  </a>
                )}
              </Paragraph>
            )}

            <CaseSignals c={c} />
            <CaseContactAttempts c={c} />
            <CaseHistory c={c} />

            {c.status === 'closed' ? (
              <CaseOutcome c={c} />
            ) : (
              <>
                <AssignForm caseId={id} c={c} onStart={start} onDone={setMessage} />
                <ContactAttemptForm caseId={id} c={c} onStart={start} onDone={setMessage} />
                <OutcomeForm caseId={id} onStart={start} onDone={setMessage} />
              </>
            )}
          </>
        ) : (
          <>
            <Heading1>Zaak</Heading1>
            <ProblemAlert error={data.error} />
          </>
        )}
      </Loading>
    </StaffShell>
  );
}
