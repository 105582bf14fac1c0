import { type AccessRule as KitAccessRule } from '@durchstarten/kit';

/** The two organisations every graph has; providers come from the registry. */
export const KREIS = 'kreis';
export const AGENTUR = 'agentur';

/** Roles a person's token may carry, and what each organisation calls its staff. */
export const PERSON_ROLES = ['caseworker', 'coach', 'agent', 'analyst', 'dpo', 'admin'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
/** Roles a service is given when it calls another subgraph directly (one document each). */
export const SERVICE_ROLES = ['referral-lookup', 'statistics'] as const;
export type Role = PersonRole | (typeof SERVICE_ROLES)[number];

/** The organisations a rule may name; a provider names itself `self`, since its id comes from the registry. */
export type RuleOrganisation = typeof KREIS | typeof AGENTUR | 'self';

/** An access rule in the graph's own terms: a misspelt role or organisation does not compile. */
export type AccessRule = KitAccessRule<Role, RuleOrganisation>;
