import type { EscalationRule } from './types';
import { defaultPostCutoffLibraries, type PostCutoffLibrary } from './libraries';

export type EscalationTarget = 'planner' | 'frontier';

export interface RouterConfig {
  /** failedAttempts at or above this escalate (rule `failed-3-times`). */
  failedAttemptsThreshold: number;
  /** Where each escalation rule sends a task (docs/architecture.md, "Routing targets" names the configurable ones). */
  targets: Record<EscalationRule, EscalationTarget>;
  /** Post-cutoff libraries; replace or extend `defaultPostCutoffLibraries`. */
  libraries: readonly PostCutoffLibrary[];
  /** YYYY-MM: libraries released in this month or later are beyond the local models' knowledge. */
  knowledgeCutoff: string;
  /**
   * Below this confidence a Router model (when one is wired) is asked. Unset: the classifier's own
   * calibrated threshold (the confidence above which at most ~2% of held-out decisions were wrong).
   */
  askModelBelow?: number;
}

export const defaultRouterConfig: RouterConfig = {
  failedAttemptsThreshold: 3,
  targets: {
    'failed-3-times': 'frontier',
    'new-architecture': 'planner',
    'post-cutoff-library': 'frontier',
    'math-optimisation': 'planner',
  },
  libraries: defaultPostCutoffLibraries,
  // The default local models (Qwen2.5, September 2024) were trained on data older than this, so
  // releases from October 2024 on (React 19, Next.js 15) are as new to them as the 2025 ones.
  knowledgeCutoff: '2024-10',
};

export interface RouterConfigInput extends Partial<Omit<RouterConfig, 'targets'>> {
  targets?: Partial<Record<EscalationRule, EscalationTarget>>;
  /** Added to the table (after `libraries`, or after the defaults when `libraries` is not given). */
  extraLibraries?: readonly PostCutoffLibrary[];
}

export function resolveRouterConfig(input: RouterConfigInput = {}): RouterConfig {
  const { extraLibraries = [], targets, ...rest } = input;
  const config: RouterConfig = {
    ...defaultRouterConfig,
    ...rest,
    targets: { ...defaultRouterConfig.targets, ...targets },
  };
  config.libraries = [...config.libraries, ...extraLibraries];
  if (!Number.isInteger(config.failedAttemptsThreshold) || config.failedAttemptsThreshold < 1) {
    throw new Error(
      `Router config: failedAttemptsThreshold must be a whole number of at least 1, not ${config.failedAttemptsThreshold}.`,
    );
  }
  if (!/^\d{4}-\d{2}$/.test(config.knowledgeCutoff)) {
    throw new Error(`Router config: knowledgeCutoff must look like 2024-10, not "${config.knowledgeCutoff}".`);
  }
  for (const lib of config.libraries) {
    if (!/^\d{4}-\d{2}$/.test(lib.released))
      throw new Error(`Router config: library ${lib.name} needs released as YYYY-MM, not "${lib.released}".`);
    if (lib.names.length === 0) throw new Error(`Router config: library ${lib.name} needs at least one name pattern.`);
    for (const source of lib.names) {
      let groups: number;
      try {
        groups = new RegExp(`${source}|`).exec('')!.length - 1;
      } catch (error) {
        throw new Error(
          `Router config: library ${lib.name} has a name pattern that is not a regular expression (${source}): ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      // The table is compiled into one regex whose groups identify the entry: use (?:...) instead.
      if (groups > 0)
        throw new Error(
          `Router config: library ${lib.name}'s name pattern ${source} has a capturing group; write (?:...) instead.`,
        );
    }
    if (lib.version !== undefined && !/^\d+(?:\.\d+)*$/.test(lib.version))
      throw new Error(`Router config: library ${lib.name} needs a version like 4 or 3.14, not "${lib.version}".`);
  }
  return config;
}
