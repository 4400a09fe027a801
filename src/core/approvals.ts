import type { ApprovalDecision, ApprovalRequest, Approvals } from './ports';

export interface PendingApproval extends ApprovalRequest {
  askedAt: number;
}

/**
 * Approvals that any surface (dashboard, native dialog, notification, tray) may answer. The first
 * answer wins and settles the request exactly once; later answers are reported as too late.
 */
export interface ApprovalBroker extends Approvals {
  pending(): PendingApproval[];
  /** Returns false when the request was already settled or never existed. */
  answer(id: string, decision: ApprovalDecision): boolean;
}

export function createApprovalBroker(now: () => number): ApprovalBroker {
  const open = new Map<string, { request: PendingApproval; settle: (d: ApprovalDecision) => void }>();
  return {
    ask(request) {
      if (open.has(request.id)) {
        return Promise.reject(new Error(`Approval "${request.id}" is already waiting for an answer.`));
      }
      return new Promise<ApprovalDecision>((resolve) => {
        open.set(request.id, { request: { ...request, askedAt: now() }, settle: resolve });
      });
    },
    pending() {
      return [...open.values()].map((entry) => entry.request);
    },
    answer(id, decision) {
      const entry = open.get(id);
      if (!entry) return false;
      open.delete(id);
      entry.settle(decision);
      return true;
    },
  };
}
