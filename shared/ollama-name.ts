/**
 * Model names as Ollama reads them (github.com/ollama/ollama v0.32.15, types/model/name.go
 * `ParseName`, and server/routes.go `getExistingName`), for the simulator and the Ollama adapter
 * alike: `Qwen2.5:7B`, `library/qwen2.5:7b` and `registry.ollama.ai/library/qwen2.5:7b` all
 * name the model `/api/ps` lists as `qwen2.5:7b`.
 */

export interface ModelName {
  host: string;
  namespace: string;
  model: string;
  tag: string;
}

const defaultHost = 'registry.ollama.ai';
const defaultNamespace = 'library';
const defaultTag = 'latest';
/** name.go MissingPart: a part a separator promised but that is empty; it never validates. */
const missing = '!MISSING!';

function cutPromised(s: string, sep: string): [before: string, after: string, found: boolean] {
  const i = s.lastIndexOf(sep);
  if (i < 0) return [s, '', false];
  return [s.slice(0, i) || missing, s.slice(i + sep.length) || missing, true];
}

/**
 * modelref.ParseRef: surrounding space is trimmed and an explicit `:local` source suffix dropped
 * (`:cloud` names a cloud model, which the caller treats as another name).
 */
function stripSource(raw: string): string {
  const trimmed = raw.trim();
  const i = trimmed.lastIndexOf(':');
  if (
    i >= 0 &&
    trimmed
      .slice(i + 1)
      .trim()
      .toLowerCase() === 'local'
  )
    return trimmed.slice(0, i);
  return trimmed;
}

/** ParseName: ParseNameBare merged with the default host, namespace and tag. */
export function parseModelName(raw: string): ModelName {
  let s = stripSource(raw);
  let tag = '';
  // "/" is not a tag character, so a ":" after the last "/" starts the tag.
  if (s.lastIndexOf(':') > s.lastIndexOf('/')) [s, tag] = cutPromised(s, ':');
  const name: ModelName = { host: '', namespace: '', model: '', tag };
  let promised: boolean;
  [s, name.model, promised] = cutPromised(s, '/');
  if (!promised) name.model = s;
  else {
    [s, name.namespace, promised] = cutPromised(s, '/');
    if (!promised) name.namespace = s;
    else name.host = s.includes('://') ? s.slice(s.indexOf('://') + 3) : s;
  }
  return {
    host: name.host || defaultHost,
    namespace: name.namespace || defaultNamespace,
    model: name.model,
    tag: name.tag || defaultTag,
  };
}

type Kind = 'host' | 'namespace' | 'model' | 'tag';
const alnum = /[A-Za-z0-9_]/;

/** name.go isValidPart. */
function validPart(kind: Kind, s: string): boolean {
  if (s.length < 1 || s.length > (kind === 'host' ? 350 : 80)) return false;
  if (!alnum.test(s[0]!)) return false;
  for (const c of s.slice(1)) {
    if (c === '_' || c === '-') continue;
    if (c === '.') {
      if (kind === 'namespace') return false;
      continue;
    }
    if (c === ':') {
      if (kind !== 'host') return false;
      continue;
    }
    if (!alnum.test(c)) return false;
  }
  return true;
}

/** Name.IsValid: every part present and well formed. */
export function isValidModelName(name: ModelName): boolean {
  return (
    validPart('host', name.host) &&
    validPart('namespace', name.namespace) &&
    validPart('model', name.model) &&
    validPart('tag', name.tag)
  );
}

/** Name.DisplayShortest: what /api/ps and /api/tags call the model (`qwen2.5:7b`, `me/mine:1b`). */
export function displayShortest(name: ModelName): string {
  const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  let prefix = '';
  if (!eq(name.host, defaultHost)) prefix = `${name.host}/${name.namespace}/`;
  else if (!eq(name.namespace, defaultNamespace)) prefix = `${name.namespace}/`;
  return `${prefix}${name.model}:${name.tag}`;
}

/** Name.EqualFold (what getExistingName does against each installed manifest). */
export function sameModelName(a: string, b: string): boolean {
  const x = parseModelName(a);
  const y = parseModelName(b);
  if (!isValidModelName(x) || !isValidModelName(y)) return false;
  return (['host', 'namespace', 'model', 'tag'] as const).every((k) => x[k].toLowerCase() === y[k].toLowerCase());
}

/** The full name (host/namespace/model:tag): Ollama's Model.Name, used in its capability errors. */
export function fullModelName(name: ModelName): string {
  return `${name.host}/${name.namespace}/${name.model}:${name.tag}`;
}
