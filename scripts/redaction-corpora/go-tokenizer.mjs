/** A tokenizer for Go source, enough for gitleaks' rule files (comments dropped, newlines kept as tokens). */

export function tokenize(source) {
  const tokens = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i + 2) + 2;
      continue;
    }
    if (/\s/.test(c)) {
      if (c === '\n') tokens.push({ t: 'nl' });
      i++;
      continue;
    }
    if (c === '`') {
      const end = source.indexOf('`', i + 1);
      tokens.push({ t: 'str', v: source.slice(i + 1, end).replace(/\r/g, '') });
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let v = '';
      while (source[j] !== '"') {
        if (source[j] === '\\') {
          const e = source[j + 1];
          const simple = {
            n: '\n',
            t: '\t',
            r: '\r',
            '"': '"',
            '\\': '\\',
            "'": "'",
            a: '\x07',
            b: '\b',
            f: '\f',
            v: '\v',
          };
          if (e in simple) {
            v += simple[e];
            j += 2;
          } else if (e === 'x') {
            v += String.fromCharCode(parseInt(source.slice(j + 2, j + 4), 16));
            j += 4;
          } else if (e === 'u') {
            v += String.fromCharCode(parseInt(source.slice(j + 2, j + 6), 16));
            j += 6;
          } else throw new Error(`unsupported Go escape \\${e}`);
        } else v += source[j++];
      }
      tokens.push({ t: 'str', v });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      const end = source.indexOf("'", i + 1);
      tokens.push({ t: 'char', v: source.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 200));
    if (id) {
      tokens.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const num = /^\d+(?:\.\d+)?/.exec(source.slice(i, i + 50));
    if (num) {
      tokens.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const op = /^(?::=|\.\.\.|==|!=|&&|\|\||<=|>=|\+=|[-+*/%(){}[\],.;:=<>!&|^])/.exec(source.slice(i, i + 3));
    if (!op) throw new Error(`unexpected character ${c}`);
    tokens.push({ t: 'op', v: op[0] });
    i += op[0].length;
  }
  return tokens;
}
