import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditEventResponseDto {
  @ApiProperty({ example: 3 }) seq!: number;
  @ApiProperty({ example: '2026-11-29T02:15:00.000Z' }) at!: string;
  @ApiProperty({ example: 'f1d2c3b4-0000-4000-8000-000000000001', nullable: true }) actorId!: string | null;
  @ApiProperty({ example: 'member.added' }) action!: string;
  @ApiProperty({ example: 'membership' }) entity!: string;
  @ApiProperty({ example: 'a3c1e2d4-0000-4000-8000-000000000002', nullable: true }) entityId!: string | null;
  @ApiProperty({ example: { userId: 'a3c1…', roles: ['board'] } }) data!: Record<string, unknown>;
  @ApiProperty({ example: '9f2c…(64 hex)' }) hash!: string;
  @ApiProperty({ example: '41ab…(64 hex)' }) prevHash!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventResponseDto] }) items!: AuditEventResponseDto[];
  @ApiProperty({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}

export class VerificationResponseDto {
  @ApiProperty({ example: false }) ok!: boolean;
  @ApiProperty({ example: 41, description: 'events verified before the first break (all when ok)' })
  checked!: number;
  @ApiPropertyOptional({ example: 42 }) firstBrokenSeq?: number;
}
