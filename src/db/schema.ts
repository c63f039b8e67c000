// Every table of every module, for Drizzle and drizzle-kit. Modules own their tables; this file only gathers them.
export * from '../platform/schema.ts';
