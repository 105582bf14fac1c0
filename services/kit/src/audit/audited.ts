import { UseMiddleware, type MiddlewareFn } from 'type-graphql';
import type { AuditTrail } from './audit';

/**
 * The one way a read of personal data reaches the audit log: on the field that
 * holds it. `@Audited('case records', (c) => c.participantId)` records the
 * participant whenever the field resolves, whether the row came alone, through a
 * list or through `__resolveReference`; the audit plugin writes one entry per request.
 */
export function Audited<Root>(fieldKind: string, participantOf: (root: Root) => string): MethodDecorator & PropertyDecorator {
  const record: MiddlewareFn<{ audit: AuditTrail }> = ({ root, context }, next) => {
    context.audit.record(fieldKind, participantOf(root as Root));
    return next();
  };
  return UseMiddleware(record);
}
