import type { Command } from 'commander';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { PersonRelation } from '../platform/needToKnow.ts';
import type { CommandIo } from '../io.ts';
import { directoryModule } from './directory/module.ts';
import { insightsModule } from './insights/module.ts';
import { passModule } from './pass/module.ts';
import { programmeModule } from './programme/module.ts';
import { referralsModule } from './referrals/module.ts';
import { selftestModule } from './selftest/module.ts';
import { signalsModule } from './signals/module.ts';

export interface CliContext {
  config: () => Config;
  /** Opens (and migrates) the configured database; the command closes it. */
  openDatabase: () => Promise<Database>;
  /**
   * Where the command prints and sets its exit code, and the caller's working directory for file names
   * (`argPath`). Commands never use console, process.stdout or process.exitCode: the server runs the same
   * commands for `vangnet` on its control channel (src/control.ts).
   */
  io: CommandIo;
}

/** A background job the server runs on a schedule (retention, reminders). */
export interface Job {
  name: string;
  everyMs: number;
  run: (db: Database, config: Config) => Promise<void>;
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
}

/** What a module plugs into the application. Each module's `module.ts` exports one of these. */
export interface ModuleDefinition {
  name: string;
  /** Registered under /api/v1; every route declares its `config.access`. */
  routes?: FastifyPluginAsync<{ db: Database; config: Config }>;
  /** Server-rendered pages for residents, registered at the site root (e.g. /hulp); each declares its `config.access`. */
  pages?: FastifyPluginAsync<{ db: Database; config: Config }>;
  /** Adds `vangnet <module> ...` commands. */
  commands?: (program: Command, context: CliContext) => void;
  jobs?: Job[];
  /** Demo data for `vangnet seed --demo`, run after the platform's demo organisations and users exist. */
  seedDemo?: (db: Database, config: Config) => Promise<void>;
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

export const modules: ModuleDefinition[] = [
  signalsModule,
  referralsModule,
  selftestModule,
  directoryModule,
  passModule,
  insightsModule,
  programmeModule,
];
