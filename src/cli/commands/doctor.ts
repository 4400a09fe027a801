import { ollamaUrl } from '../../adapters/ollama/host-url';
import { chromiumInstallHint, findChromium } from '../../adapters/system/chromium';
import { findElectronBinary } from '../../adapters/system/electron-binary';
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
    detail: ok ? `Node ${process.versions.node}` : `Node ${process.versions.node} is too old: install Node 20.19 or newer.`,
  };
}

async function checkOllama(env: NodeJS.ProcessEnv): Promise<Finding> {
  let url: string;
  try {
    url = ollamaUrl(env['OLLAMA_HOST']);
  } catch {
    return { name: 'ollama', ok: false, detail: `OLLAMA_HOST="${env['OLLAMA_HOST']}" is not a host or URL: set it like 127.0.0.1:11434.` };
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
    : { name: 'chromium', ok: false, detail: `No Chromium found (needed by the e2e tests only). ${chromiumInstallHint}` };
}

export async function diagnose(io: Pick<CliIO, 'env' | 'cwd'>): Promise<Finding[]> {
  return [checkNode(), await checkOllama(io.env), checkElectron(io.cwd), checkChromium(io.env)];
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Check this machine: Node, Ollama, the Electron binary and Chromium.',
  usage: 'frontier-sos doctor [--json]',
  async run(args, io) {
    const { values } = parseFlags('doctor', args, { json: { type: 'boolean' } });
    if (values.help) {
      io.out(`${this.usage}\n\n${this.summary}\nExits 0 even when something is missing: each line says what to do.`);
      return 0;
    }
    const findings = await diagnose(io);
    if (values.json) io.out(JSON.stringify({ findings }));
    else for (const f of findings) io.out(`${f.ok ? 'ok  ' : 'miss'}  ${f.name.padEnd(8)}  ${f.detail}`);
    return 0;
  },
};
