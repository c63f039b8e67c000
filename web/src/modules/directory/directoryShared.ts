import { dordrechtWijken } from '../../../../src/platform/areas.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import type { directoryEntry, directoryLocationRow, directoryOrganizationsResult } from '../../../../src/modules/directory/contract.ts';

/** What the directory's staff pages share: the API's types, the service form's shape and the names of the wijken. */

export type Entry = Json<typeof directoryEntry>;
export type Place = Json<typeof directoryLocationRow>;
export type Organizations = Json<typeof directoryOrganizationsResult>;

export const wijkNames: Record<string, string> = Object.fromEntries(dordrechtWijken.map((w) => [w.code, w.name]));

export type ServiceForm = Pick<Entry, 'name' | 'description' | 'audiences' | 'themes' | 'helpKind' | 'howToApply' | 'active'> & {
  email: string;
  phone: string;
  url: string;
};
export type ServiceBody = ServiceForm & {
  schedules: {
    weekday: number;
    opensAt: string;
    closesAt: string;
    mobile: boolean;
    note: string;
    locationId: string | null;
    validFrom: string | null;
    validUntil: string | null;
  }[];
};

export interface HourRow {
  weekday: number;
  opensAt: string;
  closesAt: string;
  mobile: boolean;
  note: string;
  locationId: string;
  validFrom: string;
  validUntil: string;
}
