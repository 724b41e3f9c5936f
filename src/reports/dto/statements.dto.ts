import { ApiProperty } from '@nestjs/swagger';
import { MAX_FEN } from '../../common/money/fen';
import {
  ApiAmountFen,
  ApiDateTime,
  ApiFen,
  ApiInt,
  ApiString,
  ApiUuid,
} from '../../common/openapi/properties';
import { ASSET_ACCOUNTS } from '../../fund/domain/ledger';
import { DONOR_KINDS } from '../../donors/domain/labels';

const ACCOUNT = {
  enum: ASSET_ACCOUNTS,
  example: 'bank',
  description: 'the asset account the money went into or out of',
};

class StatementLineDto {
  @ApiInt({ minimum: 1, example: 12, description: 'the ledger entry’s seq (gap-free per society)' })
  entrySeq!: number;
  @ApiDateTime({ description: 'when the ledger posted it: this decides the month' }) postedAt!: string;
  @ApiAmountFen() amountFen!: number;
  @ApiProperty(ACCOUNT) account!: string;
}

export class PublicStatementDonationDto extends StatementLineDto {
  @ApiString({
    example: '爱心人士',
    description: 'the donor’s name, or 爱心人士/爱心企业 for an anonymous donor',
  })
  donorName!: string;
}

export class StatementDonationDto extends StatementLineDto {
  @ApiString({ example: '2026-000012' }) receiptNo!: string;
  @ApiString({ example: '张三', description: 'the donor’s real name, anonymous or not' }) donorName!: string;
  @ApiProperty({ enum: DONOR_KINDS, example: 'individual' }) donorKind!: string;
}

export class StatementAidDto extends StatementLineDto {
  @ApiString({ example: '2026-0001' }) caseNo!: string;
  @ApiString({
    example: '小范（化名）',
    description:
      'the public display name (pseudonym with （化名）, masked name, 某未成年人 for a child under 14)',
  })
  displayName!: string;
}

export class StatementTransferDto {
  @ApiInt({ minimum: 1, example: 13 }) entrySeq!: number;
  @ApiDateTime() postedAt!: string;
  @ApiProperty({ enum: ASSET_ACCOUNTS, example: 'cash' }) from!: string;
  @ApiProperty({ enum: ASSET_ACCOUNTS, example: 'bank' }) to!: string;
  @ApiAmountFen() amountFen!: number;
}

export class StatementTotalsDto {
  @ApiFen() donatedFen!: number;
  @ApiFen({ example: 0 }) voidedFen!: number;
  @ApiFen({ example: 100000 }) aidPaidFen!: number;
  @ApiFen({ example: 0 }) recoveredFen!: number;
  @ApiInt({
    minimum: -MAX_FEN,
    maximum: MAX_FEN,
    example: 0,
    description: 'donated − voided − aid paid + recovered = closing − opening (may be negative)',
  })
  netChangeFen!: number;
}

class StatementBaseDto {
  @ApiString({ example: '2026-11', description: 'YYYY-MM, a month in the society’s time zone' })
  period!: string;
  @ApiUuid() societyId!: string;
  @ApiString({ example: '杏花村救急难互助社' }) societyName!: string;
  @ApiFen({ description: 'bank + cash when the month begins' }) openingBalanceFen!: number;
  @ApiFen({ description: 'bank + cash when the month ends (so far, for the current month)' })
  closingBalanceFen!: number;
  @ApiProperty({ type: [StatementAidDto] }) aid!: StatementAidDto[];
  @ApiProperty({ type: [StatementAidDto], description: 'money back from paid cases' })
  recoveries!: StatementAidDto[];
  @ApiProperty({ type: StatementTotalsDto }) totals!: StatementTotalsDto;
}

export class StatementDto extends StatementBaseDto {
  @ApiProperty({ type: [StatementDonationDto] }) donations!: StatementDonationDto[];
  @ApiProperty({
    type: [StatementDonationDto],
    description: 'voids posted this month (of gifts of any month), each reversing its gift',
  })
  voids!: StatementDonationDto[];
  @ApiProperty({ type: [StatementTransferDto], description: 'between cash and bank: net zero' })
  transfers!: StatementTransferDto[];
}

export class PublicStatementDto extends StatementBaseDto {
  @ApiProperty({ type: [PublicStatementDonationDto] }) donations!: PublicStatementDonationDto[];
  @ApiProperty({ type: [PublicStatementDonationDto] }) voids!: PublicStatementDonationDto[];
}
