import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Viewer } from '../authorization';
import type { Logger } from '../logger';
import { AuditEntryEntity } from './audit.entity';
import type { AuditLogRepository } from './audit.repository';

/** What one request read of personal data: participant ids per kind of field. */
export class AuditTrail {
  private readonly reads = new Map<string, Set<string>>();

  record(fieldKind: string, participantId: string): void {
    const ids = this.reads.get(fieldKind);
    if (ids) ids.add(participantId);
    else this.reads.set(fieldKind, new Set([participantId]));
  }

  get isEmpty(): boolean {
    return this.reads.size === 0;
  }

  entry(viewer: Viewer | null, operation: string | null): AuditEntryEntity {
    const participants = new Set<string>();
    for (const ids of this.reads.values()) for (const id of ids) participants.add(id);
    const readAt = new Date().toISOString();
    return Object.assign(new AuditEntryEntity(), {
      id: `${readAt}_${randomUUID()}`,
      readAt,
      viewerSub: viewer?.sub ?? 'unknown',
      viewerOrg: viewer?.org ?? 'unknown',
      viewerRoles: (viewer?.roles ?? []).join(','),
      // The gateway names each subgraph fetch `<client's name>__<subgraph>__<n>`: keep the client's name.
      operation: operation?.replace(/__[a-z0-9]+__\d+$/, '') ?? null,
      participantIds: [...participants].sort().join(','),
      fieldKinds: [...this.reads.keys()].sort().join(','),
    });
  }
}

export interface AuditedContext extends BaseContext {
  viewer: Viewer | null;
  audit: AuditTrail;
}

/**
 * Writes the request's audit entry before the response leaves: one INSERT per
 * request that read personal data, whatever the page size. If it cannot be
 * written, the data is not sent.
 */
export function auditPlugin(
  auditLog: AuditLogRepository,
  logger: Logger,
  writeFailures?: { inc(): void },
): ApolloServerPlugin<AuditedContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, request, response }) {
          if (contextValue.audit.isEmpty) return;
          try {
            await auditLog.append(contextValue.audit.entry(contextValue.viewer, request.operationName ?? null));
          } catch (error) {
            writeFailures?.inc();
            logger.error('audit entry could not be written; response withheld', { error: (error as Error).name });
            if (response.body.kind === 'single') {
              response.body.singleResult.data = null;
              response.body.singleResult.errors = [
                {
                  message: 'The read could not be recorded in the audit log, so its data is withheld.',
                  extensions: { code: 'INTERNAL_SERVER_ERROR' },
                },
              ];
            }
          }
        },
      };
    },
  };
}
