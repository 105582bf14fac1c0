import { Arg, Authorized, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { pageObjectType } from '../paging';
import type { AuditEntryEntity } from './audit.entity';
import type { AuditLogRepository } from './audit.repository';

@ObjectType('AuditEntry', { description: 'One request’s reads of personal data in one subgraph.' })
@Directive('@shareable')
export class AuditEntryType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'ISO time (UTC).' })
  readAt: string;

  @Field(() => String)
  viewerSub: string;

  @Field(() => String)
  viewerOrg: string;

  @Field(() => [String])
  viewerRoles: string[];

  @Field(() => String, { nullable: true })
  operation: string | null;

  @Field(() => [ID])
  participantIds: string[];

  @Field(() => [String])
  fieldKinds: string[];
}

/** The audit log a page at a time, as `keysetPage` gives it; every subgraph declares the same type. */
export const AuditEntryPage = pageObjectType('AuditEntryPage', AuditEntryType, undefined, { shareable: true, describeFields: false });
export type AuditEntryPage = InstanceType<typeof AuditEntryPage>;

const list = (text: string) => (text ? text.split(',') : []);

function toType(row: AuditEntryEntity): AuditEntryType {
  return { ...row, viewerRoles: list(row.viewerRoles), participantIds: list(row.participantIds), fieldKinds: list(row.fieldKinds) };
}

const resolvers = new Map<string, Function>();

/**
 * `Query.<queryName>`: this subgraph's audit log, for the data protection
 * officer only. Named per subgraph (kreisAuditLog, klausenhofAuditLog, …):
 * each organisation answers for its own log.
 */
export function auditLogResolver(queryName: string): Function {
  const existing = resolvers.get(queryName);
  if (existing) return existing;

  @Resolver()
  class AuditLogResolver {
    @Query(() => AuditEntryPage, { name: queryName, description: 'Reads of personal data held here, oldest first.' })
    @Authorized(['dpo@self'])
    async auditLog(
      @Ctx() { auditLog }: { auditLog: AuditLogRepository },
      @Arg('participantId', () => ID, { nullable: true }) participantId?: string,
      @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
      @Arg('after', () => String, { nullable: true }) after?: string,
    ): Promise<AuditEntryPage> {
      const page = await auditLog.entries({ participantId, first, after });
      return {
        nodes: page.nodes.map(toType),
        hasNextPage: page.hasNextPage,
        endCursor: page.endCursor,
        get totalCount() {
          return page.totalCount;
        },
      };
    }
  }
  resolvers.set(queryName, AuditLogResolver);
  return AuditLogResolver;
}
