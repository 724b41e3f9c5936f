import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination';
import { IsFen } from '../../common/validators';
import { ACCOUNT_CODES, ASSET_ACCOUNTS, AssetAccount, ENTRY_KINDS } from '../domain/ledger';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = {
  message: '$property must be a date YYYY-MM-DD',
  context: { zh: '必须是 YYYY-MM-DD 格式的日期' },
};

export class DateRangeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: "first day, in the society's time zone" })
  @IsOptional()
  @Matches(DATE, dateMessage)
  @IsISO8601({ strict: true }, dateMessage)
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: "last day (inclusive), in the society's time zone",
  })
  @IsOptional()
  @Matches(DATE, dateMessage)
  @IsISO8601({ strict: true }, dateMessage)
  to?: string;
}

export class TransferDto {
  @ApiProperty({ enum: ASSET_ACCOUNTS, example: 'cash' })
  @IsIn(ASSET_ACCOUNTS)
  from!: AssetAccount;

  @ApiProperty({ enum: ASSET_ACCOUNTS, example: 'bank' })
  @IsIn(ASSET_ACCOUNTS)
  to!: AssetAccount;

  @ApiProperty({ example: 200000, description: 'fen, 1 to 10^12' })
  @IsFen()
  amountFen!: number;

  @ApiPropertyOptional({ example: '现金存入银行' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  memo?: string;
}

export class LineDto {
  @ApiProperty({ enum: ACCOUNT_CODES, example: 'bank' }) account!: string;
  @ApiProperty({ example: 100000 }) debitFen!: number;
  @ApiProperty({ example: 0 }) creditFen!: number;
}

export class RefDto {
  @ApiProperty({ example: 'donation' }) type!: string;
  @ApiProperty({ example: '3f1e2d4c-0000-4000-8000-000000000001' }) id!: string;
}

export class EntryResponseDto {
  @ApiProperty({ example: '9a8b7c6d-0000-4000-8000-000000000001' }) id!: string;
  @ApiProperty({ example: 12, description: 'gap-free per society' }) seq!: number;
  @ApiProperty({ enum: ENTRY_KINDS, example: 'donation' }) kind!: string;
  @ApiProperty({ example: '2026-11-29T02:15:00.000Z' }) postedAt!: string;
  @ApiProperty({ example: '捐赠 2026-000012', nullable: true }) memo!: string | null;
  @ApiProperty({ type: [LineDto] }) lines!: LineDto[];
  @ApiProperty({ type: RefDto, nullable: true }) ref!: RefDto | null;
}

export class EntryPageDto {
  @ApiProperty({ type: [EntryResponseDto] }) items!: EntryResponseDto[];
  @ApiProperty({ nullable: true, example: null }) nextCursor!: string | null;
}

export class AccountBalanceDto {
  @ApiProperty({ enum: ACCOUNT_CODES, example: 'bank' }) code!: string;
  @ApiProperty({ example: 1200000 }) balanceFen!: number;
}

export class FundTotalsDto {
  @ApiProperty({ example: 1500000, description: 'donations net of voids' }) donatedFen!: number;
  @ApiProperty({ example: 300000 }) aidPaidFen!: number;
  @ApiProperty({ example: 0 }) recoveredFen!: number;
}

export class FundSummaryDto {
  @ApiProperty({ example: 1200000, description: 'bank + cash' }) balanceFen!: number;
  @ApiProperty({ example: 100000, description: 'reserved for open votes and approved, unpaid cases' })
  heldFen!: number;
  @ApiProperty({ example: 1100000, description: 'balance − held, never negative' }) availableFen!: number;
  @ApiProperty({ type: [AccountBalanceDto] }) accounts!: AccountBalanceDto[];
  @ApiProperty({ type: FundTotalsDto }) totals!: FundTotalsDto;
}

export class ReconciliationAccountDto {
  @ApiProperty({ example: 'bank' }) code!: string;
  @ApiProperty({ example: 1200000, description: 'cached balance' }) balanceFen!: number;
  @ApiProperty({ example: 1200000, description: 'recomputed from the ledger lines' }) ledgerFen!: number;
}

export class ReconciliationDto {
  @ApiProperty({ example: true }) ok!: boolean;
  @ApiProperty({ type: [ReconciliationAccountDto] }) accounts!: ReconciliationAccountDto[];
  @ApiProperty({ example: 3000000 }) debitsFen!: number;
  @ApiProperty({ example: 3000000 }) creditsFen!: number;
  @ApiProperty({ example: 100000, description: "the fund's cached held amount" }) heldFen!: number;
  @ApiProperty({ example: 100000, description: 'sum of the open holds' }) holdsFen!: number;
  @ApiProperty({ example: 42 }) entries!: number;
  @ApiProperty({ example: 0, description: 'entries whose lines do not balance (always 0)' })
  unbalancedEntries!: number;
  @ApiProperty({ example: true, description: 'entry seq runs 1..n without gaps' }) seqGapFree!: boolean;
}
