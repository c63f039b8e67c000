// The Open Referral HSDS 3.0 objects as rules: per object type its required fields and, per field, the type, the
// format and the allowed values. Written from the spec's schemas (schema/*.json of openreferral/specification,
// branch 3.0), not copied from them. Fields the spec marks as dates (YYYY-MM-DD) and times (HH:MM) get a format too.
export type ObjectType =
  | 'service'
  | 'organization'
  | 'location'
  | 'service_at_location'
  | 'schedule'
  | 'phone'
  | 'address'
  | 'attribute'
  | 'taxonomy'
  | 'taxonomy_term'
  | 'service_area'
  | 'language'
  | 'contact'
  | 'funding'
  | 'cost_option'
  | 'program'
  | 'required_document'
  | 'accessibility'
  | 'organization_identifier'
  | 'metadata';

export type Format = 'uuid' | 'uri' | 'email' | 'date-time' | 'date' | 'time';

export type FieldRule =
  | { type: 'string'; format?: Format; values?: readonly string[] }
  | { type: 'number' }
  | { type: 'object'; of: ObjectType }
  | { type: 'array'; of: ObjectType };

export interface ObjectRule {
  required: readonly string[];
  fields: Record<string, FieldRule>;
}

const text: FieldRule = { type: 'string' };
const uuid: FieldRule = { type: 'string', format: 'uuid' };
const uri: FieldRule = { type: 'string', format: 'uri' };
const email: FieldRule = { type: 'string', format: 'email' };
const date: FieldRule = { type: 'string', format: 'date' };
const time: FieldRule = { type: 'string', format: 'time' };
const number: FieldRule = { type: 'number' };
const many = (of: ObjectType): FieldRule => ({ type: 'array', of });
const one = (of: ObjectType): FieldRule => ({ type: 'object', of });

/** Every object may carry attributes and metadata (change records). */
const common = { attributes: many('attribute'), metadata: many('metadata') };

export const locationTypes = ['physical', 'postal', 'virtual'] as const;
export const serviceStatuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export const hsdsRules: Record<ObjectType, ObjectRule> = {
  service: {
    required: ['id', 'name', 'status'],
    fields: {
      id: uuid,
      organization_id: uuid,
      program_id: uuid,
      name: text,
      alternate_name: text,
      description: text,
      url: uri,
      email,
      status: { type: 'string', values: serviceStatuses },
      interpretation_services: text,
      application_process: text,
      fees_description: text,
      wait_time: text,
      fees: text,
      accreditations: text,
      eligibility_description: text,
      minimum_age: number,
      maximum_age: number,
      assured_date: date,
      assurer_email: email,
      licenses: text,
      alert: text,
      last_modified: { type: 'string', format: 'date-time' },
      phones: many('phone'),
      schedules: many('schedule'),
      service_areas: many('service_area'),
      service_at_locations: many('service_at_location'),
      languages: many('language'),
      organization: one('organization'),
      funding: many('funding'),
      cost_options: many('cost_option'),
      program: one('program'),
      required_documents: many('required_document'),
      contacts: many('contact'),
      ...common,
    },
  },
  organization: {
    required: ['id', 'name', 'description'],
    fields: {
      id: uuid,
      name: text,
      alternate_name: text,
      description: text,
      email,
      website: uri,
      tax_status: text,
      tax_id: text,
      year_incorporated: number,
      legal_status: text,
      logo: text,
      uri,
      parent_organization_id: uuid,
      funding: many('funding'),
      contacts: many('contact'),
      phones: many('phone'),
      locations: many('location'),
      programs: many('program'),
      organization_identifiers: many('organization_identifier'),
      services: many('service'),
      ...common,
    },
  },
  location: {
    required: ['id', 'location_type'],
    fields: {
      id: uuid,
      location_type: { type: 'string', values: locationTypes },
      url: uri,
      organization_id: uuid,
      name: text,
      alternate_name: text,
      description: text,
      transportation: text,
      latitude: number,
      longitude: number,
      external_identifier: text,
      external_identifier_type: text,
      languages: many('language'),
      addresses: many('address'),
      contacts: many('contact'),
      accessibility: many('accessibility'),
      phones: many('phone'),
      schedules: many('schedule'),
      ...common,
    },
  },
  service_at_location: {
    required: ['id'],
    fields: {
      id: uuid,
      service_id: uuid,
      location_id: uuid,
      description: text,
      contacts: many('contact'),
      phones: many('phone'),
      schedules: many('schedule'),
      location: one('location'),
      service: one('service'),
      ...common,
    },
  },
  schedule: {
    required: ['id'],
    fields: {
      id: uuid,
      service_id: uuid,
      location_id: uuid,
      service_at_location_id: uuid,
      valid_from: date,
      valid_to: date,
      dtstart: date,
      timezone: number,
      until: date,
      count: number,
      wkst: { type: 'string', values: weekdays },
      freq: { type: 'string', values: ['WEEKLY', 'MONTHLY'] },
      interval: number,
      byday: text,
      byweekno: text,
      bymonthday: text,
      byyearday: text,
      description: text,
      opens_at: time,
      closes_at: time,
      schedule_link: uri,
      attending_type: text,
      notes: text,
      ...common,
    },
  },
  phone: {
    required: ['id', 'number'],
    fields: {
      id: uuid,
      location_id: uuid,
      service_id: uuid,
      organization_id: uuid,
      contact_id: uuid,
      service_at_location_id: uuid,
      number: text,
      extension: number,
      type: text,
      description: text,
      languages: many('language'),
      ...common,
    },
  },
  address: {
    required: ['id', 'address_1', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
    fields: {
      id: uuid,
      location_id: uuid,
      attention: text,
      address_1: text,
      address_2: text,
      city: text,
      region: text,
      state_province: text,
      postal_code: text,
      country: text,
      address_type: { type: 'string', values: locationTypes },
      ...common,
    },
  },
  attribute: {
    required: ['id'],
    fields: {
      id: uuid,
      link_id: uuid,
      taxonomy_term_id: uuid,
      link_type: text,
      link_entity: text,
      value: text,
      taxonomy_term: one('taxonomy_term'),
      metadata: many('metadata'),
    },
  },
  taxonomy: {
    required: ['id', 'name', 'description'],
    fields: { id: uuid, name: text, description: text, uri, version: text, metadata: many('metadata') },
  },
  taxonomy_term: {
    required: ['id', 'name', 'description'],
    fields: {
      id: uuid,
      code: text,
      name: text,
      description: text,
      parent_id: uuid,
      taxonomy: text,
      taxonomy_detail: one('taxonomy'),
      language: text,
      taxonomy_id: uuid,
      term_uri: uri,
      metadata: many('metadata'),
    },
  },
  service_area: {
    required: ['id'],
    fields: { id: uuid, service_id: uuid, name: text, description: text, extent: text, extent_type: text, uri: text, ...common },
  },
  language: {
    required: ['id'],
    fields: { id: uuid, service_id: uuid, location_id: uuid, phone_id: uuid, name: text, code: text, note: text, ...common },
  },
  contact: {
    required: ['id'],
    fields: {
      id: uuid,
      organization_id: uuid,
      service_id: uuid,
      service_at_location_id: uuid,
      location_id: uuid,
      name: text,
      title: text,
      department: text,
      email,
      phones: many('phone'),
      ...common,
    },
  },
  funding: { required: ['id'], fields: { id: uuid, organization_id: uuid, service_id: uuid, source: text, ...common } },
  cost_option: {
    required: ['id'],
    fields: {
      id: uuid,
      service_id: uuid,
      valid_from: date,
      valid_to: date,
      option: text,
      currency: text,
      amount: number,
      amount_description: text,
      ...common,
    },
  },
  program: {
    required: ['id', 'name', 'description'],
    fields: { id: uuid, organization_id: uuid, name: text, alternate_name: text, description: text, ...common },
  },
  required_document: { required: ['id'], fields: { id: uuid, service_id: uuid, document: text, uri, ...common } },
  accessibility: { required: ['id'], fields: { id: uuid, location_id: uuid, description: text, details: text, url: uri, ...common } },
  organization_identifier: {
    required: ['id', 'identifier_type', 'identifier'],
    fields: { id: uuid, organization_id: uuid, identifier_scheme: text, identifier_type: text, identifier: text, ...common },
  },
  metadata: {
    required: ['id', 'last_action_date', 'last_action_type', 'field_name', 'previous_value', 'replacement_value', 'updated_by'],
    fields: {
      id: uuid,
      resource_id: uuid,
      resource_type: text,
      last_action_date: date,
      last_action_type: text,
      field_name: text,
      previous_value: text,
      replacement_value: text,
      updated_by: text,
    },
  },
};
