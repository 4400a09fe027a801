import { resolve } from 'node:path';
import { ollamaUrl } from '../../adapters/ollama/host-url';
import { startHttpHost } from '../../server/http-host';
import { composeCore } from '../../compose/core';
import { parseFlags, parsePort } from '../args';
import { CliError, type Command } from '../io';

/** out/renderer beside the built CLI (out/cli/index.mjs), or null when run from source. */
export function builtDashboardDir(): string | null {
  return import.meta.url.includes('/out/cli/') ? new URL('../renderer/', import.meta.url).pathname : null;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the dashboard and the HTTP API on 127.0.0.1, protected by a per-run token.',
  usage: 'frontier-sos serve [--port N] [--sim [--time-scale F]] [--ollama URL] [--workspace DIR]',
  async run(args, io) {
    const { values } = parseFlags('serve', args, {
      port: { type: 'string' },
      sim: { type: 'boolean' },
      'time-scale': { type: 'string' },
      ollama: { type: 'string' },
      workspace: { type: 'string' },
    });
    if (values.help) {
      io.out(`${this.usage}\n\n${this.summary}\nPrints "dashboard: http://127.0.0.1:N/?token=T" when ready; Ctrl-C stops it.`);
      return 0;
    }
    if (values.sim || values['time-scale']) {
      throw new CliError('frontier-sos serve: --sim is not implemented yet (it arrives with the simulator). Point --ollama at a running Ollama instead.');
    }
    const port = parsePort('serve', values.port);
    const { core } = composeCore({
      ollamaUrl: ollamaUrl(values.ollama ?? io.env['OLLAMA_HOST']),
      workspaceDir: resolve(io.cwd, values.workspace ?? '.'),
    });
    const host = await startHttpHost({ handlers: core.handlers, staticDir: builtDashboardDir(), ...(port === undefined ? {} : { port }) });
    io.out(`dashboard: ${host.dashboardUrl}`);
    await io.untilStopped();
    await host.close();
    return 0;
  },
};
