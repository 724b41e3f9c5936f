import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PLATFORM_ROLES, PlatformRole, SOCIETY_ROLES, SocietyRole } from '../../common/access/roles';
import { ApiDateTime, ApiInt, ApiString, ApiUuid } from '../../common/openapi/properties';
import { PageQueryDto } from '../../common/pagination';
import { IsMobile, IsNotBlank } from '../../common/validators';

export const PASSWORD_MIN = 10;

export class LoginDto {
  @ApiProperty({ example: 'admin', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'correct horse battery', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'old password 123', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ example: 'new password 456', minLength: PASSWORD_MIN, maxLength: 200 })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(200)
  newPassword!: string;
}

export class CreateUserDto {
  @ApiProperty({
    example: 'zhangsan',
    pattern: '^[\\p{L}\\p{N}_.@-]{3,64}$',
    description: '3–64 letters, digits, `_ . @ -`; unique regardless of case',
  })
  @IsString()
  @Matches(/^[\p{L}\p{N}_.@-]{3,64}$/u, {
    message: 'username must be 3–64 letters, digits or _ . @ -',
    context: { zh: '用户名须为 3–64 个字母、数字或 _ . @ -' },
  })
  username!: string;

  @ApiProperty({ example: 'a long passphrase', minLength: PASSWORD_MIN, maxLength: 200 })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ example: '张三', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsNotBlank()
  displayName!: string;

  @ApiPropertyOptional({ example: '13800138000', description: 'stored encrypted; shown masked' })
  @IsOptional()
  @IsMobile()
  phone?: string;

  @ApiPropertyOptional({ enum: PLATFORM_ROLES, example: 'overseer', description: 'omit for none' })
  @IsOptional()
  @IsIn(PLATFORM_ROLES)
  platformRole?: PlatformRole;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '张', maxLength: 64, description: 'part of the username or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}

export class UserResponseDto {
  @ApiUuid() id!: string;
  @ApiProperty({ example: 'zhangsan' }) username!: string;
  @ApiProperty({ example: '张三' }) displayName!: string;
  @ApiString({ example: '138****8000', nullable: true }) phoneMasked!: string | null;
  @ApiProperty({ enum: PLATFORM_ROLES, nullable: true, example: 'admin' }) platformRole!: PlatformRole | null;
  @ApiProperty({ example: true }) active!: boolean;
  @ApiDateTime() createdAt!: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserResponseDto] }) items!: UserResponseDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}

export class LoginUserDto {
  @ApiUuid() id!: string;
  @ApiProperty({ example: 'zhangsan' }) username!: string;
  @ApiProperty({ example: '张三' }) displayName!: string;
  @ApiProperty({ enum: PLATFORM_ROLES, nullable: true, example: 'admin' }) platformRole!: PlatformRole | null;
}

export class LoginResponseDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIs…' }) accessToken!: string;
  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiInt({ minimum: 1, example: 3600, description: 'seconds' }) expiresIn!: number;
  @ApiProperty({ type: LoginUserDto }) user!: LoginUserDto;
}

export class MembershipSummaryDto {
  @ApiUuid({ example: '8d7e6f5a-1b2c-4d3e-8f90-a1b2c3d4e5f6' }) societyId!: string;
  @ApiProperty({ example: '杏花村救急难互助社' }) societyName!: string;
  @ApiProperty({ enum: SOCIETY_ROLES, isArray: true, example: ['secretary'] }) roles!: SocietyRole[];
}

export class MeResponseDto extends LoginUserDto {
  @ApiProperty({ type: [MembershipSummaryDto] }) memberships!: MembershipSummaryDto[];
}
