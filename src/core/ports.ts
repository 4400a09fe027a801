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
}

export interface ModelHost {
  version(): Promise<string>;
  listLoaded(): Promise<LoadedModel[]>;
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
