import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiInt, ApiString, ApiUuid } from '../../common/openapi/properties';
import { TASK_KINDS, TASKS_CAP, type TaskKind } from '../domain/tasks';

export class TaskDto {
  @ApiUuid() societyId!: string;
  @ApiString({ example: '秋浦街道月亮湖社区救急难互助社' }) societyName!: string;
  @ApiProperty({
    enum: TASK_KINDS,
    example: 'payment',
    description:
      'ballot: an open vote without my ballot (board); payment: an approved case to pay (treasurer); ' +
      'disclosure: a paid case to publicise (secretary); objection: an open objection (supervisor); ' +
      'lead: a new lead from a monitoring platform (collector); draft: a draft case I filed (secretary, collector)',
  })
  kind!: TaskKind;
  @ApiUuid({
    required: false,
    description: 'the case (every kind but lead; an objection to a whole notice has none)',
  })
  caseId?: string;
  @ApiString({ required: false, example: '2026-0007' }) caseNo?: string;
  @ApiUuid({ required: false, description: 'ballot: the vote' }) voteId?: string;
  @ApiUuid({ required: false, description: 'objection: the objection' }) objectionId?: string;
  @ApiUuid({ required: false, description: 'objection: the notice objected to' }) disclosureId?: string;
  @ApiUuid({ required: false, description: 'lead: the lead' }) leadId?: string;
  @ApiString({ example: '2026-0007 小范（化名） 待付款 ¥1,000.00' }) title!: string;
  @ApiDateTime({
    required: false,
    description:
      'ballot: the vote closes; payment: the end of the local day after the approval (pay first: the same ' +
      'or next day); disclosure: the end of the local day `disclosureDeadlineDays` after payment. ' +
      'Objections, leads and drafts have none',
  })
  dueAt?: string;
  @ApiInt({
    required: false,
    example: 3,
    description:
      "payment, disclosure: local days from the society's today to the due day; negative when overdue (-2: 2 days overdue)",
  })
  daysLeft?: number;
  @ApiProperty({ description: 'past dueAt' }) overdue!: boolean;
}

export class TasksDto {
  @ApiProperty({
    type: [TaskDto],
    description: `Most urgent first: overdue (most overdue first), then by dueAt, then the undated (objections, leads, drafts; oldest first). At most ${TASKS_CAP}`,
  })
  items!: TaskDto[];
  @ApiProperty({
    description: `true when there were more than ${TASKS_CAP} tasks and the least urgent were left out`,
  })
  truncated!: boolean;
}
