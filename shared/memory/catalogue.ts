/**
 * Models whose shapes we know without asking Ollama: the default roles and a few common
 * alternatives. Figures are what Ollama reports: `weightsBytes` is the GGUF size from /api/tags,
 * the shape fields are the `model_info` keys of /api/show (`<arch>.block_count`, …).
 * Other models are sized from Ollama's /api/tags and /api/show (`specFromShow`, src/core/memory/specs.ts).
 */
export interface ModelSpec {
  name: string;
  /** GGUF architecture, which selects Ollama's compute-graph formula. */
  architecture: string;
  parameterSize: string;
  quantization: string;
  weightsBytes: number;
  blockCount: number;
  embeddingLength: number;
  headCount: number;
  headCountKv: number;
  /** Hybrid (attention + recurrent) models keep a KV cache only on these layers. */
  attentionLayers?: number;
  /** Hybrid models: fixed recurrent state per sequence, in bytes (Ollama keeps it in f32). */
  recurrentStateBytes?: number;
  contextLength: number;
  vocabSize: number;
}

const GB = 1e9;

export const catalogue: readonly ModelSpec[] = [
  {
    name: 'qwen2.5:7b',
    architecture: 'qwen2',
    parameterSize: '7.6B',
    quantization: 'Q4_K_M',
    weightsBytes: 4_683_087_332,
    blockCount: 28,
    embeddingLength: 3584,
    headCount: 28,
    headCountKv: 4,
    contextLength: 32768,
    vocabSize: 152064,
  },
  {
    name: 'qwen2.5:14b',
    architecture: 'qwen2',
    parameterSize: '14.8B',
    quantization: 'Q4_K_M',
    weightsBytes: 8_988_124_069,
    blockCount: 48,
    embeddingLength: 5120,
    headCount: 40,
    headCountKv: 8,
    contextLength: 32768,
    vocabSize: 152064,
  },
  {
    name: 'qwen2.5:32b',
    architecture: 'qwen2',
    parameterSize: '32.8B',
    quantization: 'Q4_K_M',
    weightsBytes: 19_851_336_256,
    blockCount: 64,
    embeddingLength: 5120,
    headCount: 40,
    headCountKv: 8,
    contextLength: 32768,
    vocabSize: 152064,
  },
  {
    name: 'qwen2.5-coder:7b',
    architecture: 'qwen2',
    parameterSize: '7.6B',
    quantization: 'Q4_K_M',
    weightsBytes: 4_683_087_519,
    blockCount: 28,
    embeddingLength: 3584,
    headCount: 28,
    headCountKv: 4,
    contextLength: 32768,
    vocabSize: 152064,
  },
  {
    name: 'qwen2.5-coder:14b',
    architecture: 'qwen2',
    parameterSize: '14.8B',
    quantization: 'Q4_K_M',
    weightsBytes: 8_988_124_389,
    blockCount: 48,
    embeddingLength: 5120,
    headCount: 40,
    headCountKv: 8,
    contextLength: 32768,
    vocabSize: 152064,
  },
  {
    name: 'qwen2.5-coder:32b',
    architecture: 'qwen2',
    parameterSize: '32.8B',
    quantization: 'Q4_K_M',
    weightsBytes: 19_851_349_856,
    blockCount: 64,
    embeddingLength: 5120,
    headCount: 40,
    headCountKv: 8,
    contextLength: 32768,
    vocabSize: 152064,
  },
  {
    name: 'llama3.1:8b',
    architecture: 'llama',
    parameterSize: '8.0B',
    quantization: 'Q4_K_M',
    weightsBytes: 4_920_753_328,
    blockCount: 32,
    embeddingLength: 4096,
    headCount: 32,
    headCountKv: 8,
    contextLength: 131072,
    vocabSize: 128256,
  },
  {
    name: 'llama3.3:70b',
    architecture: 'llama',
    parameterSize: '70.6B',
    quantization: 'Q4_K_M',
    weightsBytes: 42_520_413_916,
    blockCount: 80,
    embeddingLength: 8192,
    headCount: 64,
    headCountKv: 8,
    contextLength: 131072,
    vocabSize: 128256,
  },
  {
    name: 'mixtral:8x7b',
    architecture: 'llama',
    parameterSize: '46.7B',
    quantization: 'Q4_0',
    weightsBytes: 26_442_481_545,
    blockCount: 32,
    embeddingLength: 4096,
    headCount: 32,
    headCountKv: 8,
    contextLength: 32768,
    vocabSize: 32000,
  },
  // The default Planner: a 52B hybrid (Jamba-Mini-1.7 class, 12B active). One layer in eight is
  // attention, so its KV cache is small; the other 28 keep a fixed Mamba state
  // (d_inner 8192, d_state 16, d_conv 4: 155,744 f32 values a layer).
  {
    name: 'jamba-mini:52b',
    architecture: 'jamba',
    parameterSize: '51.6B',
    quantization: 'Q4_K_M',
    weightsBytes: 31 * GB,
    blockCount: 32,
    embeddingLength: 4096,
    headCount: 32,
    headCountKv: 8,
    attentionLayers: 4,
    recurrentStateBytes: 28 * 155_744 * 4,
    contextLength: 262144,
    vocabSize: 65536,
  },
];

export function findSpec(name: string): ModelSpec | undefined {
  const wanted = name.includes(':') ? name : `${name}:latest`;
  return catalogue.find((m) => m.name === wanted || m.name === name);
}
