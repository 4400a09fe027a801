import { CliError, type Command } from '../io';

/** A command whose issue has not landed yet: it says so plainly instead of pretending. */
export function notImplemented(name: string, summary: string, usage: string, issue: string): Command {
  return {
    name,
    summary,
    usage,
    async run(args, io) {
      if (args.includes('--help') || args.includes('-h')) {
        io.out(`${usage}\n\n${summary}\n\n(not implemented yet: ${issue})`);
        return 0;
      }
      throw new CliError(`frontier-sos ${name}: not implemented yet (${issue}). Run \`frontier-sos --help\` for what works today.`);
    },
  };
}
