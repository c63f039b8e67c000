import { z } from 'zod';
import { id, isoDate, timestamp } from '../../platform/contract.ts';
import {
  actionCodes,
  allConsentScopes,
  referralStates,
  themeCodes,
  type ConsentScope,
  type ReferralAction,
  type ReferralState,
  type ReferralTheme,
} from './labels.ts';

/**
 * What the referrals API (Ketenaanpak) answers: one schema per response. The serializer sends only what these
 * name, so a key that is not here never leaves the server. The labels live beside this file (`labels.ts`).
 */
export * from './labels.ts';

const stateCodes = Object.keys(referralStates) as ReferralState[];
const theme = z.enum(themeCodes as [ReferralTheme, ...ReferralTheme[]]);
const state = z.enum(stateCodes as [ReferralState, ...ReferralState[]]);
const side = z.enum(['sender', 'receiver']);
const labelList = z.record(z.string(), z.string());

/** An organisation as the pages name it. */
export const organisationRef = z.object({ code: z.string(), name: z.string() });

export const codeListsResponse = z.object({
  themes: labelList,
  routes: labelList,
  states: labelList,
  actions: labelList,
  flags: labelList,
  consentScopes: labelList,
  householdRelations: labelList,
});

export const partner = z.object({ id, code: z.string(), name: z.string(), kind: z.string(), municipalities: z.array(z.string()) });
export const partnersResponse = z.array(partner);

export const serviceLevel = z.object({
  theme,
  label: z.string(),
  answerWorkingDays: z.number().int(),
  firstContactWorkingDays: z.number().int(),
  configured: z.boolean(),
});
export const serviceLevelsResponse = z.array(serviceLevel);
export const serviceLevelSaved = z.object({
  municipalityCode: z.string(),
  theme,
  answerWorkingDays: z.number().int(),
  firstContactWorkingDays: z.number().int(),
});

const flag = z.enum(['answer_overdue', 'first_contact_overdue']);

export const workItem = z.object({
  id,
  personId: id,
  residentName: z.string(),
  theme,
  route: z.string(),
  state,
  side,
  from: organisationRef.nullable(),
  to: organisationRef,
  sentAt: timestamp,
  answerDueDate: isoDate,
  firstContactDueDate: isoDate,
  flags: z.array(flag),
  /** True when this organisation holds the resident right now ("niet loslaten"). */
  weAreResponsible: z.boolean(),
});
export const workListResponse = z.object({ today: isoDate, truncated: z.boolean(), incoming: z.array(workItem), outgoing: z.array(workItem) });

export const referralCreated = z.object({ referralId: id, personId: id });
export const intakeCreated = z.object({ intakeId: id, referralId: id });

export const timelineEvent = z.object({
  id,
  referralId: id.nullable(),
  kind: z.string(),
  organisation: organisationRef.nullable(),
  user: z.string().nullable(),
  note: z.string().nullable(),
  occurredAt: timestamp,
});

const householdMember = z.object({ relation: z.string(), name: z.string(), birthDate: isoDate.nullable() });
const residentContact = z.object({
  name: z.string(),
  birthDate: isoDate.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  postcode: z.string().nullable(),
  houseNumber: z.string().nullable(),
});

/** A signal of arrears handed over by the early-signal team: never a BSN or the creditor's own reference. */
export const signalFact = z.object({
  creditorType: z.string(),
  creditorTypeLabel: z.string(),
  amountCents: z.number().int(),
  months: z.number().int().nullable(),
  arisenOn: isoDate.nullable(),
  signalDate: isoDate,
});

export const referralView = z.object({
  id,
  personId: id,
  municipalityCode: z.string(),
  theme,
  themeLabel: z.string(),
  route: z.string(),
  question: z.string().nullable(),
  shared: z.array(z.enum(allConsentScopes as [ConsentScope, ...ConsentScope[]])),
  state,
  side,
  from: organisationRef.nullable(),
  to: organisationRef,
  area: z.string().nullable(),
  declineReason: z.string().nullable(),
  closeReason: z.string().nullable(),
  sentAt: timestamp,
  acceptedAt: timestamp.nullable(),
  firstContactAt: timestamp.nullable(),
  helpInPlaceAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  answerDueDate: isoDate,
  firstContactDueDate: isoDate,
  flags: z.array(flag),
  responsible: side.nullable(),
  actions: z.array(z.object({ action: z.enum(actionCodes as [ReferralAction, ...ReferralAction[]]), reasonRequired: z.boolean() })),
  resident: residentContact,
  household: z.array(householdMember),
  intake: z
    .object({
      route: z.string(),
      profile: z.string().nullable(),
      signals: z.array(signalFact),
      consentText: z.string(),
      createdAt: timestamp,
    })
    .nullable(),
  events: z.array(timelineEvent),
});

export const actionResult = z.object({ state });

export const consentView = z.object({
  id,
  organisation: organisationRef,
  scopes: z.array(z.string()),
  text: z.string(),
  recordedVia: z.string(),
  givenAt: timestamp,
  givenBy: z.string().nullable(),
  withdrawnAt: timestamp.nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawalNote: z.string().nullable(),
});

export const timelineResponse = z.object({
  person: residentContact.extend({ id, municipalityCode: z.string() }),
  household: z.array(householdMember),
  referrals: z.array(
    z.object({
      id,
      theme,
      route: z.string(),
      state,
      from: organisationRef.nullable(),
      to: organisationRef,
      sentAt: timestamp,
      question: z.string().nullable(),
    }),
  ),
  consents: z.array(consentView),
  events: z.array(timelineEvent),
});

/** A consent just recorded. */
export const consentGranted = z.object({
  id,
  personId: id,
  organisationId: id,
  scopes: z.array(z.string()),
  text: z.string(),
  recordedVia: z.string(),
  givenAt: timestamp,
  withdrawnAt: timestamp.nullable(),
});

export const consentWithdrawn = z.object({ id, withdrawnAt: timestamp, closedReferralIds: z.array(id) });
