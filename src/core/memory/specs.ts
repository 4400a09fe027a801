import { findSpec, type ModelSpec, type SpecLookup } from '../../../shared/memory/index';
import type { RolesConfig } from '../../../shared/roles';
import type { InstalledModel, ModelDetails, ModelHost } from '../ports';

/** Ollama names a model without a tag as `:latest`. */
export const withTag = (model: string) => (model.includes(':') ? model : `${model}:latest`);

/**
 * A model's memory shape from what Ollama says about it: /api/tags for the weights' size, /api/show
 * for the layers and heads. Null when a figure the estimate needs is missing. A hybrid model
 * (attention + recurrent layers) is sized as if every layer kept a KV cache: more than it needs,
 * never less.
 */
export function specFromShow(details: ModelDetails, installed: InstalledModel): ModelSpec | null {
  const { blockCount, embeddingLength, headCount, headCountKv } = details;
  if (!details.architecture || !blockCount || !embeddingLength || !headCount || installed.sizeBytes <= 0) return null;
  return {
    name: installed.name,
    architecture: details.architecture,
    parameterSize: installed.parameterSize,
    quantization: installed.quantization,
    weightsBytes: installed.sizeBytes,
    blockCount,
    embeddingLength,
    headCount,
    headCountKv: headCountKv ?? headCount,
    contextLength: details.contextLength ?? 0,
    // Unknown (0): the estimate then assumes a large vocabulary, never under-sizing the logits.
    vocabSize: details.vocabSize ?? 0,
  };
}

export class ModelSizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelSizeError';
  }
}

/**
 * Sizes for every role's model: the built-in catalogue first, then Ollama for the others. A model
 * that cannot be sized stops the start with what to do, since every swap decision rests on sizes.
 */
export async function resolveSpecs(host: ModelHost, roles: RolesConfig, where: string): Promise<SpecLookup> {
  const found = new Map<string, ModelSpec>();
  const missing = [...new Set(Object.values(roles).map((r) => r.model))].filter((model) => !findSpec(model));
  if (missing.length) {
    let installed: InstalledModel[];
    try {
      installed = await host.listInstalled();
    } catch (error) {
      throw new ModelSizeError(
        `Cannot size ${missing.join(', ')}: ${missing.length > 1 ? 'they are' : 'it is'} not in the built-in catalogue and Ollama at ${where} did not answer (${error instanceof Error ? error.message : String(error)}). Start Ollama, or pick catalogued models (frontier-sos memory --help lists how to check).`,
      );
    }
    for (const model of missing) {
      const role = (Object.keys(roles) as Array<keyof RolesConfig>).find((r) => roles[r].model === model)!;
      const entry = installed.find((m) => m.name === withTag(model));
      if (!entry)
        throw new ModelSizeError(
          `The ${role} model "${model}" is not installed in Ollama at ${where}. Run \`ollama pull ${model}\` (or \`ollama create\` it from a GGUF), or choose another ${role} model.`,
        );
      let details: ModelDetails;
      try {
        details = await host.show(entry.name);
      } catch (error) {
        throw new ModelSizeError(
          `Ollama at ${where} did not describe "${model}" (${error instanceof Error ? error.message : String(error)}). Try again once Ollama answers, or choose another ${role} model.`,
        );
      }
      const spec = specFromShow(details, entry);
      if (!spec)
        throw new ModelSizeError(
          `Ollama does not report the layer and head counts of "${model}" (/api/show model_info), so its memory cannot be estimated. Choose another ${role} model.`,
        );
      found.set(model, spec);
      found.set(entry.name, spec);
    }
  }
  return (model) => findSpec(model) ?? found.get(model);
}
