import { UseMiddleware, type MiddlewareFn } from 'type-graphql';
import type { AuditTrail } from './audit';

/**
 * The one way a read of personal data reaches the audit log: on the field that
 * holds it. `@Audited('case records', (c) => c.participantId)` records the
 * participant whenever the field resolves, whether the row came alone, through a
 * list or through `__resolveReference`; the audit plugin writes one entry per request.
 */
export function Audited<Root, Context extends { audit: AuditTrail } = { audit: AuditTrail }>(
  fieldKind: string,
  /** The participant whose data the field holds; null where the viewer is shown nothing (no consent), so nothing was read. */
  participantOf: (root: Root, context: Context) => string | null,
): MethodDecorator & PropertyDecorator {
  const record: MiddlewareFn<Context> = ({ root, context }, next) => {
    const participantId = participantOf(root as Root, context);
    if (participantId !== null) context.audit.record(fieldKind, participantId);
    return next();
  };
  return UseMiddleware(record);
}
