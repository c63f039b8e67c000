import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The project's own schema for the payout files (docs/pass.md, "SEPA file"). */
export const painXsd = new URL('../../src/modules/pass/sepa/pain.001.001.03.vangnet.xsd', import.meta.url).pathname;

export interface XmllintResult {
  valid: boolean;
  /** xmllint's messages (stderr), one a line; empty when the file validates. */
  errors: string[];
}

/**
 * Validates an XML document against an XSD with libxml2's `xmllint --noout --schema` (Debian package
 * libxml2-utils; CI installs it). The document is written to a temporary file first, as xmllint reads files.
 */
export function xmllint(xml: string, xsd: string = painXsd): XmllintResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-xmllint-'));
  const file = path.join(dir, 'document.xml');
  try {
    fs.writeFileSync(file, xml);
    const run = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
    if (run.error) throw new Error(`xmllint could not run (apt-get install libxml2-utils): ${run.error.message}`);
    const errors = run.stderr
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.endsWith(' validates'));
    return { valid: run.status === 0, errors };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
