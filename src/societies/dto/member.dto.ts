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
import { PageQueryDto } from '../../common/pagination';

export class AddMemberDto {
  @ApiProperty({ example: '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ enum: SOCIETY_ROLES, isArray: true, example: ['board'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SOCIETY_ROLES.length)
  @ArrayUnique()
  @IsIn(SOCIETY_ROLES, { each: true })
  roles!: SocietyRole[];
}

export class UpdateMemberDto {
  @ApiProperty({ enum: SOCIETY_ROLES, isArray: true, example: ['board', 'collector'] })
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
  @ApiProperty({ example: '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f' }) userId!: string;
  @ApiProperty({ example: 'lisi' }) username!: string;
  @ApiProperty({ example: '李四' }) displayName!: string;
  @ApiProperty({ enum: SOCIETY_ROLES, isArray: true, example: ['board'] }) roles!: SocietyRole[];
  @ApiProperty({ example: true }) active!: boolean;
  @ApiProperty({ example: '2026-11-29T02:15:00.000Z' }) since!: string;
  @ApiProperty({ example: null, nullable: true }) until!: string | null;
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberResponseDto] }) items!: MemberResponseDto[];
  @ApiProperty({ nullable: true, example: null }) nextCursor!: string | null;
}
