export interface DesktopArgs {
  /** `--demo` / `--sim`: the built-in simulator instead of Ollama. */
  demo: boolean;
  timeScale: number;
  /** `--hidden`: start in the menu bar without opening the window (start at login uses it). */
  hidden: boolean;
  ollama: string | null;
  workspace: string | null;
  problems: string[];
}

/** The flags the desktop app understands; anything else (Electron's own, the app path) is ignored. */
export function parseDesktopArgs(argv: readonly string[]): DesktopArgs {
  const args: DesktopArgs = { demo: false, timeScale: 1, hidden: false, ollama: null, workspace: null, problems: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, null];
    const take = (): string | null => {
      if (inline !== null) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        args.problems.push(`${name} needs a value.`);
        return null;
      }
      i += 1;
      return next;
    };
    if (name === '--demo' || name === '--sim') args.demo = true;
    else if (name === '--hidden') args.hidden = true;
    else if (name === '--time-scale') {
      const raw = take();
      const scale = Number(raw);
      if (raw !== null && Number.isFinite(scale) && scale > 0) args.timeScale = scale;
      else if (raw !== null) args.problems.push(`--time-scale must be a number above 0, not "${raw}".`);
    } else if (name === '--ollama') args.ollama = take();
    else if (name === '--workspace') args.workspace = take();
  }
  return args;
}
