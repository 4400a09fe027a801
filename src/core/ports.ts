/**
 * The ports the core is given. The core never reaches Ollama, the network, the file system or
 * Electron itself: hosts hand it these, and tests hand it fakes (architecture.md, "Ports").
 * Later issues widen each port; the shapes here are the stable minimum every host must provide.
 */

/** A model as the model host reports it loaded (Ollama's /api/ps is the only truth of residency). */
export interface LoadedModel {
  name: string;
  sizeBytes: number;
  expiresAt: string | null;
  /** The context length the model was loaded with, where the host reports it. */
  contextLength?: number;
}

/** A model installed on the host (Ollama's /api/tags). */
export interface InstalledModel {
  name: string;
  sizeBytes: number;
  digest: string;
  family: string;
  parameterSize: string;
  quantization: string;
}

/** The metadata memory estimates need (Ollama's /api/show `model_info`). */
export interface ModelDetails {
  name: string;
  architecture: string;
  blockCount: number | null;
  embeddingLength: number | null;
  headCount: number | null;
  headCountKv: number | null;
  contextLength: number | null;
  parameterCount: number | null;
}

/** How a role's model runs. Sent with every request so the host never reloads by surprise. */
export interface RunOptions {
  numCtx: number;
  /** Seconds, a Go duration ("10m"), negative for forever. */
  keepAlive?: number | string;
}

export interface LoadProgress {
  model: string;
  bytesExpected: number;
  elapsedMs: number;
  /** From the measured (or assumed) load speed; null until there is a basis for it. */
  estimatedRemainingMs: number | null;
}

export interface LoadResult {
  model: string;
  loadDurationMs: number;
  totalDurationMs: number;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  options: RunOptions;
  /** "json" or a JSON Schema the answer must follow. */
  format?: 'json' | Record<string, unknown>;
  signal?: AbortSignal;
  /** Called with each streamed piece of the answer. */
  onToken?: (text: string) => void;
}

export interface ChatResult {
  content: string;
  doneReason: string | null;
  promptTokens: number;
  outputTokens: number;
  totalDurationMs: number;
  loadDurationMs: number;
}

export interface ModelHost {
  /** The host's version; the first call, and the cheapest check that it is up. */
  version(): Promise<string>;
  listInstalled(): Promise<InstalledModel[]>;
  listLoaded(): Promise<LoadedModel[]>;
  show(model: string): Promise<ModelDetails>;
  /** Loads without generating; progress is reported while the host works. */
  load(model: string, options: RunOptions, onProgress?: (p: LoadProgress) => void): Promise<LoadResult>;
  /** Unloads and returns only once the host no longer lists the model as loaded. */
  unload(model: string, options?: { timeoutMs?: number }): Promise<void>;
  chat(request: ChatRequest): Promise<ChatResult>;
}

export interface FrontierClient {
  readonly provider: 'openai' | 'anthropic';
}

/** Atomic file access under the workspace root; paths are workspace-relative. */
export interface Workspace {
  readonly root: string;
  readText(path: string): Promise<string | null>;
  writeTextAtomic(path: string, text: string): Promise<void>;
  appendLine(path: string, line: string): Promise<void>;
}

export interface MemoryReading {
  totalBytes: number;
  freeBytes: number;
  budgetBytes: number;
}

export interface MemoryProbe {
  read(): Promise<MemoryReading>;
}

export type ApprovalDecision = 'approve' | 'deny' | 'expired';

export interface ApprovalRequest {
  id: string;
  kind: 'planner' | 'frontier';
  message: string;
}

export interface Approvals {
  ask(request: ApprovalRequest): Promise<ApprovalDecision>;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface Secrets {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  has(name: string): Promise<boolean>;
}

export interface Ports {
  modelHost: ModelHost;
  frontier: FrontierClient[];
  workspace: Workspace;
  memory: MemoryProbe;
  approvals: Approvals;
  clock: Clock;
  secrets: Secrets;
}
