import { PageQuery } from '../../common/page.query';
import { ActivityTypeProperty } from '../../evaluations/dto/activity-type-property.decorator';

/** GET /assessments query: the caller's own assessments, newest first, a page at a time. */
export class ListAssessmentsQuery extends PageQuery {
  @ActivityTypeProperty({ optional: true }) // an undefined type is a 400 naming `type`
  type?: string;
}
