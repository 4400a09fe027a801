import { createHash } from 'node:crypto';
import { catalogue as memoryCatalogue, type ModelSpec } from '../../shared/memory/index';
import { isValidModelName, parseModelName, sameModelName } from '../../shared/ollama-name';

/**
 * What the simulated Ollama has "pulled": the memory catalogue's models (shapes and sizes from
 * shared/memory), plus what the API reports about them and how fast they run.
 */
export interface InstalledModel {
  spec: ModelSpec;
  /** The manifest's sha256, as /api/tags and /api/ps report it; derived from the name, so stable. */
  digest: string;
  /**
   * The GGUF blob the runner loads (Ollama's Model.ModelPath): `<models>/blobs/sha256-<layer
   * digest>`. The scheduler breaks eviction ties by it (sched.go ByDurationAndName).
   */
  modelPath: string;
  modifiedAt: string;
  capabilities: string[];
  parameterCount: number;
  speed: Speed;
}

/** Tokens per second on the simulated machine. */
export interface Speed {
  /** Decoding (eval). */
  generate: number;
  /** Prompt processing (prompt eval). */
  prompt: number;
}

/**
 * Assumed speeds on an M4 Pro (20-core GPU, 273 GB/s) with Q4_K_M weights. Decoding is bound by
 * memory bandwidth over the bytes read per token, so it falls with the active parameter count;
 * prompt processing is compute-bound and roughly ten times faster. These are round figures from
 * public llama.cpp/Ollama reports, not measurements: override them per model with `speeds`.
 */
const assumedSpeeds: Record<string, Speed> = {
  'qwen2.5:7b': { generate: 45, prompt: 500 },
  'qwen2.5-coder:7b': { generate: 45, prompt: 500 },
  'llama3.1:8b': { generate: 42, prompt: 450 },
  'qwen2.5:14b': { generate: 25, prompt: 250 },
  'qwen2.5-coder:14b': { generate: 25, prompt: 250 },
  'qwen2.5:32b': { generate: 12, prompt: 110 },
  'qwen2.5-coder:32b': { generate: 12, prompt: 110 },
  // Mixture of experts: about 13B parameters active per token.
  'mixtral:8x7b': { generate: 22, prompt: 160 },
  // Hybrid attention/Mamba MoE: 52B total, 12B active.
  'jamba-mini:52b': { generate: 15, prompt: 150 },
  'llama3.3:70b': { generate: 6, prompt: 55 },
};

/** "7.6B" → 7.6e9. */
export function parseParameterSize(size: string): number {
  const match = /^([\d.]+)\s*([KMBT])?$/i.exec(size.trim());
  if (!match) return 0;
  const scale = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[(match[2] ?? 'B').toUpperCase() as 'K' | 'M' | 'B' | 'T'];
  return Math.round(Number(match[1]) * scale);
}

/** For a model without an assumed figure: by size, the same bandwidth reasoning. */
export function speedFor(spec: ModelSpec): Speed {
  const known = assumedSpeeds[spec.name];
  if (known) return known;
  const billions = parseParameterSize(spec.parameterSize) / 1e9;
  if (billions <= 10) return { generate: 45, prompt: 500 };
  if (billions <= 20) return { generate: 25, prompt: 250 };
  if (billions <= 40) return { generate: 12, prompt: 110 };
  return { generate: 6, prompt: 55 };
}

export function digestOf(name: string): string {
  return createHash('sha256').update(`frontier-sos-sim:${name}`).digest('hex');
}

/** Where a pulled model's weights live: OLLAMA_MODELS (default ~/.ollama/models) on a simulated Mac. */
export const simulatedModelsDir = '/Users/sim/.ollama/models';

/**
 * The model layer's blob path. Its digest is not the manifest's (a manifest lists several layers:
 * weights, template, params), so it is derived separately, and deterministically, from the name.
 */
export function blobPathOf(name: string): string {
  const layer = createHash('sha256').update(`frontier-sos-sim:model-layer:${name}`).digest('hex');
  return `${simulatedModelsDir}/blobs/sha256-${layer}`;
}

function capabilitiesOf(spec: ModelSpec): string[] {
  const caps = ['completion'];
  if (/^(qwen2\.5|llama3\.[13]|mixtral|jamba)/.test(spec.name)) caps.push('tools');
  if (spec.name.includes('coder')) caps.push('insert');
  return caps;
}

/** Pulled a day apart, newest first in catalogue order, before the simulator's fixed epoch. */
const pulledBefore = Date.UTC(2025, 11, 1);

export function installedModels(
  specs: readonly ModelSpec[] = memoryCatalogue,
  speeds: Record<string, Speed> = {},
): InstalledModel[] {
  return specs.map((spec, i) => ({
    spec,
    digest: digestOf(spec.name),
    modelPath: blobPathOf(spec.name),
    modifiedAt: new Date(pulledBefore - i * 86_400_000).toISOString(),
    capabilities: capabilitiesOf(spec),
    parameterCount: parseParameterSize(spec.parameterSize),
    speed: speeds[spec.name] ?? speedFor(spec),
  }));
}

/**
 * The installed model a request names, matched as Ollama matches it (parseAndValidateModelRef,
 * then getExistingName's case-insensitive comparison of host, namespace, model and tag).
 */
export function findInstalled(models: readonly InstalledModel[], name: string): InstalledModel | undefined {
  return models.find((m) => sameModelName(m.spec.name, name));
}

/** Whether Ollama would even look the name up: an empty or malformed one is refused first. */
export function nameProblem(name: string): 'required' | 'invalid' | null {
  if (name.trim() === '') return 'required';
  return isValidModelName(parseModelName(name)) ? null : 'invalid';
}
