import type { Role } from '../../shared/domain';
import { defaultRoles } from '../../shared/roles';

/** Model tag per role (docs/architecture.md, "Roles"); every one is configurable. */
export type RoleModels = Record<Role, string>;

export const defaultRoleModels: RoleModels = {
  router: defaultRoles.router.model,
  coder: defaultRoles.coder.model,
  reviewer: defaultRoles.reviewer.model,
  planner: defaultRoles.planner.model,
};

export interface CoreOptions {
  models?: Partial<RoleModels>;
  simulated?: boolean;
}
