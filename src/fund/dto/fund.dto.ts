import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  ApiAmountFen,
  ApiDateTime,
  ApiFen,
  ApiInt,
  ApiString,
  ApiUuid,
} from '../../common/openapi/properties';
import { DateRangeQueryDto, Page } from '../../common/pagination';

export { DateRangeQueryDto };
import { IsFen } from '../../common/validators';
import { ACCOUNT_CODES, ASSET_ACCOUNTS, AssetAccount, ENTRY_KINDS, PostedEntry } from '../domain/ledger';

export class TransferDto {
  @ApiProperty({ enum: ASSET_ACCOUNTS, example: 'cash' })
  @IsIn(ASSET_ACCOUNTS)
  from!: AssetAccount;

  @ApiProperty({ enum: ASSET_ACCOUNTS, example: 'bank' })
  @IsIn(ASSET_ACCOUNTS)
  to!: AssetAccount;

  @ApiAmountFen({ example: 200000 })
  @IsFen()
  amountFen!: number;

  @ApiPropertyOptional({ example: '现金存入银行', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  memo?: string;
}

export class LineDto {
  @ApiProperty({ enum: ACCOUNT_CODES, example: 'bank' }) account!: string;
  @ApiFen() debitFen!: number;
  @ApiFen({ example: 0 }) creditFen!: number;
}

export class RefDto {
  @ApiProperty({ example: 'donation', description: 'what the entry records, e.g. `donation`' }) type!: string;
  @ApiUuid({ example: '3f1e2d4c-0000-4000-8000-000000000001' }) id!: string;
}

export class EntryResponseDto {
  @ApiUuid({ example: '9a8b7c6d-0000-4000-8000-000000000001' }) id!: string;
  @ApiInt({ minimum: 1, example: 12, description: 'gap-free per society' }) seq!: number;
  @ApiProperty({ enum: ENTRY_KINDS, example: 'donation' }) kind!: string;
  @ApiDateTime() postedAt!: string;
  @ApiString({ example: '捐赠 2026-000012', nullable: true }) memo!: string | null;
  @ApiProperty({ type: [LineDto] }) lines!: LineDto[];
  @ApiProperty({ type: RefDto, nullable: true }) ref!: RefDto | null;
}

export class EntryPageDto {
  @ApiProperty({ type: [EntryResponseDto] }) items!: EntryResponseDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}

export function toEntryResponse(e: PostedEntry): EntryResponseDto {
  return {
    id: e.id,
    seq: e.seq,
    kind: e.kind,
    postedAt: e.postedAt.toISOString(),
    memo: e.memo,
    lines: e.lines.map((l) => ({ account: l.account, debitFen: l.debitFen, creditFen: l.creditFen })),
    ref: e.ref ? { type: e.ref.type, id: e.ref.id } : null,
  };
}

export function toEntryPage(page: Page<PostedEntry>): EntryPageDto {
  return { items: page.items.map(toEntryResponse), nextCursor: page.nextCursor };
}

export class AccountBalanceDto {
  @ApiProperty({ enum: ACCOUNT_CODES, example: 'bank' }) code!: string;
  @ApiFen({ example: 1200000 }) balanceFen!: number;
}

export class FundTotalsDto {
  @ApiFen({ example: 1500000, description: 'donations net of voids' }) donatedFen!: number;
  @ApiFen({ example: 300000 }) aidPaidFen!: number;
  @ApiFen({ example: 0 }) recoveredFen!: number;
}

export class FundSummaryDto {
  @ApiFen({ example: 1200000, description: 'bank + cash' }) balanceFen!: number;
  @ApiFen({ example: 100000, description: 'reserved for open votes and approved, unpaid cases' })
  heldFen!: number;
  @ApiFen({ example: 1100000, description: 'balance − held, never negative' }) availableFen!: number;
  @ApiProperty({ type: [AccountBalanceDto] }) accounts!: AccountBalanceDto[];
  @ApiProperty({ type: FundTotalsDto }) totals!: FundTotalsDto;
}

export class ReconciliationAccountDto {
  @ApiProperty({ enum: ACCOUNT_CODES, example: 'bank' }) code!: string;
  @ApiInt({ example: 1200000, description: 'cached balance, fen' }) balanceFen!: number;
  @ApiInt({ example: 1200000, description: 'recomputed from the ledger lines, fen' }) ledgerFen!: number;
}

export class ReconciliationDto {
  @ApiProperty({ example: true }) ok!: boolean;
  @ApiProperty({ type: [ReconciliationAccountDto] }) accounts!: ReconciliationAccountDto[];
  @ApiInt({ minimum: 0, example: 3000000 }) debitsFen!: number;
  @ApiInt({ minimum: 0, example: 3000000 }) creditsFen!: number;
  @ApiInt({ example: 100000, description: "the fund's cached held amount" }) heldFen!: number;
  @ApiInt({ minimum: 0, example: 100000, description: 'sum of the open holds' }) holdsFen!: number;
  @ApiInt({ minimum: 0, example: 42 }) entries!: number;
  @ApiInt({ minimum: 0, example: 0, description: 'entries whose lines do not balance (always 0)' })
  unbalancedEntries!: number;
  @ApiProperty({ example: true, description: 'entry seq runs 1..n without gaps' }) seqGapFree!: boolean;
}
