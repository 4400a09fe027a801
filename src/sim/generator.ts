/**
 * Deterministic answers: plausible text, or JSON that is valid against the request's `format`
 * schema. The same seed, model and input always give the same output.
 */

export type Rng = () => number;

/** FNV-1a over the parts, then mulberry32: small, fast and the same on every platform. */
export function seededRng(...parts: Array<string | number>): Rng {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let state = h || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const between = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

const subjects = [
  'the queue',
  'the scheduler',
  'this module',
  'the cache',
  'the parser',
  'the request handler',
  'the test suite',
  'the memory ledger',
  'the build',
  'the interface',
];
const verbs = [
  'should validate',
  'can reuse',
  'must not block',
  'needs to retry',
  'could batch',
  'should log',
  'can stream',
  'must release',
  'should measure',
  'can defer',
];
const objects = [
  'its inputs',
  'the lock',
  'each token',
  'the snapshot',
  'failed calls',
  'the model weights',
  'the next step',
  'every error',
  'the result',
  'the context',
];
const tails = [
  'before it returns',
  'on every path',
  'without a global',
  'in one place',
  'under load',
  'when the budget is tight',
  'after the swap',
  'with a clear message',
  'in constant memory',
  'behind an interface',
];
const openers = ['First,', 'Then', 'Also,', 'In short,', 'Note that', 'To be safe,', 'Finally,'];

function sentence(rng: Rng): string {
  const body = `${pick(rng, subjects)} ${pick(rng, verbs)} ${pick(rng, objects)} ${pick(rng, tails)}.`;
  return rng() < 0.4 ? `${pick(rng, openers)} ${body}` : body.charAt(0).toUpperCase() + body.slice(1);
}

export type Role = 'router' | 'coder' | 'reviewer' | 'planner';

/** The team role a request speaks to: from its system text, else from the model's name. */
export function detectRole(system: string, model: string): Role | null {
  const said = /\b(router|coder|reviewer|planner)\b/i.exec(system)?.[1];
  if (said) return said.toLowerCase() as Role;
  if (model.includes('coder')) return 'coder';
  return null;
}

export interface TextRequest {
  model: string;
  /** The last user turn (or the prompt). */
  input: string;
  system: string;
}

/** A few sentences, echoing the role and the start of the input; the Coder adds a code block. */
export function generateText(rng: Rng, request: TextRequest): string {
  const role = detectRole(request.system, request.model);
  const topic = request.input.trim().split(/\s+/).slice(0, 8).join(' ');
  const lead = role ? `As the ${role}, ` : '';
  const parts = [`${lead}here is my answer${topic ? ` to "${topic}"` : ''}.`];
  const count = between(rng, 2, 5);
  for (let i = 0; i < count; i++) parts.push(sentence(rng));
  let text = parts.join(' ');
  if (role === 'coder') {
    const name = pick(rng, ['normalise', 'retryOnce', 'parseLine', 'releaseLock', 'measure']);
    text += `\n\n\`\`\`ts\nexport function ${name}(input: string): string {\n  return input.trim();\n}\n\`\`\``;
  }
  return text;
}

/** What `format: "json"` gets: a small object. */
export function generateJsonObject(rng: Rng, request: TextRequest): unknown {
  return { answer: generateText(rng, request).split('\n')[0], confidence: Math.round(rng() * 100) / 100 };
}

type Schema = Record<string, unknown>;
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolveRef(ref: string, root: unknown): unknown {
  if (!ref.startsWith('#')) return {};
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) ? node[key] : undefined;
  }
  return node ?? {};
}

function mergeAllOf(schema: Schema, root: unknown): Schema {
  const parts = (schema['allOf'] as unknown[])
    .map((p) => (isSchema(p) && typeof p['$ref'] === 'string' ? resolveRef(p['$ref'], root) : p))
    .filter(isSchema);
  const merged: Schema = { ...schema };
  delete merged['allOf'];
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' && isSchema(value))
        merged['properties'] = { ...(merged['properties'] as Schema | undefined), ...value };
      else if (key === 'required' && Array.isArray(value))
        merged['required'] = [...((merged['required'] as unknown[] | undefined) ?? []), ...value];
      else if (!(key in merged)) merged[key] = value;
    }
  }
  return merged;
}

function schemaType(schema: Schema): string {
  const type = schema['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') ?? type[0] ?? 'null') as string;
  if (isSchema(schema['properties'])) return 'object';
  if (schema['items'] !== undefined || schema['prefixItems'] !== undefined) return 'array';
  return 'string';
}

function stringFor(rng: Rng, schema: Schema): string {
  switch (schema['format']) {
    case 'date-time':
      return new Date(Date.UTC(2026, 0, 1) + Math.floor(rng() * 365) * 86_400_000).toISOString();
    case 'date':
      return new Date(Date.UTC(2026, 0, 1) + Math.floor(rng() * 365) * 86_400_000).toISOString().slice(0, 10);
    case 'time':
      return `${String(between(rng, 0, 23)).padStart(2, '0')}:${String(between(rng, 0, 59)).padStart(2, '0')}:00Z`;
    case 'email':
      return `${pick(rng, ['ada', 'linus', 'grace', 'ken'])}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${pick(rng, ['docs', 'api', 'tasks'])}/${between(rng, 1, 999)}`;
    case 'uuid': {
      const hex = () => Math.floor(rng() * 16).toString(16);
      const run = (n: number) => Array.from({ length: n }, hex).join('');
      return `${run(8)}-${run(4)}-4${run(3)}-a${run(3)}-${run(12)}`;
    }
  }
  const words = [pick(rng, subjects), pick(rng, objects)]
    .join(' ')
    .split(' ')
    .slice(0, between(rng, 1, 4));
  let text = words.join(' ');
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Number.POSITIVE_INFINITY;
  while (text.length < min) text += ` ${pick(rng, objects)}`;
  return text.slice(0, Math.max(min, Math.min(max, text.length)));
}

function numberFor(rng: Rng, schema: Schema, integer: boolean): number {
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const exMin = num('exclusiveMinimum');
  const exMax = num('exclusiveMaximum');
  let lo = num('minimum') ?? (exMin !== undefined ? exMin + (integer ? 1 : 0.01) : undefined);
  let hi = num('maximum') ?? (exMax !== undefined ? exMax - (integer ? 1 : 0.01) : undefined);
  if (lo === undefined) lo = hi !== undefined ? Math.min(0, hi) : 0;
  if (hi === undefined || hi - lo > 100) hi = Math.max(lo, Math.min(hi ?? lo + 100, lo + 100));
  if (integer) {
    lo = Math.ceil(lo);
    hi = Math.floor(hi);
  }
  const step = num('multipleOf');
  if (step !== undefined && step > 0) {
    const first = Math.ceil(lo / step);
    const last = Math.floor(hi / step);
    return Number((between(rng, first, Math.max(first, last)) * step).toFixed(10));
  }
  return integer ? between(rng, lo, Math.max(lo, hi)) : Math.round((lo + rng() * (hi - lo)) * 100) / 100;
}

/**
 * A value valid against `schema` for the common JSON Schema features: type (or a list of types),
 * properties/required, enum, const, items/prefixItems, minItems/maxItems, uniqueItems,
 * min/max(Length), (exclusive)minimum/maximum, multipleOf, string formats, anyOf/oneOf (first
 * branch), allOf, and local $ref (#/$defs/…, #/definitions/…). `pattern` is not honoured.
 */
export function schemaInstance(rng: Rng, schema: unknown, root: unknown = schema, depth = 0): unknown {
  if (schema === true || schema === undefined) return 'value';
  if (!isSchema(schema)) return null;
  if (typeof schema['$ref'] === 'string') return schemaInstance(rng, resolveRef(schema['$ref'], root), root, depth + 1);
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return pick(rng, schema['enum']);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const branch = branches.find((b) => !(isSchema(b) && b['type'] === 'null')) ?? branches[0];
      return schemaInstance(rng, { ...schema, [key]: undefined, ...(isSchema(branch) ? branch : {}) }, root, depth + 1);
    }
  }
  if (Array.isArray(schema['allOf'])) return schemaInstance(rng, mergeAllOf(schema, root), root, depth + 1);
  switch (schemaType(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = isSchema(schema['properties']) ? schema['properties'] : {};
      const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
      for (const [key, sub] of Object.entries(properties)) {
        if (required.has(key) || (depth < 6 && rng() < 0.7)) out[key] = schemaInstance(rng, sub, root, depth + 1);
      }
      for (const key of required) if (!(key in out)) out[key] = 'value';
      return out;
    }
    case 'array': {
      const prefix = Array.isArray(schema['prefixItems']) ? (schema['prefixItems'] as unknown[]) : [];
      const min = Math.max(typeof schema['minItems'] === 'number' ? schema['minItems'] : 0, prefix.length);
      const max = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : Math.max(min, 3);
      const count =
        depth >= 6 ? min : between(rng, Math.max(min, Math.min(1, max)), Math.max(min, Math.min(max, min + 3)));
      const items: unknown[] = [];
      const seen = new Set<string>();
      for (let i = 0, tries = 0; items.length < count && tries < count * 20; tries++) {
        const sub = i < prefix.length ? prefix[i] : schema['items'];
        const value = schemaInstance(rng, sub, root, depth + 1);
        if (schema['uniqueItems'] === true) {
          const key = JSON.stringify(value);
          if (seen.has(key)) continue;
          seen.add(key);
        }
        items.push(value);
        i++;
      }
      return items;
    }
    case 'string':
      return stringFor(rng, schema);
    case 'integer':
      return numberFor(rng, schema, true);
    case 'number':
      return numberFor(rng, schema, false);
    case 'boolean':
      return rng() < 0.5;
    case 'null':
      return null;
    default:
      return 'value';
  }
}
