import {
  Button,
  ButtonGroup,
  Heading1,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { auditActionLabels, auditObjectTypeLabels, auditResultLabels, labelOf, type auditPage, type user } from '../../../src/platform/contract-platform.ts';
import type { Json } from '../../../src/platform/contract.ts';
import { query } from '../api.ts';
import { Loading } from '../components.tsx';
import { ErrorSummary, Field, fieldError, TextInput, type FieldErrors, type FieldMap } from '../forms.tsx';
import { formatCount, formatDateTime } from '../format.ts';
import { StaffShell } from '../layout/Shells.tsx';
import { useApi } from '../query.tsx';
import { useSession } from '../session.tsx';

type AuditPage = Json<typeof auditPage>;
type AuditLine = AuditPage['items'][number];
type User = Json<typeof user>;

const PAGE_SIZE = 50;
const empty = { person: '', actorUserId: '', action: '', result: '', from: '', to: '' };
const fields: FieldMap = {
  person: { id: 'f-person', label: 'Inwoner' },
  actorUserId: { id: 'f-user', label: 'Medewerker' },
  from: { id: 'f-from', label: 'Vanaf' },
  to: { id: 'f-to', label: 'Tot en met' },
};

/** "P. van der Zwaluw en 3 anderen" */
function residents(line: AuditLine): string {
  if (!line.subjectIds.length) return '–';
  const named = line.subjects.map((s) => s.name).filter((n): n is string => Boolean(n));
  const others = line.subjectIds.length - named.length;
  if (!named.length) return others === 1 ? '1 inwoner' : `${formatCount(others)} inwoners`;
  return others > 0 ? `${named.join(', ')} en ${formatCount(others)} ${others === 1 ? 'andere' : 'anderen'}` : named.join(', ');
}

function localErrors(filters: typeof empty): FieldErrors {
  const errors: FieldErrors = {};
  if (filters.from && filters.to && filters.to < filters.from) errors.to = 'Deze datum ligt vóór de datum bij "Vanaf". Kies een latere datum.';
  return errors;
}

export function AuditLog() {
  const { can } = useSession();
  const [filters, setFilters] = useState(empty);
  const [applied, setApplied] = useState(empty);
  const [local, setLocal] = useState<FieldErrors>({});
  const [offset, setOffset] = useState(0);
  // The pages after the first are anchored at its newest line, so lines written meanwhile do not shift them.
  const [anchor, setAnchor] = useState<number | null>(null);
  const events = useApi<AuditPage>(`/audit-events${query({ ...applied, limit: PAGE_SIZE, offset, before: anchor })}`);
  const users = useApi<User[]>(can('users:manage') ? '/users' : null);
  const set = (key: keyof typeof empty) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = localErrors(filters);
    setLocal(errors);
    if (Object.keys(errors).length) return;
    setOffset(0);
    setAnchor(null);
    setApplied(filters);
  };
  const error = events.error;
  const page = events.data;
  const shown = page?.items.length ? `${formatCount(page.offset + 1)}–${formatCount(page.offset + page.items.length)}` : '0';
  return (
    <StaffShell>
      <Heading1>Auditlog</Heading1>
      <Paragraph>
        Elke inzage, zoekopdracht, export en wijziging van persoonsgegevens: wie het deed, namens wie, bij welke inwoner, wanneer en vanaf waar. Zoekt u op een
        naam of BSN, dan wordt alleen vastgelegd dát u zocht, niet waarop.
      </Paragraph>
      <ErrorSummary error={error} local={local} fields={fields} />
      <form onSubmit={submit} className="vn-filters" aria-label="Filters auditlog" noValidate>
        <TextInput
          id="f-person"
          label="Inwoner"
          description="Achternaam (zonder van, de, ...) of BSN."
          value={filters.person}
          onChange={set('person')}
          error={fieldError('person', error, local)}
          autoComplete="off"
        />
        {users.data && (
          <Field id="f-user" label="Medewerker" error={fieldError('actorUserId', error, local)}>
            {(aria) => (
              <select {...aria} className="utrecht-select" value={filters.actorUserId} onChange={(e) => set('actorUserId')(e.target.value)}>
                <option value="">Alle</option>
                {users.data!.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field id="f-action" label="Handeling">
          {(aria) => (
            <select {...aria} className="utrecht-select" value={filters.action} onChange={(e) => set('action')(e.target.value)}>
              <option value="">Alle</option>
              {Object.entries(auditActionLabels).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="f-result" label="Resultaat">
          {(aria) => (
            <select {...aria} className="utrecht-select" value={filters.result} onChange={(e) => set('result')(e.target.value)}>
              <option value="">Alle</option>
              {Object.entries(auditResultLabels).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextInput id="f-from" label="Vanaf" type="date" value={filters.from} onChange={set('from')} error={fieldError('from', error, local)} />
        <TextInput id="f-to" label="Tot en met" type="date" value={filters.to} onChange={set('to')} error={fieldError('to', error, local)} />
        <Button type="submit" appearance="primary-action-button">
          Filteren
        </Button>
      </form>
      <Loading loading={events.loading}>
        {page && (
          <>
            <Table>
              <caption className="vn-caption">
                {formatCount(page.total)} gebeurtenissen, nieuwste eerst. U ziet {shown}.
              </caption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Wanneer</TableHeaderCell>
                  <TableHeaderCell scope="col">Wie</TableHeaderCell>
                  <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
                  <TableHeaderCell scope="col">Handeling</TableHeaderCell>
                  <TableHeaderCell scope="col">Waarover</TableHeaderCell>
                  <TableHeaderCell scope="col">Inwoner</TableHeaderCell>
                  <TableHeaderCell scope="col">Resultaat</TableHeaderCell>
                  <TableHeaderCell scope="col">Herkomst</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {page.items.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell>{formatDateTime(e.occurredAt)}</TableCell>
                    <TableCell>
                      {e.actorName}
                      {e.onBehalfOfName && e.onBehalfOfName !== e.organisationName ? ` namens ${e.onBehalfOfName}` : ''}
                    </TableCell>
                    <TableCell>{e.organisationName ?? '–'}</TableCell>
                    <TableCell>{labelOf(auditActionLabels, e.action)}</TableCell>
                    <TableCell>
                      {labelOf(auditObjectTypeLabels, e.objectType)}
                      {e.purpose ? ` (doel: ${e.purpose})` : ''}
                    </TableCell>
                    <TableCell>{residents(e)}</TableCell>
                    <TableCell>{labelOf(auditResultLabels, e.result)}</TableCell>
                    <TableCell>{e.origin ?? '–'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <ButtonGroup>
              <Button type="button" appearance="secondary-action-button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                Nieuwere gebeurtenissen
              </Button>
              <Button
                type="button"
                appearance="secondary-action-button"
                disabled={offset + PAGE_SIZE >= page.total}
                onClick={() => {
                  setAnchor(anchor ?? (page.items[0]?.id ?? 0) + 1);
                  setOffset(offset + PAGE_SIZE);
                }}
              >
                Oudere gebeurtenissen
              </Button>
            </ButtonGroup>
          </>
        )}
      </Loading>
    </StaffShell>
  );
}
