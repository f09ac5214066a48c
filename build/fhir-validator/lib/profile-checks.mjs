// The checks of a snapshot that @medplum/core's validator does not make:
//   - required bindings (medplum collects the codes, it does not check them),
//   - the datatype of choice elements restricted by the profile (value[x] only boolean...),
//   - everything below a slice: cardinality, fixed[x]/pattern[x] and types of a slice's
//     children, and slicings nested in a slice (the sub-extensions of an extension, the
//     act-type extension of a characteristic slice...).
// Elements @medplum/core does check (plain elements, outermost slice counts) are not checked
// again here, so that one problem gives one error.

import { checkBinding, stripVersion } from './terminology.mjs';
import { keptForMedplum, splitId } from './snapshot.mjs';

const PRIMITIVES = new Set(['boolean', 'integer', 'string', 'decimal', 'uri', 'url', 'canonical', 'base64Binary',
  'instant', 'date', 'dateTime', 'time', 'code', 'oid', 'id', 'markdown', 'unsignedInt', 'positiveInt', 'uuid', 'xhtml']);

export class CheckedDefinition {
  /** @param sd StructureDefinition with snapshot */
  constructor(sd) {
    this.sd = sd;
    const byId = new Map(sd.snapshot.element.map((e) => [e.id, e]));
    const nodes = new Map();
    const [rootElement, ...rest] = sd.snapshot.element;
    this.root = { ed: rootElement, id: rootElement.id, name: rootElement.id, children: [], slices: [] };
    nodes.set(rootElement.id, this.root);
    for (const ed of rest) {
      const segments = splitId(ed.id);
      const last = segments.at(-1);
      const parentId = segments.slice(0, -1).join('.');
      const name = last.split(':')[0];
      const node = { ed, id: ed.id, name, children: [], slices: [] };
      node.sliceStart = last.includes(':');
      node.inSlice = segments.some((s) => s.includes(':'));
      node.medplum = keptForMedplum(ed.id, byId);
      nodes.set(ed.id, node);
      if (node.sliceStart) nodes.get(`${parentId}.${name}`)?.slices.push(node);
      else nodes.get(parentId)?.children.push(node);
    }
  }
}

/** Whether @medplum/core leaves this element's cardinality and fixed/pattern to us. */
const ours = (node) => node.inSlice && !(node.sliceStart && node.medplum);

export class ProfileChecker {
  constructor({ terminology, extensionDefinition, report, evaluate, coreConstraintKeys }) {
    this.terminology = terminology;
    this.evaluate = evaluate; // (expression, { type, value }) => boolean | undefined
    this.coreConstraintKeys = coreConstraintKeys; // invariants of base R4, which @medplum/core checks
    this.extensionDefinition = extensionDefinition; // url -> CheckedDefinition | undefined
    this.report = report; // (severity, path, message)
    this.covered = new WeakSet(); // extension objects whose content a definition described
    this.unchecked = new Set(); // value sets not available offline
  }

  check(definition, value, path) {
    this.walk(definition.root, { value, elem: value, path }, path);
  }

  walk(node, holder, path) {
    for (const child of node.children) this.element(child, items(holder, child, path), path);
  }

  element(node, list, parentPath) {
    const ed = node.ed;
    if (ours(node)) this.cardinality(ed, list.length, `${parentPath}.${node.name.replace('[x]', '')}`);
    for (const item of list) this.value(node, item);
    if (node.slices.length === 0) {
      for (const item of list) if (node.children.length) this.walk(node, item, item.path);
      return;
    }
    const assigned = list.map((item) => node.slices.find((slice) => this.matches(node, slice, item)));
    for (const slice of node.slices) {
      const members = list.filter((_, i) => assigned[i] === slice);
      if (ours(slice)) this.cardinality(slice.ed, members.length, `${parentPath}.${node.name}`, slice.ed.sliceName);
      const profile = extensionProfile(slice.ed);
      for (const item of members) {
        this.value(slice, item);
        if (profile && this.extensionDefinition(profile) && isObject(item.value)) this.covered.add(item.value);
        this.walk(slice.children.length ? slice : node, item, item.path);
      }
    }
    list.forEach((item, i) => {
      if (!assigned[i] && node.children.length) this.walk(node, item, item.path);
    });
  }

  cardinality(ed, count, path, sliceName) {
    const max = ed.max === '*' ? Infinity : Number(ed.max ?? Infinity);
    const min = ed.min ?? 0;
    if (count < min || count > max) {
      const what = sliceName ? `slice '${sliceName}'` : 'element';
      this.report('error', path, `${what}: expected ${min}..${ed.max ?? '*'}, found ${count}`);
    }
  }

  value(node, item) {
    const ed = node.ed;
    const allowed = (ed.type ?? []).map((t) => t.code);
    if (node.name.endsWith('[x]') && item.type && allowed.length && !allowed.includes(item.type)) {
      this.report('error', item.path, `type ${item.type} is not allowed here (allowed: ${allowed.join(', ')})`);
    }
    if (ours(node)) {
      for (const constraint of ed.constraint ?? []) {
        if (constraint.severity !== 'error' || this.coreConstraintKeys.has(constraint.key) || item.value === undefined) continue;
        const type = item.type ?? (allowed.length === 1 ? allowed[0] : undefined);
        if (this.evaluate(constraint.expression, { type, value: item.value }) === false) {
          this.report('error', item.path, `constraint ${constraint.key} failed: ${constraint.human ?? constraint.expression}`);
        }
      }
      for (const [key, expected] of Object.entries(ed)) {
        if (key.startsWith('fixed') && !deepEqual(item.value, expected)) {
          this.report('error', item.path, `value must be exactly ${JSON.stringify(expected)}`);
        } else if (key.startsWith('pattern') && !deepIncludes(item.value, expected)) {
          this.report('error', item.path, `value must match the pattern ${JSON.stringify(expected)}`);
        }
      }
    }
    const binding = ed.binding;
    if (binding?.strength === 'required' && binding.valueSet && item.value !== undefined) {
      if (!this.terminology.isKnown(binding.valueSet)) {
        this.unchecked.add(stripVersion(binding.valueSet));
        return;
      }
      const type = item.type ?? (allowed.length === 1 ? allowed[0] : undefined);
      const problem = checkBinding(this.terminology, binding.valueSet, type, item.value);
      if (problem) this.report('error', item.path, problem, 'terminology');
    }
  }

  /** Slice membership for value/pattern discriminators (first matching slice wins). */
  matches(base, slice, item) {
    const discriminators = base.ed.slicing?.discriminator ?? [];
    if (discriminators.length === 0) return false;
    return discriminators.every((d) => {
      if (d.type !== 'value' && d.type !== 'pattern') return false;
      const { values, target } = this.resolvePath(d.path, item, slice);
      if (!target) return false;
      const fixed = firstKey(target.ed, 'fixed');
      const pattern = firstKey(target.ed, 'pattern');
      if (fixed !== undefined) return values.some((v) => deepEqual(v, fixed));
      if (pattern !== undefined) return values.some((v) => deepIncludes(v, pattern));
      const binding = target.ed.binding;
      if (binding?.strength === 'required' && this.terminology.isKnown(binding.valueSet)) {
        const type = target.ed.type?.length === 1 ? target.ed.type[0].code : undefined;
        return values.length > 0 && values.some((v) => isMember(this.terminology, binding.valueSet, type, v));
      }
      return false;
    });
  }

  resolvePath(path, item, slice) {
    let values = [item.value];
    let target = slice;
    for (const step of pathSteps(path)) {
      if (step.self) continue;
      if (step.extension) {
        values = values.flatMap((v) => (v?.extension ?? []).filter((e) => e?.url === step.extension));
        const extensionNode = target?.children.find((c) => c.name === 'extension');
        target = extensionNode?.slices.find((s) => firstKey(childNamed(s, 'url')?.ed ?? {}, 'fixed') === step.extension
          || extensionProfile(s.ed) === step.extension);
        continue;
      }
      const name = step.name;
      values = values.flatMap((v) => {
        if (!isObject(v)) return [];
        if (name === 'value') {
          const key = Object.keys(v).find((k) => /^value[A-Z]/.test(k));
          return key ? [v[key]] : [];
        }
        const found = v[name];
        return found === undefined ? [] : Array.isArray(found) ? found : [found];
      });
      target = target?.children.find((c) => c.name === name || c.name === `${name}[x]`);
    }
    return { values, target };
  }
}

function childNamed(node, name) {
  return node.children.find((c) => c.name === name);
}

function pathSteps(path) {
  const steps = [];
  const re = /\$this|extension\((['"]?)(.*?)\1\)|[A-Za-z][A-Za-z0-9_]*/g;
  for (const match of path.matchAll(re)) {
    if (match[0] === '$this') steps.push({ self: true });
    else if (match[0].startsWith('extension(')) steps.push({ extension: match[2] });
    else steps.push({ name: match[0] });
  }
  return steps;
}

function isMember(terminology, valueSet, type, value) {
  if (type === 'CodeableConcept' || (isObject(value) && Array.isArray(value.coding))) {
    return (value.coding ?? []).some((c) => terminology.member(valueSet, c.system, c.code) === 'yes');
  }
  if (isObject(value)) return terminology.member(valueSet, value.system, value.code) === 'yes';
  return terminology.member(valueSet, undefined, value) === 'yes';
}

export function extensionProfile(ed) {
  const types = ed?.type ?? [];
  return types.length === 1 && types[0].code === 'Extension' && types[0].profile?.length ? stripVersion(types[0].profile[0]) : undefined;
}

function firstKey(ed, prefix) {
  const key = Object.keys(ed).find((k) => k.startsWith(prefix) && /^[A-Z]/.test(k.slice(prefix.length)));
  return key ? ed[key] : undefined;
}

/**
 * The values of one child element in a JSON object: arrays flattened, primitive values paired
 * with their `_name` element (which carries id and extensions), choice elements resolved.
 */
function items(holder, child, parentPath) {
  const object = holder.elem;
  if (!isObject(object)) return [];
  const keys = [];
  if (child.name.endsWith('[x]')) {
    const prefix = child.name.slice(0, -3);
    for (const key of Object.keys(object)) {
      const rest = key.startsWith('_') ? null : key.slice(prefix.length);
      if (key.startsWith(prefix) && rest && /^[A-Z]/.test(rest)) keys.push({ key, type: typeFromSuffix(rest) });
    }
  } else {
    keys.push({ key: child.name });
  }
  const out = [];
  for (const { key, type } of keys) {
    const raw = object[key];
    const shadow = object[`_${key}`];
    if (raw === undefined && shadow === undefined) continue;
    if (Array.isArray(raw) || Array.isArray(shadow)) {
      const length = Math.max(raw?.length ?? 0, shadow?.length ?? 0);
      for (let i = 0; i < length; i++) {
        const value = raw?.[i];
        const elem = isObject(value) ? value : shadow?.[i];
        if ((value === undefined || value === null) && !elem) continue;
        out.push({ value, elem, type, path: `${parentPath}.${key}[${i}]` });
      }
    } else {
      out.push({ value: raw, elem: isObject(raw) ? raw : shadow, type, path: `${parentPath}.${key}` });
    }
  }
  return out;
}

function typeFromSuffix(suffix) {
  const lowered = suffix[0].toLowerCase() + suffix.slice(1);
  return PRIMITIVES.has(lowered) ? lowered : suffix;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

export function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** FHIR pattern semantics: everything in the pattern is present in the value. */
export function deepIncludes(value, pattern) {
  if (Array.isArray(pattern)) {
    return Array.isArray(value) && pattern.every((p) => value.some((v) => deepIncludes(v, p)));
  }
  if (isObject(pattern)) {
    return isObject(value) && Object.entries(pattern).every(([k, p]) => value[k] !== undefined && deepIncludes(value[k], p));
  }
  return value === pattern;
}
