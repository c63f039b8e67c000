// Development check: the social map's HSDS output against the official Open Referral HSDS 3.0 JSON schemas.
//
//   git -C <spec-repo> archive 3.0 schema | tar -x -C /tmp/hsds-spec
//   npx tsx scripts/check-hsds-official.ts /tmp/hsds-spec [export.json]
//
// The schemas are read from the checkout given (never copied into this repository). Without an export file the
// script builds the demo map on a scratch embedded database and checks the full export and, where the server has
// them, every page of the HSDS API (/api/v1/hsds/...). It prints each error and the count per source; exit code 1
// when there is any error.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { createTestApp } from '../test/support/app.ts';
import { directoryModule } from '../src/modules/directory/module.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const [specDir, exportFile] = process.argv.slice(2);
if (!specDir) {
  process.stderr.write('Gebruik: tsx scripts/check-hsds-official.ts <map met de HSDS-specificatie> [export.json]\n');
  process.exit(2);
}
const schemaDir = fs.existsSync(path.join(specDir, 'schema')) ? path.join(specDir, 'schema') : specDir;

// The schemas carry documentation keywords of their own (constraints, datapackage_metadata, ...): not strict.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith('.json') && f !== 'openapi.json')) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8')), file);
}
const compiled = (name: string): ValidateFunction => ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, 'compiled', `${name}.json`), 'utf8')));
const single = (name: string): ValidateFunction => ajv.getSchema(`${name}.json`)!;

let total = 0;
function check(label: string, validate: ValidateFunction, objects: unknown[]): void {
  let count = 0;
  objects.forEach((object, i) => {
    if (validate(object)) return;
    for (const e of validate.errors as ErrorObject[]) {
      count++;
      process.stdout.write(`${label}[${i}]${e.instancePath} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}\n`);
    }
  });
  total += count;
  process.stdout.write(`# ${label}: ${objects.length} objects, ${count} errors\n`);
}

type HsdsExport = { organizations: unknown[]; services: unknown[]; locations: unknown[]; taxonomies?: unknown[]; taxonomy_terms?: unknown[] };

async function main(): Promise<void> {
  if (exportFile) {
    const doc = JSON.parse(fs.readFileSync(exportFile, 'utf8')) as HsdsExport;
    checkExport(doc);
  } else {
    const t = await createTestApp();
    try {
      await directoryModule.seedDemo!(t.db, t.config);
      checkExport((await t.app.inject({ url: '/api/v1/directory/hsds' })).json() as HsdsExport);
      const get = async (url: string) => {
        const r = await t.app.inject({ url: `/api/v1/hsds${url}` });
        return r.statusCode === 200 ? (r.json() as { contents?: unknown[] } & Record<string, unknown>) : null;
      };
      const lists: [string, string][] = [
        ['/services?per_page=1000', 'service_list'],
        ['/services?per_page=1000&full=true', 'service'],
        ['/organizations?per_page=1000', 'organization_list'],
        ['/organizations?per_page=1000&full=true', 'organization'],
        ['/service_at_locations?per_page=1000', 'service_at_location_list'],
        ['/service_at_locations?per_page=1000&full=true', 'service_at_location'],
      ];
      for (const [url, schema] of lists) {
        const page = await get(url);
        if (!page) {
          process.stdout.write(`# API ${url}: not served\n`);
          continue;
        }
        check(`API ${url}`, compiled(schema), page.contents ?? []);
        const ids = (page.contents ?? []).map((c) => (c as { id: string }).id);
        const base = url.split('?')[0];
        const one: unknown[] = [];
        for (const id of ids) one.push(await get(`${base}/${id}`));
        check(`API ${base}/{id}`, compiled(base === '/organizations' ? 'organization' : base === '/services' ? 'service' : 'service_at_location'), one);
      }
      for (const [url, schema] of [
        ['/taxonomies?per_page=1000', 'taxonomy'],
        ['/taxonomy_terms?per_page=1000', 'taxonomy_term'],
      ] as const) {
        const page = await get(url);
        if (page) check(`API ${url}`, single(schema), page.contents ?? []);
      }
    } finally {
      await t.close();
    }
  }
  process.stdout.write(`TOTAL ERRORS: ${total}\n`);
  process.exitCode = total ? 1 : 0;
}

function checkExport(doc: HsdsExport): void {
  check('export.services', compiled('service'), doc.services);
  check('export.organizations', compiled('organization'), doc.organizations);
  check('export.locations', single('location'), doc.locations);
  if (doc.taxonomies) check('export.taxonomies', single('taxonomy'), doc.taxonomies);
  if (doc.taxonomy_terms) check('export.taxonomy_terms', single('taxonomy_term'), doc.taxonomy_terms);
}

await main();
