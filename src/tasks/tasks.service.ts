import { Injectable } from '@nestjs/common';
import { CasesService } from '../cases/cases.service';
import { Principal, SocietyRole } from '../common/access/roles';
import { Clock } from '../common/clock';
import { ObjectionsService } from '../disclosures/objections.service';
import { LeadsService } from '../leads/leads.service';
import { MembershipsService } from '../societies/memberships.service';
import { SocietiesService } from '../societies/societies.service';
import { VotesService } from '../votes/votes.service';
import {
  caseTitle,
  disclosureDeadline,
  leadTitle,
  objectionTitle,
  orderTasks,
  paymentDeadline,
  Task,
  TASKS_CAP,
} from './domain/tasks';
import { TaskDto, TasksDto } from './dto/tasks.dto';

/** One more than the cap from each kind: enough to know whether the answer was cut. */
const TAKE = TASKS_CAP + 1;

/**
 * The caller's home screen (GET /me/tasks): what waits for them in each society where they hold a
 * role, asked of each owning module's service once for all those societies (no query per society).
 * The roles held in a society decide which kinds are asked there.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly memberships: MembershipsService,
    private readonly societies: SocietiesService,
    private readonly cases: CasesService,
    private readonly votes: VotesService,
    private readonly objections: ObjectionsService,
    private readonly leads: LeadsService,
    private readonly clock: Clock,
  ) {}

  async forUser(user: Principal): Promise<TasksDto> {
    const mine = await this.memberships.ofUser(user.id);
    const withRole = (...roles: SocietyRole[]) =>
      mine.filter((m) => m.roles.some((r) => roles.includes(r))).map((m) => m.societyId);
    const names = new Map(mine.map((m) => [m.societyId, m.societyName]));
    const societies = new Map((await this.societies.findMany([...names.keys()])).map((s) => [s.id, s]));
    const now = this.clock.now();

    const [ballots, toPay, toPublish, drafts, objections, leads] = await Promise.all([
      this.votes.pendingAcross(withRole('board'), user.id, TAKE),
      this.cases.awaiting('approved', withRole('treasurer'), TAKE),
      this.cases.awaiting('paid', withRole('secretary'), TAKE),
      this.cases.awaiting('draft', withRole('secretary', 'collector'), TAKE, user.id),
      this.objections.openAcross(withRole('supervisor'), TAKE),
      this.leads.newAcross(withRole('collector'), TAKE),
    ]);
    // The cases under vote, for their numbers; a case withdrawn under vote leaves its vote open, waiting for nobody.
    const voted = new Map(
      (await this.cases.briefs(ballots.map((v) => ({ societyId: v.societyId, caseId: v.caseId })))).map(
        (c) => [c.id, c],
      ),
    );

    const society = (societyId: string) => ({ societyId, societyName: names.get(societyId) ?? '' });
    const tasks: Task[] = [];
    for (const v of ballots) {
      const c = voted.get(v.caseId);
      if (!c || c.status !== 'voting') continue;
      tasks.push({
        ...society(v.societyId),
        kind: 'ballot',
        caseId: c.id,
        caseNo: c.caseNo,
        voteId: v.id,
        title: caseTitle('ballot', c, v.amountFen),
        dueAt: v.closesAt,
        overdue: now.getTime() > v.closesAt.getTime(),
        since: v.opensAt,
      });
    }
    for (const c of toPay) {
      const tz = societies.get(c.societyId)!.timezone;
      tasks.push({
        ...society(c.societyId),
        kind: 'payment',
        caseId: c.id,
        caseNo: c.caseNo,
        title: caseTitle('payment', c, c.amountFen),
        ...paymentDeadline(c.since, now, tz),
        since: c.since,
      });
    }
    for (const c of toPublish) {
      const { timezone, settings } = societies.get(c.societyId)!;
      tasks.push({
        ...society(c.societyId),
        kind: 'disclosure',
        caseId: c.id,
        caseNo: c.caseNo,
        title: caseTitle('disclosure', c, c.amountFen),
        ...disclosureDeadline(c.since, now, timezone, settings.disclosureDeadlineDays),
        since: c.since,
      });
    }
    for (const o of objections) {
      tasks.push({
        ...society(o.societyId),
        kind: 'objection',
        ...(o.caseId ? { caseId: o.caseId } : {}),
        ...(o.caseNo ? { caseNo: o.caseNo } : {}),
        objectionId: o.id,
        disclosureId: o.disclosureId,
        title: objectionTitle(o.noticeNo, o.caseNo),
        overdue: false,
        since: o.createdAt,
      });
    }
    for (const l of leads) {
      tasks.push({
        ...society(l.societyId),
        kind: 'lead',
        leadId: l.id,
        title: leadTitle(l.subjectNameMasked, l.indicators),
        overdue: false,
        since: l.receivedAt,
      });
    }
    for (const c of drafts) {
      tasks.push({
        ...society(c.societyId),
        kind: 'draft',
        caseId: c.id,
        caseNo: c.caseNo,
        title: caseTitle('draft', c, c.amountFen),
        overdue: false,
        since: c.since,
      });
    }

    const { items, truncated } = orderTasks(tasks);
    const cut =
      truncated || [ballots, toPay, toPublish, drafts, objections, leads].some((l) => l.length > TASKS_CAP);
    return { items: items.map(toDto), truncated: cut };
  }
}

function toDto(t: Task): TaskDto {
  const { since: _since, dueAt, ...rest } = t;
  return { ...rest, ...(dueAt ? { dueAt: dueAt.toISOString() } : {}) };
}
