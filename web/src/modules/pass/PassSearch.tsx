import { Button, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { passReplaced, passView } from '../../../../src/modules/pass/contract.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { formatDate } from '../../format.ts';
import { useApiMutation } from '../../query.tsx';
import { ageGroupLabels, euro, formatPassNumber, passStatusLabels, relationLabels, routeLabels, useLocalChecks } from './shared.tsx';

type PassView = Json<typeof passView>;

const searchFields: FieldMap = { number: { id: 'search-number', label: 'Pasnummer' } };
const statusFields: FieldMap = { reason: { id: 'status-reason', label: 'Reden' } };

/** Looks a pass up by number; blocks, unblocks or replaces it (each asked first). */
export function PassSearch() {
  const [number, setNumber] = useState('');
  const [pass, setPass] = useState<PassView | null>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const search = useApiMutation<{ number: string }, PassView>('POST', '/pass/passes/search', { onSuccess: setPass });
  const change = useApiMutation<{ status: 'active' | 'blocked'; reason: string }, unknown>('POST', () => `/pass/passes/${pass!.id}/status`, {
    invalidates: ['/pass/passes'],
  });
  const replace = useApiMutation<undefined, Json<typeof passReplaced>>('POST', () => `/pass/passes/${pass!.id}/replace`, { invalidates: ['/pass/passes'] });
  const searchChecks: FieldErrors = number.replace(/\D/g, '').length < 4 ? { number: 'Vul het pasnummer in: de tien cijfers op de pas.' } : {};
  const searchLocal = useLocalChecks(searchFields, searchChecks);
  const statusChecks: FieldErrors = reason.trim().length < 2 ? { reason: 'Schrijf kort op waarom, bijvoorbeeld "Melding misbruik".' } : {};
  const statusLocal = useLocalChecks(statusFields, statusChecks);

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (searchLocal.attempt()) search.mutate({ number });
  };
  const setStatus = async (status: 'active' | 'blocked') => {
    try {
      await change.mutateAsync({ status, reason: reason.trim() });
      setPass(await search.mutateAsync({ number: pass!.number }));
      setMessage(
        status === 'blocked'
          ? `Pas ${formatPassNumber(pass!.number)} is geblokkeerd. Er kan niet meer mee betaald worden.`
          : `Pas ${formatPassNumber(pass!.number)} is weer actief.`,
      );
      setReason('');
      statusLocal.reset();
    } catch {
      // In the summary.
    }
  };
  const doReplace = async () => {
    try {
      const result = await replace.mutateAsync(undefined);
      setMessage(
        `Nieuwe pas ${formatPassNumber(result.number)} gemaakt; ${euro(result.balanceCarriedCents)} kindtegoed is meegenomen. De oude pas werkt niet meer.`,
      );
      setPass(await search.mutateAsync({ number: result.number }));
    } catch {
      // In the summary.
    }
  };
  return (
    <section aria-labelledby="pass-search-heading">
      <Heading2 id="pass-search-heading">Pas opzoeken</Heading2>
      <form onSubmit={submitSearch} className="vn-form" aria-label="Pas opzoeken" {...searchLocal.formProps}>
        <ErrorSummary error={search.error} local={searchLocal.errors} fields={searchFields} />
        <TextInput
          id="search-number"
          label="Pasnummer"
          value={number}
          onChange={setNumber}
          inputMode="numeric"
          error={fieldError('number', search.error, searchLocal.errors)}
        />
        <Button type="submit" appearance="secondary-action-button">
          Zoeken
        </Button>
      </form>
      <Done>{message}</Done>
      {pass && (
        <>
          <Paragraph>
            Pas {formatPassNumber(pass.number)}: {passStatusLabels[pass.status] ?? pass.status}, {routeLabels[pass.route] ?? pass.route}, geldig van{' '}
            {formatDate(pass.validFrom)} tot en met {formatDate(pass.validTo)}.
          </Paragraph>
          <Table>
            <caption className="vn-caption">Huishouden en kindtegoed</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Nummer</TableHeaderCell>
                <TableHeaderCell scope="col">Naam</TableHeaderCell>
                <TableHeaderCell scope="col">Rol</TableHeaderCell>
                <TableHeaderCell scope="col">Geboortedatum</TableHeaderCell>
                <TableHeaderCell scope="col">Kindtegoed</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {pass.members.map((m) => {
                const budget = pass.budgets.find((b) => b.memberNumber === m.memberNumber);
                return (
                  <TableRow key={m.memberNumber}>
                    <TableCell>{m.memberNumber}</TableCell>
                    <TableCell>
                      {m.initials} {m.surname}
                    </TableCell>
                    <TableCell>{relationLabels[m.relation] ?? m.relation}</TableCell>
                    <TableCell>{formatDate(m.birthDate)}</TableCell>
                    <TableCell>
                      {budget
                        ? `${euro(budget.balanceCents)} van ${euro(budget.grantedCents)} (${(ageGroupLabels[budget.ageGroup] ?? budget.ageGroup).toLowerCase()})`
                        : '–'}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {pass.status !== 'lost' && (
            <form
              id="pass-status-form"
              className="vn-form"
              aria-label="Pas blokkeren, deblokkeren of vervangen"
              onSubmit={(e) => e.preventDefault()}
              {...statusLocal.formProps}
            >
              <ErrorSummary error={change.error ?? replace.error} local={statusLocal.errors} fields={statusFields} />
              <TextInput
                id="status-reason"
                label="Reden (voor blokkeren of deblokkeren)"
                value={reason}
                onChange={setReason}
                error={fieldError('reason', change.error, statusLocal.errors)}
              />
              {pass.status === 'active' ? (
                <ConfirmButton
                  form="pass-status-form"
                  appearance="secondary-action-button"
                  label="Pas blokkeren"
                  title="Pas blokkeren?"
                  consequence={`Met pas ${formatPassNumber(pass.number)} kan niet meer betaald worden, tot u de pas deblokkeert.`}
                  confirmLabel="Ja, blokkeer de pas"
                  onConfirm={() => setStatus('blocked')}
                />
              ) : (
                <ConfirmButton
                  form="pass-status-form"
                  appearance="secondary-action-button"
                  label="Pas deblokkeren"
                  title="Pas deblokkeren?"
                  consequence={`Met pas ${formatPassNumber(pass.number)} kan weer betaald worden.`}
                  confirmLabel="Ja, deblokkeer de pas"
                  onConfirm={() => setStatus('active')}
                />
              )}
              <ConfirmButton
                appearance="secondary-action-button"
                label="Verloren: nieuwe pas maken"
                title="Nieuwe pas maken?"
                consequence={`Pas ${formatPassNumber(pass.number)} werkt meteen niet meer. De nieuwe pas krijgt een nieuw nummer en neemt het huishouden en het kindtegoed over.`}
                confirmLabel="Ja, maak een nieuwe pas"
                onConfirm={doReplace}
              />
            </form>
          )}
        </>
      )}
    </section>
  );
}
