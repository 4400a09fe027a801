import { z } from 'zod';
import type { Role } from './domain';

/** How one role runs: which model, at which context length, kept loaded or not. */
export interface RoleConfig {
  model: string;
  /**
   * Sent explicitly with every request: Ollama reloads a model whose `num_ctx` changes, and its
   * own default (262144 on a 48 GiB GPU, capped at the trained context: server/routes.go `Serve`)
   * would not let the three residents fit together.
   */
  numCtx: number;
  resident: boolean;
}

export type RolesConfig = Record<Role, RoleConfig>;

export const residentRoles = ['router', 'coder', 'reviewer'] as const satisfies readonly Role[];

/**
 * When the Planner needs room, residents are kept in this order: the Router routes new work
 * while the Planner runs and is the cheapest to keep; the Coder resumes first after a swap.
 */
export const keepPriority: readonly Role[] = ['router', 'coder', 'reviewer'];

export const defaultRoles: RolesConfig = {
  router: { model: 'qwen2.5:7b', numCtx: 8192, resident: true },
  coder: { model: 'qwen2.5-coder:32b', numCtx: 8192, resident: true },
  reviewer: { model: 'qwen2.5:14b', numCtx: 8192, resident: true },
  planner: { model: 'jamba-mini:52b', numCtx: 32768, resident: false },
};

/** One role's settings as a user writes them: either may be left out (the default stands). */
export const roleOverrideSchema = z
  .object({
    model: z.string().trim().min(1, 'the model name is empty').max(200),
    numCtx: z.number().int().min(512, 'num_ctx below 512 leaves no room for a prompt').max(1_048_576),
  })
  .partial()
  .strict();

export const roleOverridesSchema = z
  .object({
    router: roleOverrideSchema,
    coder: roleOverrideSchema,
    reviewer: roleOverrideSchema,
    planner: roleOverrideSchema,
  })
  .partial()
  .strict();
export type RoleOverrides = z.infer<typeof roleOverridesSchema>;

/** The defaults with each layer of overrides on top, later layers winning (the settings file, then flags). */
export function resolveRoles(...layers: ReadonlyArray<RoleOverrides | undefined>): RolesConfig {
  const roles: RolesConfig = {
    router: { ...defaultRoles.router },
    coder: { ...defaultRoles.coder },
    reviewer: { ...defaultRoles.reviewer },
    planner: { ...defaultRoles.planner },
  };
  for (const layer of layers) {
    for (const role of Object.keys(roles) as Role[]) {
      const override = layer?.[role];
      if (override?.model !== undefined) roles[role].model = override.model;
      if (override?.numCtx !== undefined) roles[role].numCtx = override.numCtx;
    }
  }
  return roles;
}
