import type { Command } from 'commander';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
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
}

/** A background job the server runs on a schedule (retention, reminders). */
export interface Job {
  name: string;
  everyMs: number;
  run: (db: Database, config: Config) => Promise<void>;
}

/** What a module plugs into the application. Each module's `module.ts` exports one of these. */
export interface ModuleDefinition {
  name: string;
  /** Registered under /api/v1; every route declares its `config.access`. */
  routes?: FastifyPluginAsync<{ db: Database; config: Config }>;
  /** Adds `vangnet <module> ...` commands. */
  commands?: (program: Command, context: CliContext) => void;
  jobs?: Job[];
  /** Demo data for `vangnet seed --demo`, run after the platform's demo organisations and users exist. */
  seedDemo?: (db: Database, config: Config) => Promise<void>;
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
