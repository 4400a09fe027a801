import { resolve } from 'node:path';
import { ollamaUrl } from '../../adapters/ollama/host-url';
import { EngineSettingsError, ModelSizeError, type Core } from '../../core/index';
import { startHeadless } from '../../compose/headless';
import type { RoleOverrides } from '../../../shared/roles';
import { startHttpHost } from '../../server/http-host';
import { parseFlags, parsePort } from '../args';
import { CliError, type Command } from '../io';

/** out/renderer beside the built CLI (out/cli/index.mjs), or null when run from source. */
export function builtDashboardDir(): string | null {
  return import.meta.url.includes('/out/cli/') ? new URL('../renderer/', import.meta.url).pathname : null;
}

/** What a test-only entry may add to `serve` (tests/helpers/crash-serve.ts); the CLI passes nothing. */
export interface ServeSeams {
  /** Given the core before it replays its journal (HeadlessOptions.beforeStart). */
  beforeStart?: (core: Core) => void;
}

export const serveCommand: Command = createServeCommand();

export function createServeCommand(seams: ServeSeams = {}): Command {
  return {
    name: 'serve',
    summary: 'Serve the dashboard and the HTTP API on 127.0.0.1, protected by a per-run token.',
    usage:
      'frontier-sos serve [--port N] [--sim [--time-scale F]] [--ollama URL] [--workspace DIR] [--router|--coder|--reviewer|--planner MODEL]',
    async run(args, io) {
      const { values } = parseFlags('serve', args, {
        port: { type: 'string' },
        sim: { type: 'boolean' },
        demo: { type: 'boolean' },
        'time-scale': { type: 'string' },
        ollama: { type: 'string' },
        workspace: { type: 'string' },
        router: { type: 'string' },
        coder: { type: 'string' },
        reviewer: { type: 'string' },
        planner: { type: 'string' },
      });
      if (values.help) {
        io.out(
          `${this.usage}\n\n${this.summary}\n  --sim            use the built-in Ollama simulator (demo mode; a "simulated" badge shows everywhere)\n  --time-scale F   with --sim: multiply simulated durations (0.02 makes a 40 s load take 0.8 s)\n  --ollama URL     a real Ollama (default: OLLAMA_HOST or http://127.0.0.1:11434)\n  --workspace DIR  where shared/ and .frontier-sos/ live (default: the current folder)\n  --planner MODEL  (and --router, --coder, --reviewer) the role's Ollama model, over the workspace's\n                   .frontier-sos/settings.json; a model outside the built-in catalogue is sized from Ollama\nPrints "dashboard: http://127.0.0.1:N/?token=T" when ready; Ctrl-C stops it.`,
        );
        return 0;
      }
      const sim = Boolean(values.sim || values.demo);
      if (values['time-scale'] !== undefined && !sim)
        throw new CliError('frontier-sos serve: --time-scale only applies with --sim.');
      const timeScale = values['time-scale'] === undefined ? 1 : Number(values['time-scale']);
      if (!Number.isFinite(timeScale) || timeScale <= 0)
        throw new CliError(`frontier-sos serve: --time-scale must be a number above 0, not "${values['time-scale']}".`);
      const port = parsePort('serve', values.port);
      const roles: RoleOverrides = {};
      for (const role of ['router', 'coder', 'reviewer', 'planner'] as const) {
        const model = values[role]?.trim();
        if (model !== undefined) {
          if (!model) throw new CliError(`frontier-sos serve: --${role} needs a model name, such as qwen2.5:14b.`);
          roles[role] = { model };
        }
      }
      let headless;
      try {
        headless = await startHeadless({
          workspaceDir: resolve(io.cwd, values.workspace ?? '.'),
          ollamaUrl: ollamaUrl(values.ollama ?? io.env['OLLAMA_HOST']),
          ...(sim ? { sim: { timeScale } } : {}),
          roles,
          log: (line) => io.err(line),
          ...(seams.beforeStart ? { beforeStart: seams.beforeStart } : {}),
        });
      } catch (error) {
        if (error instanceof EngineSettingsError || error instanceof ModelSizeError)
          throw new CliError(`frontier-sos serve: ${error.message}`);
        throw error;
      }
      const host = await startHttpHost({
        handlers: headless.handlers,
        staticDir: builtDashboardDir(),
        // The SSE stream forwards what the push pipeline emits, as the desktop's IPC does.
        events: (publish) => headless.pushes.connect(publish),
        log: (line) => io.err(line),
        ...(port === undefined ? {} : { port }),
      });
      if (headless.sim) io.out(`simulator: ${headless.sim.url} (time scale ${timeScale})`);
      io.out(`dashboard: ${host.dashboardUrl}`);
      await io.untilStopped();
      await host.close();
      await headless.close();
      return 0;
    },
  };
}
