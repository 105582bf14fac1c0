import type { AuthChecker } from 'type-graphql';
import { ForbiddenError } from './errors';
import type { SignedViewer, VerifiedCall } from './signing';

export type Viewer = SignedViewer;

/**
 * Who may reach a field, as `@Authorized(...)` lists it: `role@org` (a role in
 * one organisation), `role` (that role in any organisation), or `role@self`
 * (that role in the organisation that runs this subgraph, e.g. a provider's own coaches).
 * A graph narrows Role and Org to its own names, so that a misspelt rule does not compile.
 */
export type AccessRule<Role extends string = string, Org extends string = string> = Role | `${Role}@${Org}`;

export function allows(viewer: Viewer | null | undefined, rules: readonly AccessRule[], self?: string): boolean {
  if (!viewer) return false;
  return rules.some((rule) => {
    const [role, org] = rule.split('@');
    if (!viewer.roles.includes(role)) return false;
    if (org === undefined) return true;
    return org === 'self' ? viewer.org === self : viewer.org === org;
  });
}

/** Throws FORBIDDEN, naming the field, unless one of `rules` admits the viewer. */
export function requireAccess(viewer: Viewer | null | undefined, rules: readonly AccessRule[], what: string, self?: string): void {
  if (!allows(viewer, rules, self)) {
    throw new ForbiddenError(
      viewer ? `${viewer.roles.join(', ')} of ${viewer.org} may not use ${what}.` : `${what} needs a caller the gateway has identified.`,
    );
  }
}

export interface AuthorizedContext {
  viewer: Viewer | null;
}

/** type-graphql's check for `@Authorized(rules)`: FORBIDDEN with the field's name instead of a bare "access denied". */
export function createAuthChecker(self?: string): AuthChecker<AuthorizedContext, AccessRule> {
  return ({ context, info }, rules) => {
    requireAccess(context.viewer, rules, `${info.parentType.name}.${info.fieldName}`, self);
    return true;
  };
}

/**
 * Who a verified call is for: the person the gateway forwards, or, when another
 * service calls directly, that service's identity with the one role it is given here.
 */
export function viewerOfCall(call: VerifiedCall | undefined, serviceRole: string): Viewer | null {
  if (!call) return null;
  if (call.caller === 'gateway') return call.viewer;
  return { sub: `service:${call.caller}`, org: call.caller, roles: [serviceRole] };
}
