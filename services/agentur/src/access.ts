import type { AccessRule } from '../../kit/src';

/** Agency staff, Kreis Wesel's caseworkers and analysts read placements; providers do not (yet: consent via kreis is to come). */
export const PLACEMENT_READERS: AccessRule[] = ['agent@agentur', 'caseworker@kreis', 'analyst'];
export const PLACEMENT_WRITERS: AccessRule[] = ['agent@agentur'];
