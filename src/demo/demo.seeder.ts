import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable, Logger } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { randomBytes } from 'node:crypto';
import { UsersService } from '../auth/users.service';
import { CasesService } from '../cases/cases.service';
import { PaymentsService } from '../cases/payments.service';
import { RecoveriesService } from '../cases/recoveries.service';
import { Principal } from '../common/access/roles';
import { addDays, localDay, startOfLocalDay } from '../common/calendar';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import type { Tx } from '../database/tx';
import { DisclosuresService } from '../disclosures/disclosures.service';
import { ObjectionsService } from '../disclosures/objections.service';
import { DonationsService } from '../donors/donations.service';
import { DonorsService } from '../donors/donors.service';
import { LedgerService } from '../fund/ledger.service';
import { MembershipsService } from '../societies/memberships.service';
import { SocietiesService } from '../societies/societies.service';
import { VotesService } from '../votes/votes.service';
import {
  DEMO_CASES,
  DEMO_DONORS,
  DEMO_SOCIETY,
  DEMO_STAFF,
  DemoCase,
  DemoRole,
  demoWanted,
} from './domain/story';

/** What the start banner shows once: the demo society's page and its logins (one shared password). */
export interface DemoLogins {
  societyId: string;
  societyName: string;
  password: string;
  users: { role: DemoRole; username: string; displayName: string }[];
}

type Choice = 'approve' | 'reject' | 'abstain';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The demo society of a first start (issue 10): created THROUGH THE SERVICES, so that its ledger,
 * audit chain, counters and timelines are exactly what real use produces, in one transaction (a
 * failure leaves nothing). The story spans the last 30 days: while it is told, before the server
 * listens, the app's Clock reads the story's time (`storyAt`), so every timestamp is one the services
 * set themselves, in order, and none is in the future.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');
  private logins?: DemoLogins;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly cls: ClsService,
    private readonly txHost: TransactionHost<Tx>,
    private readonly users: UsersService,
    private readonly societies: SocietiesService,
    private readonly memberships: MembershipsService,
    private readonly donors: DonorsService,
    private readonly donations: DonationsService,
    private readonly ledger: LedgerService,
    private readonly cases: CasesService,
    private readonly votes: VotesService,
    private readonly payments: PaymentsService,
    private readonly recoveries: RecoveriesService,
    private readonly disclosures: DisclosuresService,
    private readonly objections: ObjectionsService,
  ) {}

  /** The logins of the demo created by this start, handed out once: main.ts prints them in the banner. */
  takeDemoLogins(): DemoLogins | undefined {
    const logins = this.logins;
    this.logins = undefined;
    return logins;
  }

  /**
   * Seeds the demo when this start wants one (domain/story.ts `demoWanted`) and the installation has no
   * society yet; returns its logins, or undefined when it seeded nothing. Two instances starting at
   * once on an empty database cannot both seed: the second meets the first's society name and usernames
   * (a unique violation, which rolls it back entirely).
   */
  async seedIfEmpty(): Promise<DemoLogins | undefined> {
    if (!demoWanted(this.config)) return undefined;
    const run = <T>(fn: () => Promise<T>) => (this.cls.isActive() ? fn() : this.cls.run(fn));
    return run(async () => {
      if (await this.societies.any()) return undefined;
      const admin = await this.users.findForLogin(this.config.ADMIN_USERNAME);
      if (admin?.platformRole !== 'admin') {
        this.logger.warn(
          'no demo society: it is created by the administrator, and there is none yet (set ADMIN_PASSWORD)',
        );
        return undefined;
      }
      const actor: Principal = {
        id: admin.id,
        username: admin.username,
        displayName: admin.displayName,
        platformRole: admin.platformRole,
      };
      const logins = await this.txHost.withTransaction(() => this.tellTheStory(actor));
      this.logins = logins;
      this.logger.log(
        `created the demo society "${logins.societyName}" with ${logins.users.length} demo users (logins printed below)`,
      );
      return logins;
    });
  }

  private async tellTheStory(admin: Principal): Promise<DemoLogins> {
    const realNow = this.clock.now();
    const tz = DEMO_SOCIETY.timezone;
    const today = localDay(realNow, tz).date;
    /** A past moment of the story: `daysAgo` days before today (the society's) at a local time. */
    const day = (daysAgo: number, hour: number, minute = 0) =>
      new Date(startOfLocalDay(addDays(today, -daysAgo), tz).getTime() + hour * HOUR + minute * MINUTE);
    const minutesAgo = (m: number) => new Date(realNow.getTime() - m * MINUTE);
    const localDate = (daysAgo: number) => addDays(today, -daysAgo);

    // The story's dates through the Clock of this async context only (Clock.replay): anything
    // running meanwhile keeps the real time.
    return this.clock.replay(async (setTime) => {
      // Day 30: the society is founded by the administrator, with its people.
      setTime(day(30, 9));
      const society = await this.societies.create(DEMO_SOCIETY, admin);
      const sid = society.id;
      const password = randomBytes(12).toString('base64url');
      const staff: Record<DemoRole, Principal[]> = {
        secretary: [],
        board: [],
        treasurer: [],
        supervisor: [],
        collector: [],
      };
      for (const p of DEMO_STAFF) {
        const user = await this.users.create(
          { username: p.username, password, displayName: p.displayName, phone: p.phone },
          admin,
        );
        await this.memberships.add(sid, { userId: user.id, roles: [p.role] }, admin);
        const { id, username, displayName } = user;
        staff[p.role].push({ id, username, displayName, platformRole: null });
      }
      const [secretary] = staff.secretary;
      const [cashier] = staff.treasurer;
      const [supervisor] = staff.supervisor;
      const [collector] = staff.collector;
      const board = staff.board;

      // Money first: the donors and their gifts of the last weeks, each with its numbered receipt.
      const gifts = DEMO_DONORS.flatMap((d) => d.gifts.map((g) => ({ donor: d, gift: g })));
      const donorIds = new Map<string, string>();
      const giveUpTo = async (daysAgo: number) => {
        let slot = 0; // the gifts of one day follow each other by a quarter of an hour
        let lastDay = -1;
        while (gifts.length && gifts[0].gift.daysAgo >= daysAgo) {
          const { donor, gift } = gifts.shift()!;
          slot = gift.daysAgo === lastDay ? slot + 1 : 0;
          lastDay = gift.daysAgo;
          setTime(day(gift.daysAgo, 10, slot * 15));
          let donorId = donorIds.get(donor.key);
          if (!donorId) {
            const { key: _key, gifts: _gifts, ...dto } = donor;
            donorId = (await this.donors.create(sid, dto, cashier)).id;
            donorIds.set(donor.key, donorId);
          }
          setTime(day(gift.daysAgo, 10, slot * 15 + 5));
          await this.donations.record(
            sid,
            {
              donorId,
              amountFen: gift.amountFen,
              receivedAt: localDate(gift.daysAgo),
              channel: gift.channel,
              reference: gift.reference,
            },
            cashier,
          );
        }
      };

      /** Filed, a vote opened on the amount, ballots in order until the tally decides (or `choices` run out). */
      const file = (c: DemoCase, by: Principal) => this.cases.create(sid, c, by);
      const vote = async (
        caseId: string,
        amountFen: number,
        at: Date,
        choices: Choice[],
        mode: 'remote' | 'meeting' = 'remote',
      ) => {
        setTime(at);
        let v: { eligibleVoterIds: string[]; ballots: { voterId: string }[]; tally: { outcome: string } } =
          await this.votes.open(sid, caseId, { amountFen, mode }, secretary);
        let i = 0;
        for (const voterId of v.eligibleVoterIds) {
          if (v.tally.outcome !== 'pending' || i >= choices.length) break;
          setTime(new Date(at.getTime() + (i + 1) * 2 * MINUTE));
          const choice = choices[i++];
          v =
            mode === 'meeting'
              ? // A show of hands in the meeting, recorded by the secretary (as in the seed).
                await this.votes.cast(sid, caseId, { voterId, choice }, secretary)
              : await this.votes.cast(
                  sid,
                  caseId,
                  { choice },
                  board.find((b) => b.id === voterId)!,
                );
        }
        return v;
      };
      const pay = (caseId: string, amountFen: number, at: Date, reference?: string) => {
        setTime(at);
        return this.payments.pay(sid, caseId, { amountFen, account: 'bank', reference }, cashier);
      };
      const publish = (caseIds: string[], at: Date) => {
        setTime(at);
        return this.disclosures.publish(
          sid,
          { caseIds, note: `公示期内如有异议，请向本社监事会反映，联系电话 ${DEMO_SOCIETY.contactPhone}。` },
          secretary,
        );
      };
      const endPeriod = (disclosureId: string, at: Date) => {
        setTime(at);
        // What the scheduler's end job does once the period is over (disclosures-end.job.ts).
        return this.disclosures.endExpired(sid, disclosureId, at);
      };
      const allApprove: Choice[] = Array.from({ length: 9 }, () => 'approve');

      await giveUpTo(26);

      // 老黄: a warning from the monitoring platform, approved the same morning, paid the next day,
      // publicized, and closed when the 7-day period ended.
      setTime(day(26, 11));
      const huang = await file(DEMO_CASES.closed, secretary);
      await vote(huang.id, 200_000, day(26, 11, 30), allApprove);
      await pay(huang.id, 200_000, day(25, 9, 30));
      await giveUpTo(24);
      const notice1 = await publish([huang.id], day(24, 15));
      await giveUpTo(21);
      setTime(day(21, 14));
      await this.ledger.transfer(
        sid,
        { from: 'cash', to: 'bank', amountFen: 300_000, memo: '现金捐款存入银行' },
        cashier.id,
      );
      await giveUpTo(19);

      // A kitchen fire (decided in a meeting) and a road accident: paid, publicized together, and
      // both objected to; the supervisor upholds the objections; the fire's aid is recovered.
      setTime(day(19, 9));
      const fire = await file(DEMO_CASES.recovered, secretary);
      setTime(day(19, 9, 20));
      const accident = await file(DEMO_CASES.disputed, secretary);
      await vote(fire.id, 150_000, day(19, 10), allApprove, 'meeting');
      await vote(accident.id, 120_000, day(19, 10, 30), allApprove, 'meeting');
      await giveUpTo(18);
      await pay(fire.id, 150_000, day(18, 14));
      await pay(accident.id, 120_000, day(18, 14, 10));
      await endPeriod(notice1.id, day(17, 0, 5));
      const notice2 = await publish([fire.id, accident.id], day(17, 15));
      await giveUpTo(15);
      // A gift entered twice by mistake, voided with its reason (a reversing entry; receipts stay numbered).
      setTime(day(15, 10, 45));
      const twice = await this.donations.record(
        sid,
        { donorId: donorIds.get('cheng')!, amountFen: 50_000, receivedAt: localDate(15), channel: 'wechat' },
        cashier,
      );
      setTime(day(15, 11));
      await this.donations.void(sid, twice.id, { reason: '重复录入' }, cashier);
      setTime(day(15, 20));
      await this.objections.submit(notice2.id, {
        content: '该户房屋投保了家庭财产险，听说保险公司已经全额理赔了。',
        caseNo: fire.caseNo,
      });
      setTime(day(14, 8, 30));
      await this.objections.submit(notice2.id, {
        content: '申请人的事故对方负全责，已经拿到了赔偿款，不应再领救助金。',
        caseNo: accident.caseNo,
        contactName: '李女士',
      });
      setTime(day(13, 10));
      const objected = await this.objections.list(sid, { status: 'open' });
      const replies: Record<string, string> = {
        [fire.caseNo]: '经核查，该户已获保险理赔，异议成立，救助金予以追回。',
        [accident.caseNo]: '经核查，申请人已获事故赔偿，异议成立，正在与申请人沟通退回救助金。',
      };
      for (const o of [...objected.items].reverse()) {
        await this.objections.resolve(
          sid,
          o.id,
          { decision: 'upheld', response: replies[o.caseNo ?? ''] ?? '异议成立。' },
          supervisor,
        );
      }
      setTime(day(11, 10));
      await this.recoveries.recover(
        sid,
        fire.id,
        { amountFen: 150_000, account: 'bank', reference: '申请人退回救助金' },
        cashier,
      );
      await endPeriod(notice2.id, day(10, 0, 5));

      // Turned down by the board: a business closure, not an emergency.
      setTime(day(9, 10));
      const closure = await file(DEMO_CASES.rejected, secretary);
      await vote(closure.id, 100_000, day(9, 10, 30), [
        'reject',
        'approve',
        'reject',
        'reject',
        'abstain',
        'reject',
        'reject',
        'reject',
        'reject',
      ]);

      // Found by the information officer, then taken over by the street office's temporary assistance.
      setTime(day(6, 16));
      const widow = await file(DEMO_CASES.withdrawn, collector);
      setTime(day(5, 10));
      await this.cases.withdraw(
        sid,
        widow.id,
        { reason: '街道已按程序纳入临时救助，由民政部门直接救助。' },
        secretary,
      );

      // A builder's fall: approved three days ago, paid this morning, to be publicized.
      setTime(day(3, 10));
      const fall = await file(DEMO_CASES.paid, secretary);
      await vote(fall.id, 80_000, day(3, 10, 30), allApprove);

      // The seed: 小范, found on a door-to-door visit, decided by a show of hands that evening,
      // 1,000 yuan paid the next morning, then publicized under the pseudonym.
      setTime(day(2, 18, 30));
      const fan = await file(DEMO_CASES.publicized, secretary);
      await vote(fan.id, 100_000, day(2, 19), allApprove, 'meeting');
      await pay(fan.id, 100_000, day(1, 9, 30), '转入申请人本人账户');
      await publish([fan.id], day(1, 15));

      await pay(fall.id, 80_000, minutesAgo(150));

      // Today: a house damaged by rain, approved; a dialysis patient's vote under way (one member
      // recused as a relative); a fall reported by the information officer, still a draft.
      setTime(minutesAgo(140));
      const rain = await file(DEMO_CASES.approved, secretary);
      await vote(rain.id, 300_000, minutesAgo(130), allApprove);
      setTime(minutesAgo(90));
      const dialysis = await file(DEMO_CASES.voting, secretary);
      const open = await vote(dialysis.id, 150_000, minutesAgo(80), ['approve', 'approve', 'abstain']);
      const relative = board.find(
        (b) => open.eligibleVoterIds.includes(b.id) && !open.ballots.some((x) => x.voterId === b.id),
      )!;
      setTime(minutesAgo(60));
      await this.votes.recuse(sid, dialysis.id, { reason: '申请人系本人亲属，申请回避。' }, relative);
      setTime(minutesAgo(30));
      await file(DEMO_CASES.draft, collector);

      return {
        societyId: sid,
        societyName: society.name,
        password,
        users: DEMO_STAFF.map(({ role, username, displayName }) => ({ role, username, displayName })),
      };
    });
  }
}
