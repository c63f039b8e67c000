import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import spectralCore, { type ISpectralDiagnostic } from '@stoplight/spectral-core';
import { bundleAndLoadRuleset } from '@stoplight/spectral-ruleset-bundler/with-loader';
import spectralParsers from '@stoplight/spectral-parsers';
import spectralRuntime from '@stoplight/spectral-runtime';

const { Document, Spectral } = spectralCore;
const { fetch } = spectralRuntime;

/** The NLGov ruleset of this repository (docs/api-rules.md). */
export const NLGOV_RULESET = path.join(path.dirname(fileURLToPath(import.meta.url)), 'nlgov.spectral.yaml');

export interface Finding {
  rule: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  /** Where in the document, as a JSON path (`paths./api/v1/users.get.responses`). */
  at: string;
  message: string;
}

const severities = ['error', 'warning', 'information', 'hint'] as const;

/** Lints an OpenAPI document (as parsed JSON) with a Spectral ruleset file; every finding, errors first. */
export async function lintOpenApi(document: unknown, rulesetFile = NLGOV_RULESET): Promise<Finding[]> {
  const spectral = new Spectral();
  // The loader reads the ruleset and its functions from disk; `fetch` is only used for a ruleset that extends a URL (ours does not).
  spectral.setRuleset(await bundleAndLoadRuleset(rulesetFile, { fs, fetch }));
  const diagnostics: ISpectralDiagnostic[] = await spectral.run(new Document(JSON.stringify(document, null, 2), spectralParsers.Json, 'openapi.json'));
  return diagnostics
    .map((d) => ({ rule: String(d.code), severity: severities[d.severity] ?? 'hint', at: d.path.join('.'), message: d.message }))
    .sort((a, b) => severities.indexOf(a.severity) - severities.indexOf(b.severity));
}
