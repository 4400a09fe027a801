import type { Role } from '../../shared/domain';

/** Model tag per role (product.md §1); every one is configurable. */
export type RoleModels = Record<Role, string>;

export const defaultRoleModels: RoleModels = {
  router: 'qwen2.5:7b',
  coder: 'qwen2.5-coder:32b',
  reviewer: 'qwen2.5:14b',
  planner: 'jamba-mini-1.7',
};

export interface CoreOptions {
  models?: Partial<RoleModels>;
  simulated?: boolean;
}
