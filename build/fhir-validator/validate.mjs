#!/usr/bin/env node
// Validates FHIR R4 resources (JSON) against base R4 and the ROR profiles of fhir-profiles/.
//
//   node build/fhir-validator/validate.mjs [options] [file.json ...]
//   cat resources.json | node build/fhir-validator/validate.mjs
//
// A file (or stdin) holds one resource, a JSON array of resources, or a Bundle (its entries).
// Prints one JSON document on stdout; exit code 0 = no errors, 1 = errors, 2 = could not run.
// See README.md for the options and the output format.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createValidator } from './lib/validator.mjs';

const here = dirname(fileURLToPath(import.meta.url));

function usage(message) {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write(`usage: node validate.mjs [--profiles DIR] [--pretty] [--write-snapshots DIR] [file.json ... | -]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { profilesDir: resolve(here, '..', '..', 'fhir-profiles'), pretty: false, files: [], writeSnapshots: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--profiles') options.profilesDir = resolve(argv[++i] ?? usage('--profiles needs a directory'));
    else if (arg === '--pretty') options.pretty = true;
    else if (arg === '--write-snapshots') options.writeSnapshots = resolve(argv[++i] ?? usage('--write-snapshots needs a directory'));
    else if (arg === '--help' || arg === '-h') usage();
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else options.files.push(arg);
  }
  return options;
}

function resourcesOf(json, origin) {
  if (Array.isArray(json)) return json.map((resource) => ({ resource, origin }));
  if (json?.resourceType === 'Bundle') return (json.entry ?? []).map((e) => ({ resource: e.resource, origin }));
  return [{ resource: json, origin }];
}

function readInputs(files) {
  if (files.length === 0 || (files.length === 1 && files[0] === '-')) {
    return resourcesOf(JSON.parse(readFileSync(0, 'utf8')), 'stdin');
  }
  return files.flatMap((file) => resourcesOf(JSON.parse(readFileSync(file, 'utf8')), file));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const validator = await createValidator({ profilesDir: options.profilesDir });
  const loaded = performance.now();

  if (options.writeSnapshots) {
    mkdirSync(options.writeSnapshots, { recursive: true });
    for (const sd of validator.snapshots()) {
      writeFileSync(join(options.writeSnapshots, `${sd.id}.json`), `${JSON.stringify(sd, null, 2)}\n`);
    }
    if (options.files.length === 0) {
      process.stdout.write(`${JSON.stringify({ snapshots: validator.profiles.length, directory: options.writeSnapshots })}\n`);
      return 0;
    }
  }

  let inputs;
  try {
    inputs = readInputs(options.files);
  } catch (e) {
    process.stderr.write(`cannot read the input: ${e.message}\n`);
    return 2;
  }
  const results = inputs.map(({ resource, origin }, index) => ({ ...validator.validate(resource, index), source: origin }));
  const finished = performance.now();
  const errors = results.reduce((n, r) => n + r.errors.length, 0);
  const output = {
    valid: errors === 0,
    summary: {
      resources: results.length,
      invalid: results.filter((r) => !r.valid).length,
      errors,
      warnings: results.reduce((n, r) => n + r.warnings.length, 0),
      loadMs: Math.round(loaded - started),
      validateMs: Math.round(finished - loaded),
    },
    profiles: validator.profiles,
    results,
  };
  process.stdout.write(`${JSON.stringify(output, null, options.pretty ? 2 : 0)}\n`);
  return errors === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`fhir-validator: ${e?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
