/**
 * The ports the core is given. The core never reaches Ollama, the network, the file system or
 * Electron itself: hosts hand it these, and tests hand it fakes (docs/architecture.md, "Ports").
 * Later issues widen each port; the shapes here are the stable minimum every host must provide.
 */

import type { EngineMessage } from '../../shared/engine-message';

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
  /** `<arch>.vocab_size` when the GGUF has it: the logits buffer llama-server reserves grows with it. */
  vocabSize: number | null;
}

/** How a role's model runs. Sent with every request so the host never reloads by surprise. */
export interface RunOptions {
  numCtx: number;
  /** Sampling temperature; 0 for decisions that should not vary (the Router's judgment). */
  temperature?: number;
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
  /** Load speed measured on this machine (bytes/s), when the host has measured one. */
  measuredLoadBytesPerSec?(): number | null;
}

export type FrontierProvider = 'openai' | 'anthropic';

export interface FrontierRequest {
  model: string;
  /** Sent as the system prompt when given; the orchestrator puts its instructions in `text`. */
  system?: string;
  /** Exactly what the user approved: it is sent as one user message, unchanged. */
  text: string;
  maxOutputTokens: number;
  signal?: AbortSignal;
  /** Called with each streamed piece of the answer. */
  onToken?: (text: string) => void;
}

export interface FrontierResult {
  text: string;
  /** The model that answered, as the provider names it. */
  model: string;
  usage: { inputTokens: number; outputTokens: number };
  stopReason: string | null;
}

/**
 * A frontier model API (OpenAI, Anthropic). The client reads its key from the Secrets port
 * itself, so the key never passes through the core. It throws FrontierError
 * (src/core/frontier/errors.ts) with a message a user can act on.
 */
export interface FrontierClient {
  readonly provider: FrontierProvider;
  /** The Secrets name of its API key (OPENAI_API_KEY, ANTHROPIC_API_KEY). */
  readonly keyName: string;
  complete(request: FrontierRequest): Promise<FrontierResult>;
}

/** Atomic file access under the workspace root; paths are workspace-relative. */
export interface Workspace {
  readonly root: string;
  readText(path: string): Promise<string | null>;
  writeTextAtomic(path: string, text: string): Promise<void>;
  /** Appends one line, or several joined by newlines, as one write, durable (fsynced) when it resolves. */
  appendLine(path: string, line: string): Promise<void>;
}

export type MemoryPressureLevel = 'normal' | 'warn' | 'critical';

/**
 * One reading of the machine's memory. The first three fields are what every probe gives; the
 * rest are optional because a probe may not know them (null: the OS was asked and did not say).
 */
export interface MemoryReading {
  totalBytes: number;
  /** What can be had without swapping: macOS total − (app + wired + compressed); Linux MemAvailable. */
  freeBytes: number;
  /** The GPU working-set limit: `iogpu.wired_limit_mb` if set, else 75% of RAM. */
  budgetBytes: number;
  usedBytes?: number;
  wiredBytes?: number | null;
  /** Physical memory the compressor (macOS) or zswap (Linux) occupies. */
  compressedBytes?: number | null;
  swapTotalBytes?: number | null;
  swapUsedBytes?: number | null;
  /** Pages swapped out since boot (macOS `Swapouts`): if it grows, the machine is swapping now. */
  swapOutPages?: number | null;
  pressure?: MemoryPressureLevel | null;
  /** Where the pressure level came from, in words ("kernel: warn; 12% free"). */
  pressureDetail?: string | null;
  /** Set only when `iogpu.wired_limit_mb` is non-zero; it then overrides every other budget. */
  gpuWiredLimitBytes?: number | null;
  /** Which source answered: "macos", "linux", "systeminformation". */
  source?: string;
  /** What could not be read, so a partial reading says so instead of showing zeros. */
  problems?: string[];
}

export interface MemoryProbe {
  read(): Promise<MemoryReading>;
}

export type ApprovalDecision = 'approve' | 'deny' | 'expired';

/** What a planner approval shows: exactly what will happen, with numbers (Rule 3). */
export interface PlannerApprovalDetail {
  warningKo: string;
  warningEn: string;
  plannerModel: string;
  unloadModels: string[];
  freesBytes: number;
  /** From unloading to the Planner ready, in seconds (the point of a range; cold or warm load). */
  expectedSwapSeconds: number;
  /** The residents' return after the Planner leaves, in seconds. */
  expectedRestoreSeconds: number;
  /** The Planner was loaded earlier in this run, so its load is expected warm (page cache). */
  plannerWarm: boolean;
  /** How long the Planner usually works on one request (median of recent swaps), or null: unknown yet. */
  typicalPlanningSeconds: number | null;
  taskIds: string[];
  /**
   * Live memory could not be read, so whether the Planner fits is unknown: the fit gate fails
   * closed. Every host then makes Deny the default and "Approve anyway" an explicit second choice.
   */
  memoryUnknown: boolean;
}

/** What a frontier approval shows: exactly what leaves the machine, and what it may cost (Rule 3). */
export interface FrontierApprovalDetail {
  provider: FrontierProvider;
  model: string;
  /** Exactly the text that will be sent, secrets already redacted. */
  outgoing: string;
  estimatedCostUsd: number;
  inputTokens: number;
  maxOutputTokens: number;
  priceKnown: boolean;
  pricesAsOf: string;
  redactions: Array<{ kind: string; count: number }>;
  budget: {
    dailyCapUsd: number | null;
    monthlyCapUsd: number | null;
    todayUsd: number;
    monthUsd: number;
    leftTodayUsd: number | null;
    leftMonthUsd: number | null;
  };
  taskIds: string[];
}

export interface ApprovalRequest {
  id: string;
  kind: 'planner' | 'frontier';
  /** The whole question in text, Korean warning first then English (what the API's `message` shows). */
  message: string;
  /** The question as data, for surfaces that show it in their own language. */
  said: EngineMessage;
  planner?: PlannerApprovalDetail;
  frontier?: FrontierApprovalDetail;
}

/**
 * One place where approvals wait. Every surface (dashboard, native dialog, notification, tray)
 * answers through `answer`; the first answer settles a request exactly once.
 */
export interface Approvals {
  ask(request: ApprovalRequest): Promise<ApprovalDecision>;
  /** Closes a request nobody answered in time; whoever answers later is told it is too late. */
  withdraw(id: string): void;
  /** Returns false when the request was already settled (someone else answered first). */
  answer(id: string, decision: ApprovalDecision): boolean;
  pending(): Array<ApprovalRequest & { askedAt: number }>;
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
