import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import type { CreateUserDto } from '../../src/auth/dto/auth.dto';
import { UsersService } from '../../src/auth/users.service';
import { PlatformRole, Principal, SOCIETY_ROLES, SocietyRole } from '../../src/common/access/roles';
import { CasesService } from '../../src/cases/cases.service';
import type { CaseResponseDto, CreateCaseDto } from '../../src/cases/dto/case.dto';
import { idCardCheckChar } from '../../src/common/cn-ids/id-card';
import type { Tx } from '../../src/database/tx';
import { DonationsService } from '../../src/donors/donations.service';
import { DonorsService } from '../../src/donors/donors.service';
import type { DonationResponseDto, RecordDonationDto } from '../../src/donors/dto/donation.dto';
import type { CreateDonorDto, DonorResponseDto } from '../../src/donors/dto/donor.dto';
import { EntryResponseDto, toEntryResponse, TransferDto } from '../../src/fund/dto/fund.dto';
import { LedgerService } from '../../src/fund/ledger.service';
import type { CreateSocietyDto, SocietyResponseDto } from '../../src/societies/dto/society.dto';
import { MembershipsService } from '../../src/societies/memberships.service';
import { SocietiesService } from '../../src/societies/societies.service';
import type { TestApp } from './test-app';
import type { VoteDetailDto } from '../../src/votes/dto/vote.dto';
import { VotesService } from '../../src/votes/votes.service';
import { TEST_PASSWORD } from './test-password';

export { TEST_PASSWORD };

/** A user as the tests act with it: a Principal (pass it as a service's actor) with a login token. */
export interface TestUser extends Principal {
  token: string;
  auth: { Authorization: string };
}

export interface UserOptions {
  username?: string;
  displayName?: string;
  platformRole?: PlatformRole;
  phone?: string;
}

/** What a fixture needs of a society: its id, and its treasurer when it has one (the default actor for money). */
export interface SocietyRef {
  id: string;
  treasurer?: TestUser;
}

export interface SocietyOptions<R extends SocietyRole> extends Partial<CreateSocietyDto> {
  /** One member per role, added in the order of SOCIETY_ROLES (default: all five). */
  roles?: readonly R[];
  /** How many board members (default 1); all are in `boardMembers`, the first is `board`. */
  board?: number;
  /** Display names of the role holders, e.g. `{ treasurer: '钱出纳' }` for a receipt's cashier. */
  displayNames?: Partial<Record<SocietyRole, string>>;
}

/** A society with a user per role (`soc.treasurer.auth` …) and its URL under /api/v1. */
export type TestSociety<R extends SocietyRole = SocietyRole> = SocietyResponseDto & {
  url: string;
  boardMembers: TestUser[];
} & { [K in R]: TestUser };

export interface DonationOptions extends Partial<Omit<RecordDonationDto, 'donorId'>> {
  amountFen: number;
  /** Default: the society's own donor, made on first use. */
  donor?: { id: string };
  /** Who records it (default: the society's treasurer). */
  by?: TestUser;
}

export interface CaseOptions extends Partial<Omit<CreateCaseDto, 'applicant'>> {
  applicant?: Partial<CreateCaseDto['applicant']>;
  /** Who files it (default: the society's secretary). */
  by?: TestUser;
}

/** A valid resident ID number (GB 11643) for a birth date and sequence: tests' applicants. */
export function testIdNumber(birth = '19800101', seq = 1): string {
  const first17 = `341702${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

export interface ApprovedCaseOptions extends Omit<CaseOptions, 'by'> {
  /** The approved amount, held on the fund (which must have it available). */
  amountFen: number;
  /** Who files it (default: the society's secretary). */
  filedBy?: TestUser;
  /** Who opened the vote (default: the society's secretary). */
  openedBy?: TestUser;
}

export interface TransferOptions extends TransferDto {
  by?: TestUser;
}

export interface Fixtures {
  /** Runs `fn` in one transaction, as a use case runs; fixtures called inside join it. */
  tx<T>(fn: () => Promise<T>): Promise<T>;
  user(opts?: UserOptions): Promise<TestUser>;
  society<R extends SocietyRole = SocietyRole>(opts?: SocietyOptions<R>): Promise<TestSociety<R>>;
  /** Adds `who` (an existing user, or a new one made from these options) with `roles`. */
  member(soc: SocietyRef, roles: SocietyRole[], who?: TestUser | UserOptions): Promise<TestUser>;
  donor(soc: SocietyRef, dto?: Partial<CreateDonorDto>, by?: TestUser): Promise<DonorResponseDto>;
  donation(soc: SocietyRef, opts: DonationOptions): Promise<DonationResponseDto>;
  voidDonation(
    soc: SocietyRef,
    gift: { id: string },
    reason?: string,
    by?: TestUser,
  ): Promise<DonationResponseDto>;
  transfer(soc: SocietyRef, opts: TransferOptions): Promise<EntryResponseDto>;
  /** A draft case, filed through CasesService (default applicant 范某某 with a fresh ID number). */
  case(soc: SocietyRef & { secretary?: TestUser }, opts?: CaseOptions): Promise<CaseResponseDto>;
  /**
   * An `approved` case through a real vote: filed, a vote opened on `amountFen` (the hold), and the
   * eligible board members approving one by one until the tally decides it.
   */
  approvedCase(
    soc: SocietyRef & { secretary?: TestUser },
    opts: ApprovedCaseOptions,
  ): Promise<CaseResponseDto>;
}

let idSeq = 0;

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}_${randomUUID().slice(0, 6)}`;
}

/** A login token for `user`, with the header the API expects. */
export function asTestUser(t: TestApp, user: Principal): TestUser {
  const { id, username, displayName, platformRole } = user;
  const token = t.token(user);
  return { id, username, displayName, platformRole, token, auth: { Authorization: `Bearer ${token}` } };
}

/**
 * Data built through the services, as the API would build it (audited, in the ledger, numbered),
 * without HTTP: tests send requests only for the behaviour they are about. Each fixture is one
 * transaction. `admin` acts where an administrator would (societies, members); money is recorded
 * by the society's treasurer unless `by` says otherwise.
 */
export function createFixtures(t: TestApp, admin?: TestUser): Fixtures {
  const cls = t.app.get(ClsService);
  const txHost = t.app.get<TransactionHost<Tx>>(TransactionHost);
  const users = t.app.get(UsersService);
  const societies = t.app.get(SocietiesService);
  const memberships = t.app.get(MembershipsService);
  const donors = t.app.get(DonorsService);
  const donations = t.app.get(DonationsService);
  const ledger = t.app.get(LedgerService);
  const cases = t.app.get(CasesService);
  const votes = t.app.get(VotesService);
  const defaultDonors = new Map<string, Promise<DonorResponseDto>>();

  const tx = <T>(fn: () => Promise<T>): Promise<T> =>
    cls.isActive() ? txHost.withTransaction(fn) : t.run(() => txHost.withTransaction(fn));

  const theAdmin = (): TestUser => {
    if (!admin) throw new Error('fixtures: no admin to act as (use withTestApp(), or pass one)');
    return admin;
  };
  const treasurerOf = (soc: SocietyRef, by: TestUser | undefined, what: string): TestUser => {
    const actor = by ?? soc.treasurer;
    if (!actor) throw new Error(`fx.${what}: the society has no treasurer here; say who acts with \`by\``);
    return actor;
  };

  const user = (opts: UserOptions = {}): Promise<TestUser> =>
    tx(async () => {
      const dto: CreateUserDto = {
        username: opts.username ?? unique('user'),
        password: TEST_PASSWORD,
        displayName: opts.displayName ?? '测试用户',
        phone: opts.phone,
        platformRole: opts.platformRole,
      };
      return asTestUser(t, await users.create(dto, admin ?? null));
    });

  const member = (soc: SocietyRef, roles: SocietyRole[], who: TestUser | UserOptions = {}) =>
    tx(async () => {
      const u = 'token' in who ? who : await user(who);
      await memberships.add(soc.id, { userId: u.id, roles }, theAdmin());
      return u;
    });

  const donor = (soc: SocietyRef, dto: Partial<CreateDonorDto> = {}, by?: TestUser) =>
    tx(() =>
      donors.create(soc.id, { kind: 'individual', name: '张三', ...dto }, treasurerOf(soc, by, 'donor')),
    );

  /**
   * The donor of gifts that name none: one per society, made (and committed, outside the gift's
   * transaction) on first use.
   */
  const defaultDonor = (soc: SocietyRef, by: TestUser): Promise<DonorResponseDto> => {
    let made = defaultDonors.get(soc.id);
    if (!made) {
      made = donor(soc, {}, by);
      made.catch(() => defaultDonors.delete(soc.id));
      defaultDonors.set(soc.id, made);
    }
    return made;
  };

  const fixtures: Fixtures = {
    tx,
    user,
    member,
    donor,

    society: <R extends SocietyRole = SocietyRole>(opts: SocietyOptions<R> = {}) =>
      tx(async () => {
        const { roles = SOCIETY_ROLES as readonly SocietyRole[], board, displayNames = {}, ...dto } = opts;
        const created = await societies.create(
          { name: unique('互助社'), regionCode: '341702001001', ...dto },
          theAdmin(),
        );
        const soc = { ...created, url: `/api/v1/societies/${created.id}`, boardMembers: [] as TestUser[] };
        const staff: Partial<Record<SocietyRole, TestUser>> = {};
        for (const role of SOCIETY_ROLES) {
          const count = role === 'board' && board !== undefined ? board : roles.includes(role) ? 1 : 0;
          for (let i = 0; i < count; i++) {
            const u = await member(soc, [role], { displayName: displayNames[role] });
            staff[role] ??= u;
            if (role === 'board') soc.boardMembers.push(u);
          }
        }
        return { ...soc, ...staff } as TestSociety<R>;
      }),

    donation: async (soc, { donor: given, by, ...opts }) => {
      const actor = treasurerOf(soc, by, 'donation');
      const donorId = given?.id ?? (await defaultDonor(soc, actor)).id;
      return tx(() =>
        donations.record(
          soc.id,
          { donorId, channel: 'bank_transfer', receivedAt: '2026-11-29', ...opts },
          actor,
        ),
      );
    },

    voidDonation: (soc, gift, reason = '录入错误', by) =>
      tx(() => donations.void(soc.id, gift.id, { reason }, treasurerOf(soc, by, 'voidDonation'))),

    transfer: (soc, { by, ...dto }) =>
      tx(() => ledger.transfer(soc.id, dto, treasurerOf(soc, by, 'transfer').id)).then(toEntryResponse),

    case: (soc, { by, applicant, ...opts } = {}) => {
      const actor = by ?? soc.secretary;
      if (!actor) throw new Error('fx.case: the society has no secretary here; say who files with `by`');
      idSeq += 1;
      return tx(() =>
        cases.create(
          soc.id,
          {
            applicant: { name: '范某某', idNumber: testIdNumber('19800101', idSeq), ...applicant },
            category: 'serious_illness',
            description: '突发疾病住院',
            source: 'home_visit',
            requestedAmountFen: 300_000,
            ...opts,
          },
          actor,
        ),
      );
    },

    approvedCase: async (soc, { amountFen, filedBy, openedBy, ...opts }) => {
      const filer = filedBy ?? soc.secretary;
      const opener = openedBy ?? soc.secretary;
      if (!filer || !opener) throw new Error('fx.approvedCase: say who files and opens the vote');
      const { requestedAmountFen = amountFen, ...rest } = opts;
      const filed = await fixtures.case(soc, { ...rest, requestedAmountFen, by: filer });
      return tx(async () => {
        let vote: VoteDetailDto = await votes.open(soc.id, filed.id, { amountFen }, opener);
        // Every eligible board member at opening approves from their phone, until it is decided.
        for (const voterId of vote.eligibleVoterIds) {
          if (vote.tally.outcome !== 'pending') break;
          const voter: Principal = { id: voterId, username: '', displayName: '', platformRole: null };
          vote = await votes.cast(soc.id, filed.id, { choice: 'approve' }, voter);
        }
        if (vote.tally.outcome !== 'approved') {
          throw new Error(`fx.approvedCase: the board did not approve (${vote.tally.outcome})`);
        }
        return cases.get(soc.id, filed.id, opener);
      });
    },
  };
  return fixtures;
}
