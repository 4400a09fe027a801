import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  measureOverhead,
  parseTrace,
  policyNames,
  runBench,
  TraceError,
  type Metrics,
  type PolicyName,
} from '../../../bench/harness/index';
import { parseFlags } from '../args';
import { CliError, type Command } from '../io';

const columns: Array<keyof Metrics> = [
  'makespan_ms',
  'swaps',
  'bytes_loaded',
  'busy_unloads',
  'planner_wait_ms_p50',
  'planner_wait_ms_p95',
  'local_wait_ms_p95',
  'approvals_asked',
  'peak_memory_bytes',
  'over_budget_ms',
];

function format(key: keyof Metrics, value: number): string {
  if (key.endsWith('_bytes') || key === 'bytes_loaded') return `${(value / 1e9).toFixed(1)} GB`;
  if (key.includes('_ms')) return `${(value / 1000).toFixed(1)} s`;
  return String(value);
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Replay a workload trace under each scheduling policy and print the metrics.',
  usage:
    'frontier-sos bench --trace FILE [--policy P]... [--seed N] [--floor] [--json] | bench --overhead N [--workspace DIR | --in-memory]',
  async run(args, io) {
    const { values } = parseFlags('bench', args, {
      trace: { type: 'string' },
      policy: { type: 'string', multiple: true },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      floor: { type: 'boolean' },
      overhead: { type: 'string' },
      workspace: { type: 'string' },
      'in-memory': { type: 'boolean' },
      'approval-delay': { type: 'string' },
    });
    if (values.help) {
      io.out(
        `${this.usage}\n\n${this.summary}\nThe trace is JSON Lines: {"at": ms, "id", "route": "local"|"planner"|"frontier", "agent"?: "coder"|"reviewer"|"router", "workMs"}.\nPolicies: ${policyNames.join(', ')} (default: all). The run is on virtual time with the m4pro-64 profile;\nthe simulated user approves each swap after --approval-delay seconds (default 20).\n--floor: also print the fewest bytes ANY policy could load on the trace while keeping the product's\nrules (a lower bound: fewest swaps within 1.5x seed's planner wait p95, each loading the Planner and\nbringing the Coder back); JSON gets a "floor" object beside "policies".\n--overhead N: push N zero-work tasks through the orchestrator (review on, the product's default) and print\ntasks per second. By default through the real file journal (fsync on) in a fresh temporary folder;
--workspace DIR uses that folder instead; --in-memory measures the pure core without file I/O.\nTraces ship in bench/traces/.`,
      );
      return 0;
    }
    if (values.overhead !== undefined) {
      const count = Number(values.overhead);
      if (!Number.isInteger(count) || count < 1)
        throw new CliError(`frontier-sos bench: --overhead must be a whole number above 0, not "${values.overhead}".`);
      if (values.workspace !== undefined && values['in-memory'])
        throw new CliError('frontier-sos bench: --workspace and --in-memory exclude each other; give one or neither.');
      const temporary = values.workspace === undefined && !values['in-memory'];
      const dir = temporary
        ? await mkdtemp(join(tmpdir(), 'frontier-sos-overhead-'))
        : values.workspace !== undefined
          ? resolve(io.cwd, values.workspace)
          : undefined;
      let result;
      try {
        result = await measureOverhead(count, dir ? { workspaceDir: dir } : {});
      } finally {
        if (temporary && dir) await rm(dir, { recursive: true, force: true });
      }
      const where =
        result.path === 'file-journal'
          ? `real file journal, fsync on${temporary ? ', in a temporary folder' : ` in ${dir}`}`
          : 'in memory, no file I/O';
      const journalled = result.journalled
        ? `; the journal holds ${result.journalled.created} created and ${result.journalled.done} done`
        : '';
      io.out(
        values.json
          ? JSON.stringify(result)
          : `${result.tasks} tasks in ${result.seconds.toFixed(2)} s: ${Math.round(result.tasksPerSecond)} tasks/s through the orchestrator (${where}; review ${result.review ? 'on' : 'off'}; zero-latency simulator)${journalled}`,
      );
      return 0;
    }
    if (!values.trace)
      throw new CliError(
        'frontier-sos bench: --trace FILE is required (traces ship in bench/traces/). See `frontier-sos bench --help`.',
      );
    const policies = (values.policy ?? [...policyNames]) as PolicyName[];
    for (const p of policies)
      if (!policyNames.includes(p))
        throw new CliError(`frontier-sos bench: unknown policy "${p}". Policies: ${policyNames.join(', ')}.`);
    const delay = values['approval-delay'] === undefined ? 20 : Number(values['approval-delay']);
    if (!Number.isFinite(delay) || delay < 0)
      throw new CliError(
        `frontier-sos bench: --approval-delay must be seconds ≥ 0, not "${values['approval-delay']}".`,
      );
    const path = resolve(io.cwd, values.trace);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new CliError(
        `frontier-sos bench: cannot read the trace ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      );
    }
    let trace;
    try {
      trace = parseTrace(text, path);
    } catch (error) {
      if (error instanceof TraceError) throw new CliError(`frontier-sos bench: ${error.message}`);
      throw error;
    }
    const result = await runBench(trace, policies, { approvalDelayMs: delay * 1000, floor: values.floor === true });
    if (values.json) {
      io.out(JSON.stringify(result));
      return 0;
    }
    const width = Math.max(...columns.map((c) => c.length));
    io.out(`${''.padEnd(width)}  ${policies.map((p) => p.padStart(15)).join('')}`);
    for (const c of columns)
      io.out(`${c.padEnd(width)}  ${policies.map((p) => format(c, result.policies[p]![c]).padStart(15)).join('')}`);
    const floor = result.floor;
    if (floor) {
      io.out('');
      io.out(
        `floor: ${format('bytes_loaded', floor.bytesLoaded)} (${floor.seedRatio.toFixed(2)}x seed) — no policy keeping the rules loads less: ` +
          `${floor.swaps} swap(s) at least (planner wait p95 within ${format('planner_wait_ms_p95', floor.plannerWaitLimitMs)}), ` +
          `each loading the Planner${floor.reloaded.length ? ` and bringing back ${floor.reloaded.join(' and ')}` : ''} (${format('bytes_loaded', floor.perSwapBytes)}).`,
      );
    }
    return 0;
  },
};
