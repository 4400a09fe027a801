import { detectMachine } from '../../adapters/memory/machine';
import { createSystemMemoryProbe } from '../../adapters/memory/system-probe';
import { ollamaUrl } from '../../adapters/ollama/host-url';
import {
  createMemoryMonitor,
  readEngineSettings,
  repairJournal,
  systemScheduler,
  withTag,
  type LoadedModel,
  type ModelHost,
} from '../../core/index';
import { profileFor } from '../../../shared/memory/profiles';
import { resolveRoles } from '../../../shared/roles';
import { createFsWorkspace } from '../../adapters/workspace/fs-workspace';
import { chromiumInstallHint, findChromium } from '../../adapters/system/chromium';
import { findElectronBinary } from '../../adapters/system/electron-binary';
import { resolve } from 'node:path';
import { parseFlags } from '../args';
import type { CliIO, Command } from '../io';

export interface Finding {
  name: string;
  ok: boolean;
  detail: string;
}

const minimumNode = [20, 19];

function checkNode(): Finding {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > minimumNode[0]! || (major === minimumNode[0] && minor >= minimumNode[1]!);
  return {
    name: 'node',
    ok,
    detail: ok
      ? `Node ${process.versions.node}`
      : `Node ${process.versions.node} is too old: install Node 20.19 or newer.`,
  };
}

async function checkOllama(env: NodeJS.ProcessEnv): Promise<Finding> {
  let url: string;
  try {
    url = ollamaUrl(env['OLLAMA_HOST']);
  } catch {
    return {
      name: 'ollama',
      ok: false,
      detail: `OLLAMA_HOST="${env['OLLAMA_HOST']}" is not a host or URL: set it like 127.0.0.1:11434.`,
    };
  }
  try {
    const response = await fetch(`${url}/api/version`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json()) as { version?: string };
    if (!response.ok || !body.version) throw new Error(`HTTP ${response.status}`);
    return { name: 'ollama', ok: true, detail: `Ollama ${body.version} answers at ${url}` };
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'no answer within 2 s' : 'not reachable';
    return {
      name: 'ollama',
      ok: false,
      detail: `Ollama is not answering at ${url} (${reason}): start it with \`ollama serve\`, set OLLAMA_HOST, or use the simulator (\`frontier-sos sim\`).`,
    };
  }
}

function checkElectron(cwd: string): Finding {
  const found = findElectronBinary(cwd);
  if (found.binaryPath) return { name: 'electron', ok: true, detail: `Electron binary at ${found.binaryPath}` };
  return {
    name: 'electron',
    ok: false,
    detail: found.packageInstalled
      ? 'The Electron binary is not installed: `npm start` downloads it where it can (macOS); elsewhere the headless dashboard runs instead.'
      : 'The electron package is missing: run `npm ci`.',
  };
}

function checkChromium(env: NodeJS.ProcessEnv): Finding {
  const found = findChromium(env);
  return found.path
    ? { name: 'chromium', ok: true, detail: `Chromium at ${found.path}` }
    : {
        name: 'chromium',
        ok: false,
        detail: `No Chromium found (needed by the e2e tests only). ${chromiumInstallHint}`,
      };
}

/**
 * /api/ps with plain fetch and a 2 s limit, like the version check above. Not the ollama client:
 * it logs to stdout when a server answers with an error body, which would break `doctor --json`.
 */
async function listLoadedOnce(url: string): Promise<LoadedModel[]> {
  const response = await fetch(`${url}/api/ps`, { signal: AbortSignal.timeout(2000) });
  if (!response.ok) throw new Error(`GET /api/ps answered HTTP ${response.status}`);
  const body = (await response.json()) as { models?: Array<{ name: string; size: number; expires_at?: string }> };
  return (body.models ?? []).map((m) => ({ name: m.name, sizeBytes: m.size, expiresAt: m.expires_at ?? null }));
}

const gb = (bytes: number | null) => (bytes === null ? '?' : `${(bytes / 1e9).toFixed(1)} GB`);

/** One sample of the memory monitor, as the dashboard gauge would show it, and the chosen profile. */
async function checkMemory(env: NodeJS.ProcessEnv, ollama: Finding): Promise<Finding> {
  try {
    const machine = await detectMachine();
    const choice = profileFor(machine);
    // Ask Ollama for its loaded models only when it answered the version check: no second wait.
    const host: Pick<ModelHost, 'listLoaded'> = ollama.ok
      ? { listLoaded: () => listLoadedOnce(ollamaUrl(env['OLLAMA_HOST'])) }
      : { listLoaded: () => Promise.reject(new Error('Ollama is not answering')) };
    const monitor = createMemoryMonitor({
      probe: createSystemMemoryProbe(),
      host,
      scheduler: systemScheduler,
      profile: choice.profile,
    });
    const m = await monitor.sampleNow();
    const budgetFrom =
      m.budgetSource === 'iogpu.wired_limit_mb'
        ? 'iogpu.wired_limit_mb'
        : m.budgetSource === 'profile' && choice.matched
          ? `profile ${m.profileId}`
          : '75% of RAM';
    const swap = m.swapTotalBytes ? `${gb(m.swapUsedBytes)} of ${gb(m.swapTotalBytes)}` : 'none';
    const hostProblem = m.problems.find((p) => p.includes('model host'));
    const models = m.modelHostReachable
      ? `${m.models.length} loaded (${gb(m.modelsBytes)})`
      : `unknown (${ollama.ok ? (hostProblem ?? 'no answer') : 'Ollama not answering'})`;
    const detail =
      `${gb(m.totalBytes)} total, ${gb(m.freeBytes)} free, budget ${gb(m.budgetBytes)} (${budgetFrom}), pressure ${m.pressure} (${m.pressureDetail}), swap ${swap}, ` +
      `models ${models}, other apps ${gb(m.otherAppsBytes)}; profile ${choice.profile.id}: ${choice.reason}`;
    const readingProblems = m.problems.filter((p) => !p.includes('model host'));
    if (m.pressure === 'critical')
      return {
        name: 'memory',
        ok: false,
        detail: `${detail}. Memory pressure is critical: close apps before loading models.`,
      };
    return {
      name: 'memory',
      ok: true,
      detail: readingProblems.length ? `${detail} (partial reading: ${readingProblems.join('; ')})` : detail,
    };
  } catch (error) {
    return {
      name: 'memory',
      ok: false,
      detail: `Memory could not be read (${error instanceof Error ? error.message : String(error)}): the memory gauge and the planner fit check will not work here.`,
    };
  }
}

/** Whether Ollama has every role's model (the workspace's settings, else the defaults) pulled. */
async function checkModels(io: Pick<CliIO, 'env' | 'cwd'>, ollama: Finding): Promise<Finding> {
  let roles;
  try {
    roles = resolveRoles((await readEngineSettings(createFsWorkspace(io.cwd))).roles);
  } catch (error) {
    return { name: 'models', ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
  const wanted = [...new Set(Object.values(roles).map((r) => r.model))];
  if (!ollama.ok)
    return {
      name: 'models',
      ok: false,
      detail: `Not checked (Ollama is not answering). The roles want: ${wanted.join(', ')}.`,
    };
  try {
    const response = await fetch(`${ollamaUrl(io.env['OLLAMA_HOST'])}/api/tags`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) throw new Error(`GET /api/tags answered HTTP ${response.status}`);
    const installed = new Set(
      ((await response.json()) as { models?: Array<{ name: string }> }).models?.map((m) => m.name) ?? [],
    );
    const missing = wanted.filter((model) => !installed.has(withTag(model)));
    if (!missing.length)
      return { name: 'models', ok: true, detail: `Every role's model is pulled: ${wanted.join(', ')}.` };
    return {
      name: 'models',
      ok: false,
      detail: `Not pulled: ${missing.join(', ')}. Run ${missing.map((m) => `\`ollama pull ${m}\``).join(', ')} (a GGUF such as the default planner: \`ollama create\`), or choose others in .frontier-sos/settings.json.`,
    };
  } catch (error) {
    return {
      name: 'models',
      ok: false,
      detail: `Ollama's model list could not be read (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
}

export async function diagnose(io: Pick<CliIO, 'env' | 'cwd'>): Promise<Finding[]> {
  const ollama = await checkOllama(io.env);
  return [
    checkNode(),
    ollama,
    checkElectron(io.cwd),
    checkChromium(io.env),
    await checkMemory(io.env, ollama),
    await checkModels(io, ollama),
  ];
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Check this machine: Node, Ollama, the Electron binary, Chromium, memory and the role models.',
  usage: 'frontier-sos doctor [--json] | doctor --repair-journal [--workspace DIR]',
  async run(args, io) {
    const { values } = parseFlags('doctor', args, {
      json: { type: 'boolean' },
      'repair-journal': { type: 'boolean' },
      workspace: { type: 'string' },
    });
    if (values.help) {
      io.out(
        `${this.usage}\n\n${this.summary}\nExits 0 even when something is missing: each line says what to do.\n\n` +
          "--repair-journal  mend the workspace's journal (.frontier-sos/journal.jsonl): keep every valid record,\n" +
          '                  move every other line to .frontier-sos/journal.rejected-<time>.jsonl. Stop the app first.\n' +
          '--workspace DIR   the workspace (default: this folder)',
      );
      return 0;
    }
    if (values['repair-journal']) {
      const root = resolve(io.cwd, values.workspace ?? '.');
      const result = await repairJournal(createFsWorkspace(root), Date.now());
      if (result.movedAside === 0) io.out(`journal: nothing to repair (${result.kept} records, all valid).`);
      else
        io.out(
          `journal: kept ${result.kept} valid records; moved ${result.movedAside} other line${result.movedAside === 1 ? '' : 's'} to ${result.asidePath}.`,
        );
      return 0;
    }
    const findings = await diagnose(io);
    if (values.json) io.out(JSON.stringify({ findings }));
    else for (const f of findings) io.out(`${f.ok ? 'ok  ' : 'miss'}  ${f.name.padEnd(8)}  ${f.detail}`);
    return 0;
  },
};
