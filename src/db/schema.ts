// Every table of every module, for Drizzle and drizzle-kit. Modules own their tables; this file only gathers them.
export * from '../platform/schema.ts';
export * from '../modules/signals/schema.ts';
export * from '../modules/referrals/schema.ts';
export * from '../modules/selftest/schema.ts';
export * from '../modules/directory/schema.ts';
export * from '../modules/pass/schema.ts';
export * from '../modules/pass/yearSchema.ts';
export * from '../modules/insights/schema.ts';
export * from '../modules/programme/schema.ts';
export * from '../platform/mail/schema.ts';
