/**
 * A seeded PRNG (mulberry32) and a generator of strings matching a (reggen-style) regex: the stand-in
 * for gitleaks' secrets.NewSecret(regex). One PRNG state for the whole run, so the draws (and thus the
 * generated samples) depend on the order in which the samples are evaluated.
 */

let seed = 0x5eed_1e4c;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];
const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const classes = {
  d: [...'0123456789'],
  w: [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'],
  s: [' ', '\t'],
};

/** Parses a regex (the subset gitleaks passes to NewSecret) into a tree, then draws from it. */
export function generate(regex) {
  let i = 0;
  const src = regex;
  function parseAlt() {
    const branches = [parseSeq()];
    while (src[i] === '|') {
      i++;
      branches.push(parseSeq());
    }
    return { alt: branches };
  }
  function parseSeq() {
    const items = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      let atom = parseAtom();
      if (atom === null) continue;
      atom = parseQuant(atom);
      items.push(atom);
    }
    return { seq: items };
  }
  function parseQuant(atom) {
    const c = src[i];
    if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(src.slice(i));
      if (m) {
        i += m[0].length;
        const min = Number(m[1]);
        const max = m[2] ? (m[3] ? Number(m[3]) : min + 1) : min;
        return { rep: atom, min, max };
      }
    }
    if (c === '?') return (i++, { rep: atom, min: 0, max: 1 });
    if (c === '*') return (i++, { rep: atom, min: 0, max: 1 }); // reggen's limit 1
    if (c === '+') return (i++, { rep: atom, min: 1, max: 2 });
    return atom;
  }
  function escape() {
    const c = src[i++];
    if (c in classes) return classes[c];
    if (c === 'x') {
      const hex = src.slice(i, i + 2);
      i += 2;
      return [String.fromCharCode(parseInt(hex, 16))];
    }
    if (c === 'n') return ['\n'];
    if (c === 't') return ['\t'];
    return [c];
  }
  function parseClass() {
    // at "[" already consumed
    let negate = false;
    if (src[i] === '^') {
      negate = true;
      i++;
    }
    const chars = new Set();
    let first = true;
    while (i < src.length && (src[i] !== ']' || first)) {
      first = false;
      let set;
      if (src[i] === '\\') {
        i++;
        set = escape();
      } else set = [src[i++]];
      if (set.length === 1 && src[i] === '-' && src[i + 1] !== ']' && src[i + 1] !== undefined) {
        i++;
        let to;
        if (src[i] === '\\') {
          i++;
          to = escape()[0];
        } else to = src[i++];
        for (let code = set[0].charCodeAt(0); code <= to.charCodeAt(0); code++) chars.add(String.fromCharCode(code));
      } else for (const ch of set) chars.add(ch);
    }
    i++; // ]
    return { chars: negate ? printable.filter((ch) => !chars.has(ch)) : [...chars] };
  }
  function parseAtom() {
    const c = src[i];
    if (c === '(') {
      i++;
      if (src[i] === '?') {
        const m = /^\?(?:[a-zA-Z-]*:|P?<[^>]+>|[a-zA-Z-]*\))/.exec(src.slice(i));
        if (!m) throw new Error(`regex group not supported: ${src}`);
        i += m[0].length;
        if (m[0].endsWith(')')) return null; // (?i): flags only
      }
      const inner = parseAlt();
      i++; // )
      return inner;
    }
    if (c === '[') {
      i++;
      return parseClass();
    }
    if (c === '\\') {
      i++;
      if (src[i] === 'b' || src[i] === 'B' || src[i] === 'A' || src[i] === 'z') return (i++, null);
      return { chars: escape() };
    }
    if (c === '^' || c === '$') return (i++, null);
    if (c === '.') return (i++, { chars: printable });
    i++;
    return { chars: [c] };
  }
  const tree = parseAlt();
  if (i !== src.length) throw new Error(`regex not fully parsed: ${src}`);
  function draw(node) {
    if (node.alt) return draw(pick(node.alt));
    if (node.seq) return node.seq.map(draw).join('');
    if (node.rep) {
      const n = node.min + Math.floor(random() * (node.max - node.min + 1));
      let out = '';
      for (let k = 0; k < n; k++) out += draw(node.rep);
      return out;
    }
    return pick(node.chars);
  }
  return draw(tree);
}
