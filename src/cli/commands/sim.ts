import { resolve } from 'node:path';
import { profiles } from '../../../shared/memory/index';
import { faultSchema } from '../../sim/faults';
import { optionsFromEnv, resolveProfile, startSimulator, type Simulator } from '../../sim/index';
import { loadScriptFile, type ScriptRule } from '../../sim/script';
import { parseFlags, parsePort } from '../args';
import { CliError, type Command } from '../io';

const help = `Serves an Ollama-compatible API backed by a simulated Mac: the model catalogue with real
sizes, a unified-memory ledger against the profile's GPU budget, load time = bytes / bandwidth,
keep_alive timers and Ollama's eviction rule, streaming NDJSON and Ollama's error shapes.

  --port N          port on 127.0.0.1 (default 11434; 0 picks a free one)
  --profile ID      machine profile: ${profiles.map((p) => p.id).join(', ')} (default m4pro-64)
  --time-scale F    multiply every simulated duration by F (0.02: a 40 s load takes 0.8 s)
  --seed N          seed of the generated answers (default 0)
  --script FILE     scripted answers, JSON or JSON Lines:
                    {"model": "qwen2.5-coder:32b", "match": "regex", "response": "text or JSON"}
  --admin           also serve the admin API under /__sim/ (state, faults, script rules), for
                    tests; only to requests addressed to 127.0.0.1. Off by default.

Reads OLLAMA_MAX_LOADED_MODELS, OLLAMA_KEEP_ALIVE, OLLAMA_MAX_QUEUE, OLLAMA_NUM_PARALLEL,
OLLAMA_CONTEXT_LENGTH and OLLAMA_LOAD_TIMEOUT as Ollama does. Serves Ollama's API and its
OpenAI-compatible /v1 routes. Prints "listening on http://127.0.0.1:N" when ready;
Ctrl-C stops it.`;

function number(
  flag: string,
  value: string | undefined,
  check: (n: number) => boolean,
  what: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n))
    throw new CliError(`frontier-sos sim: ${flag} must be ${what}, not "${value}".`);
  return n;
}

export const simCommand: Command = {
  name: 'sim',
  summary: 'Serve an Ollama-compatible simulator of the reference Mac.',
  usage: 'frontier-sos sim [--port N] [--profile m4pro-64] [--time-scale F] [--seed N] [--script FILE] [--admin]',
  async run(args, io) {
    const { values } = parseFlags('sim', args, {
      port: { type: 'string' },
      profile: { type: 'string' },
      'time-scale': { type: 'string' },
      seed: { type: 'string' },
      script: { type: 'string' },
      admin: { type: 'boolean' },
      // For tests that run the simulator as a process; not in the help on purpose.
      fault: { type: 'string', multiple: true },
    });
    if (values.help) {
      io.out(`${this.usage}\n\n${help}`);
      return 0;
    }
    const port = parsePort('sim', values.port) ?? 11434;
    const timeScale = number('--time-scale', values['time-scale'], (n) => n > 0, 'a number above 0');
    const seed = number('--seed', values.seed, Number.isInteger, 'a whole number');
    let profile;
    try {
      profile = resolveProfile(values.profile);
    } catch (error) {
      throw new CliError(`frontier-sos sim: ${(error as Error).message}`);
    }
    const faults = (values.fault ?? []).map((text) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new CliError(`frontier-sos sim: --fault must be a JSON object, not ${JSON.stringify(text)}.`);
      }
      const parsed = faultSchema.safeParse(value);
      if (!parsed.success)
        throw new CliError(
          `frontier-sos sim: --fault ${text}: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
        );
      return parsed.data;
    });

    let script: ScriptRule[] | undefined;
    if (values.script !== undefined) {
      try {
        script = loadScriptFile(resolve(io.cwd, values.script));
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT')
          throw new CliError(`frontier-sos sim: the script file ${values.script} does not exist.`);
        throw new CliError(`frontier-sos sim: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    let sim: Simulator;
    try {
      sim = await startSimulator({
        ...optionsFromEnv(io.env),
        port,
        profile,
        ...(timeScale === undefined ? {} : { timeScale }),
        ...(seed === undefined ? {} : { seed }),
        ...(script === undefined ? {} : { script }),
        admin: values.admin ?? false,
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EADDRINUSE') {
        throw new CliError(
          `frontier-sos sim: port ${port} on 127.0.0.1 is in use (is Ollama running?). Pass --port 0 for a free port, or another --port.`,
          1,
        );
      }
      throw new CliError(`frontier-sos sim: ${error instanceof Error ? error.message : String(error)}`, 1);
    }
    for (const fault of faults) sim.faults.inject(fault);
    io.out(`listening on ${sim.url}`);
    await io.untilStopped();
    await sim.close();
    return 0;
  },
};
