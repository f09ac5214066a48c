#!/usr/bin/env node
// npm test: the guide's examples in fixtures/valid pass, and every other fixture fails with
// exactly the errors listed in fixtures/expected-errors.json (path + part of the message).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createValidator } from './lib/validator.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures');
const expected = JSON.parse(readFileSync(join(fixtures, 'expected-errors.json'), 'utf8'));
const validator = await createValidator({ profilesDir: resolve(here, '..', '..', 'fhir-profiles') });

let failures = 0;
const fail = (file, message) => {
  failures++;
  process.stdout.write(`FAIL ${file}: ${message}\n`);
};
for (const folder of ['valid', 'invalid', 'guide-as-published']) {
  for (const name of readdirSync(join(fixtures, folder)).filter((f) => f.endsWith('.json')).sort()) {
    const file = `${folder}/${name}`;
    const result = validator.validate(JSON.parse(readFileSync(join(fixtures, file), 'utf8')), 0);
    const wanted = folder === 'valid' ? [] : expected[file];
    if (!wanted) {
      fail(file, 'no expected errors listed in fixtures/expected-errors.json');
      continue;
    }
    const unmatched = [...result.errors];
    for (const w of wanted) {
      const at = unmatched.findIndex((e) => e.path === w.path && e.message.includes(w.message));
      if (at < 0) fail(file, `missing error at ${w.path} containing "${w.message}"`);
      else unmatched.splice(at, 1);
    }
    for (const e of unmatched) fail(file, `unexpected error at ${e.path}: ${e.message}`);
    if (unmatched.length === 0 && result.errors.length === wanted.length) process.stdout.write(`ok   ${file}\n`);
  }
}
process.stdout.write(failures === 0 ? 'all fixtures behave as expected\n' : `${failures} failure(s)\n`);
process.exitCode = failures === 0 ? 0 : 1;
