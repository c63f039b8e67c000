/**
 * What a module is and what it plugs into the application: the contract between the modules and the registry
 * (`registry.ts`), in a file of its own so that modules never import the registry that imports them.
 */
import type { Command } from 'commander';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { PersonRelation } from '../platform/needToKnow.ts';
import type { CommandIo } from '../io.ts';

export interface CliContext {
  config: () => Config;
  /** Opens (and migrates) the configured database; the command closes it. */
  openDatabase: () => Promise<Database>;
  /** Opens the database, runs `work` and closes it again, also when `work` fails: the one way a command uses it. */
  withDatabase: <T>(work: (db: Database) => Promise<T>) => Promise<T>;
  /**
   * Where the command prints and sets its exit code, and the caller's working directory for file names
   * (`argPath`). Commands never use console, process.stdout or process.exitCode: the server runs the same
   * commands for `vangnet` on its control channel (src/control.ts).
   */
  io: CommandIo;
  /** Every registered module. */
  modules: readonly ModuleDefinition[];
}

/** A background job the server runs on a schedule (retention, reminders). */
export interface Job {
  name: string;
  everyMs: number;
  /** `modules` is every registered module (for a job that reads the others, like insights' refresh). */
  run: (db: Database, config: Config, modules?: readonly ModuleDefinition[]) => Promise<void>;
}

/** A measure a module publishes for `insights`: what, unit, source, owner. */
export interface MeasureDefinition {
  code: string;
  name: string;
  unit: 'count' | 'percent' | 'cents' | 'days';
  description: string;
  owner: string;
}

/**
 * One anonymised figure: a count (or sum) per municipality, optional area (CBS wijk `WK050501` / buurt
 * `BU05050101`) and calendar month (`YYYY-MM`). Never a person, never an id.
 */
export interface MetricValue {
  measure: string;
  municipalityCode: string;
  areaCode: string | null;
  month: string;
  value: number;
  /**
   * For an amount (unit cents): how many distinct persons (or households) the amount comes from, and their
   * largest contributions (largest first, a few at most). insights hides an amount from too few people or one
   * that a few dominate; an amount without them is never shown.
   */
  contributors?: number;
  largest?: number[];
}

/** What a module plugs into the application. Each module's `module.ts` exports one of these. */
/** What a module's routes and pages are registered with. `modules`: every registered module (the registry's list). */
export interface ModuleRouteOptions {
  db: Database;
  config: Config;
  modules: readonly ModuleDefinition[];
}

export interface ModuleDefinition {
  name: string;
  /** Registered under /api/v1; every route declares its `config.access`. */
  routes?: FastifyPluginAsync<ModuleRouteOptions>;
  /** Server-rendered pages for residents, registered at the site root (e.g. /hulp); each declares its `config.access`. */
  pages?: FastifyPluginAsync<ModuleRouteOptions>;
  /** Adds `vangnet <module> ...` commands. */
  commands?: (program: Command, context: CliContext) => void;
  jobs?: Job[];
  /** Demo data for `vangnet seed --demo`, run after the platform's demo organisations and users exist. */
  seedDemo?: (db: Database, config: Config, modules?: readonly ModuleDefinition[]) => Promise<void>;
  /**
   * The lawful relations this module gives an organisation with a resident (its own case, a referral with
   * consent, ...). The person register answers only about persons in one of them (need-to-know).
   */
  personRelations?: PersonRelation[];
  /** Anonymised figures for `insights`, which pulls them; `collect` returns the months in [fromMonth, toMonth]. */
  metrics?: {
    measures: MeasureDefinition[];
    collect: (db: Database, range: { fromMonth: string; toMonth: string }) => Promise<MetricValue[]>;
  };
}
