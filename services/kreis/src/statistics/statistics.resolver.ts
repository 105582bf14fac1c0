import { Arg, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { allows, LocalDate } from '@durchstarten/kit';
import { PlacementKind } from '@durchstarten/contracts';
import { EXACT_FIGURE_READERS, STATISTICS_READERS } from '../access';
import type { KreisContext } from '../context';
import { ParticipantFilter } from '../participant/participant.type';
import { FigureType, MonitoringQuarterType, StatisticsCellType, StatisticsDimension } from './statistics.type';

@Resolver(() => StatisticsCellType)
export class StatisticsResolver {
  @Query(() => [MonitoringQuarterType], {
    description: 'The G.I.B. quarterly tables, one entry per calendar quarter overlapping [from, to].',
  })
  @Authorized(STATISTICS_READERS)
  monitoring(
    @Arg('from', () => LocalDate) from: string,
    @Arg('to', () => LocalDate) to: string,
    @Ctx() { services, viewer }: KreisContext,
  ): Promise<MonitoringQuarterType[]> {
    return services.statistics.monitoring(from, to, allows(viewer, EXACT_FIGURE_READERS) ? 'exact' : 'perturbed');
  }

  @Query(() => [StatisticsCellType], {
    description: 'One cell per combination of the dimensions’ values that occurs; by: [] gives the total. At most 3 dimensions.',
  })
  @Authorized(STATISTICS_READERS)
  statistics(
    @Arg('by', () => [StatisticsDimension]) by: StatisticsDimension[],
    @Ctx() { services, viewer, trace }: KreisContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => ParticipantFilter, { nullable: true }) filter?: ParticipantFilter,
  ): Promise<StatisticsCellType[]> {
    const selected = selectedFields(info);
    return services.statistics.statistics(
      by,
      filter ?? {},
      {
        internship: selected.has('withInternship'),
        languageExam: selected.has('withLanguageExamPassed'),
        placement: selected.has('withPlacement'),
      },
      allows(viewer, EXACT_FIGURE_READERS) ? 'exact' : 'perturbed',
      trace,
    );
  }

  @FieldResolver(() => FigureType, { description: 'Participants with a placement (of this kind; of any kind when omitted), from agentur.' })
  withPlacement(@Root() cell: StatisticsCellType, @Arg('kind', () => PlacementKind, { nullable: true }) kind?: PlacementKind): FigureType {
    return cell.placements[kind ?? 'ANY'];
  }
}

/** Names of the fields selected directly below the resolved field, through fragments too. */
function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}
