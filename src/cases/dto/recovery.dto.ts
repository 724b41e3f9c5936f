import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiAmountFen, ApiDateTime, ApiUuid } from '../../common/openapi/properties';
import { IsFen, IsNotBlank } from '../../common/validators';
import { ASSET_ACCOUNTS, AssetAccount } from '../../fund/domain/ledger';

export class RecoverCaseDto {
  @ApiAmountFen({
    example: 100000,
    description: 'what came back: at most what was paid (`AMOUNT_EXCEEDS_APPROVED` names `paidFen`)',
  })
  @IsFen()
  amountFen!: number;

  @ApiPropertyOptional({
    enum: ASSET_ACCOUNTS,
    default: 'bank',
    example: 'bank',
    description: 'where the money came back to',
  })
  @IsOptional()
  @IsIn(ASSET_ACCOUNTS)
  account?: AssetAccount;

  @ApiPropertyOptional({
    example: '退回款 网银流水 20261215-0007',
    maxLength: 200,
    description: "kept as the ledger entry's memo",
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  reference?: string;
}

export class RecoveryResponseDto {
  @ApiUuid({
    example: '9a8b7c6d-0000-4000-8000-000000000002',
    description: 'the ledger entry of the recovery (Dr bank|cash / Cr recoveries)',
  })
  entryId!: string;

  @ApiUuid({ example: '5e6f7a8b-0000-4000-8000-000000000001' })
  caseId!: string;

  @ApiAmountFen({ example: 100000 })
  amountFen!: number;

  @ApiProperty({ enum: ASSET_ACCOUNTS, example: 'bank' })
  account!: AssetAccount;

  @ApiDateTime()
  recoveredAt!: string;
}
