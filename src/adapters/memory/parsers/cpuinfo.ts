/**
 * The CPU name from Linux /proc/cpuinfo: "model name" on x86, else "Hardware"/"Model" lines that
 * ARM kernels print instead. Null when none is there.
 */
export function parseCpuModel(text: string): string | null {
  for (const key of ['model name', 'Hardware', 'Model']) {
    const match = new RegExp(`^${key}\\s*:\\s*(.+)$`, 'm').exec(text);
    if (match && match[1]!.trim()) return match[1]!.trim();
  }
  return null;
}
