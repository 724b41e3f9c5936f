import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiInt, ApiString, ApiUuid } from '../common/openapi/properties';

export class AuditEventResponseDto {
  @ApiInt({ minimum: 1, example: 3 }) seq!: number;
  @ApiDateTime() at!: string;
  @ApiUuid({ nullable: true, description: 'null for acts of the system itself' }) actorId!: string | null;
  @ApiProperty({ example: 'member.added' }) action!: string;
  @ApiProperty({ example: 'membership' }) entity!: string;
  @ApiString({ example: 'a3c1e2d4-0000-4000-8000-000000000002', nullable: true }) entityId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { userId: 'a3c1…', roles: ['board'] } })
  data!: Record<string, unknown>;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', example: '9f2c'.padEnd(64, '0') }) hash!: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', example: '41ab'.padEnd(64, '0') }) prevHash!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventResponseDto] }) items!: AuditEventResponseDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}

export class VerificationResponseDto {
  @ApiProperty({ example: false }) ok!: boolean;
  @ApiInt({ minimum: 0, example: 41, description: 'events verified before the first break (all when ok)' })
  checked!: number;
  @ApiInt({ required: false, minimum: 1, example: 42 }) firstBrokenSeq?: number;
}
