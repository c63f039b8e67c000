import { Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import { Loading, ProblemAlert } from '../../components.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import { themeLabels, type directorySearchResult } from '../../../../src/modules/directory/contract.ts';
import { type Organizations, wijkNames } from './directoryShared.ts';
import { formatPosition, PlaceForm } from './Places.tsx';

/** The directory's services and places, with a form to add a place. */
export function DirectoryList() {
  const { data, error, loading } = useApi<Json<typeof directorySearchResult>>('/directory/services?includeInactive=true');
  const places = useApi<Organizations>('/directory/organizations');
  return (
    <StaffShell>
      <Heading1>Sociale kaart beheren</Heading1>
      <Paragraph>
        De hulp op GeldenzoDordt: organisaties, diensten en spreekuren. Inwoners zien dit op <a href="/hulp">de pagina Hulp zoeken</a>.
      </Paragraph>
      <Paragraph>
        <Link to="/medewerkers/sociale-kaart/nieuw">Nieuwe dienst toevoegen</Link>
      </Paragraph>
      <ProblemAlert error={error} />
      <Loading loading={loading}>
        <Table>
          <caption className="vn-caption">{data?.items.length ?? 0} diensten</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Dienst</TableHeaderCell>
              <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
              <TableHeaderCell scope="col">Onderwerp</TableHeaderCell>
              <TableHeaderCell scope="col">Spreekuren</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data?.items.map((e) => (
              <TableRow key={e.id}>
                <TableCell>
                  <Link to={`/medewerkers/sociale-kaart/${e.id}`}>{e.name}</Link>
                </TableCell>
                <TableCell>{e.organization.name}</TableCell>
                <TableCell>{e.themes.map((t) => themeLabels[t]).join(', ')}</TableCell>
                <TableCell>{e.schedules.length}</TableCell>
                <TableCell>{e.active ? 'Zichtbaar' : 'Verborgen'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
      <Heading2>Plekken</Heading2>
      <Paragraph>Waar spreekuren worden gehouden. De wijk volgt uit de postcode.</Paragraph>
      <ProblemAlert error={places.error} />
      <Loading loading={places.loading && !places.data}>
        <Table>
          <caption className="vn-caption">{places.data?.locations.length ?? 0} plekken</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Plek</TableHeaderCell>
              <TableHeaderCell scope="col">Adres</TableHeaderCell>
              <TableHeaderCell scope="col">Wijk</TableHeaderCell>
              <TableHeaderCell scope="col">Positie</TableHeaderCell>
              <TableHeaderCell scope="col">Ontmoetingsplek</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {places.data?.locations.map((l) => (
              <TableRow key={l.id}>
                <TableCell>
                  <Link to={`/medewerkers/sociale-kaart/plekken/${l.id}`}>{l.name}</Link>
                </TableCell>
                <TableCell>
                  {l.address}
                  {l.postcode ? `, ${l.postcode}` : ''}
                </TableCell>
                <TableCell>{l.areaCode ? (wijkNames[l.areaCode] ?? l.areaCode) : '–'}</TableCell>
                <TableCell>{formatPosition(l)}</TableCell>
                <TableCell>{l.meetingPlace ? 'ja' : 'nee'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
      <Heading2>Plek toevoegen</Heading2>
      <PlaceForm organizations={places.data?.organizations ?? []} />
      <Heading2>Zoekwoorden</Heading2>
      <Paragraph>
        Woorden die inwoners gebruiken maar die niet in de teksten staan, zoals voedselbank of huurachterstand:{' '}
        <Link to="/medewerkers/sociale-kaart/zoekwoorden">Zoekwoorden beheren</Link>.
      </Paragraph>
    </StaffShell>
  );
}
