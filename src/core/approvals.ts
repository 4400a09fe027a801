import type { ApprovalDecision, ApprovalRequest, Approvals } from './ports';

export interface PendingApproval extends ApprovalRequest {
  askedAt: number;
}

export interface SettledApproval extends PendingApproval {
  decision: ApprovalDecision;
  settledAt: number;
}

/**
 * Approvals that any surface (dashboard, native dialog, notification, tray) may answer. The first
 * answer wins and settles the request exactly once; later answers are reported as too late.
 */
export interface ApprovalBroker extends Approvals {
  pending(): PendingApproval[];
  /** The most recent settled requests, newest last (for the dashboard's history). */
  settled(): SettledApproval[];
  /** Returns false when the request was already settled or never existed. */
  answer(id: string, decision: ApprovalDecision): boolean;
  /** Called on every new or settled request, so surfaces can open or close their prompts. */
  onChange(listener: () => void): () => void;
}

const keepSettled = 50;

export function createApprovalBroker(now: () => number): ApprovalBroker {
  const open = new Map<string, { request: PendingApproval; settle: (d: ApprovalDecision) => void }>();
  const history: SettledApproval[] = [];
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());

  const answer = (id: string, decision: ApprovalDecision): boolean => {
    const entry = open.get(id);
    if (!entry) return false;
    open.delete(id);
    history.push({ ...entry.request, decision, settledAt: now() });
    if (history.length > keepSettled) history.shift();
    entry.settle(decision);
    changed();
    return true;
  };

  return {
    ask(request) {
      if (open.has(request.id)) {
        return Promise.reject(new Error(`Approval "${request.id}" is already waiting for an answer.`));
      }
      const decision = new Promise<ApprovalDecision>((resolve) => {
        open.set(request.id, { request: { ...request, askedAt: now() }, settle: resolve });
      });
      changed();
      return decision;
    },
    withdraw: (id) => void answer(id, 'expired'),
    pending: () => [...open.values()].map((entry) => entry.request),
    settled: () => [...history],
    answer,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
