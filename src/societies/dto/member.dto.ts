import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUUID,
} from 'class-validator';
import { SOCIETY_ROLES, SocietyRole } from '../../common/access/roles';
import { ApiDateTime, ApiString, ApiUuid } from '../../common/openapi/properties';
import { PageQueryDto } from '../../common/pagination';

export class AddMemberDto {
  @ApiUuid()
  @IsUUID()
  userId!: string;

  @ApiProperty({ enum: SOCIETY_ROLES, isArray: true, minItems: 1, uniqueItems: true, example: ['board'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SOCIETY_ROLES.length)
  @ArrayUnique()
  @IsIn(SOCIETY_ROLES, { each: true })
  roles!: SocietyRole[];
}

export class UpdateMemberDto {
  @ApiProperty({
    enum: SOCIETY_ROLES,
    isArray: true,
    minItems: 1,
    uniqueItems: true,
    example: ['board', 'collector'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SOCIETY_ROLES.length)
  @ArrayUnique()
  @IsIn(SOCIETY_ROLES, { each: true })
  roles!: SocietyRole[];
}

export class MemberQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'include ended memberships (history)', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeInactive?: boolean;
}

export class MemberResponseDto {
  @ApiUuid() userId!: string;
  @ApiProperty({ example: 'lisi' }) username!: string;
  @ApiProperty({ example: '李四' }) displayName!: string;
  @ApiProperty({ enum: SOCIETY_ROLES, isArray: true, example: ['board'] }) roles!: SocietyRole[];
  @ApiProperty({ example: true }) active!: boolean;
  @ApiDateTime() since!: string;
  @ApiDateTime({ nullable: true, example: '2026-12-31T09:00:00.000Z', description: 'null while active' })
  until!: string | null;
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberResponseDto] }) items!: MemberResponseDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}
