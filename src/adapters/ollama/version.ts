/** Structured outputs with a JSON Schema `format` arrived in Ollama 0.5.0; older servers ignore it. */
export const minimumOllamaVersion = '0.5.0';

function parts(version: string): number[] {
  return version
    .replace(/^v/, '')
    .split(/[.-]/)
    .slice(0, 3)
    .map((p) => Number.parseInt(p, 10) || 0);
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** A build from source reports 0.0.0: we cannot tell its age, so we let it through. */
export function isSupportedVersion(version: string): boolean {
  return version === '0.0.0' || compareVersions(version, minimumOllamaVersion) >= 0;
}
