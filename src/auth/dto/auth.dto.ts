import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PLATFORM_ROLES, PlatformRole, SOCIETY_ROLES, SocietyRole } from '../../common/access/roles';
import { PageQueryDto } from '../../common/pagination';
import { IsMobile, IsNotBlank } from '../../common/validators';

export const PASSWORD_MIN = 10;

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'correct horse battery' })
  @IsString()
  @MaxLength(200)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'old password 123' })
  @IsString()
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ example: 'new password 456', minLength: PASSWORD_MIN })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(200)
  newPassword!: string;
}

export class CreateUserDto {
  @ApiProperty({
    example: 'zhangsan',
    description: '3–64 letters, digits, `_ . @ -`; unique regardless of case',
  })
  @IsString()
  @Matches(/^[\p{L}\p{N}_.@-]{3,64}$/u, {
    message: 'username must be 3–64 letters, digits or _ . @ -',
    context: { zh: '用户名须为 3–64 个字母、数字或 _ . @ -' },
  })
  username!: string;

  @ApiProperty({ example: 'a long passphrase', minLength: PASSWORD_MIN })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsNotBlank()
  displayName!: string;

  @ApiPropertyOptional({ example: '13800138000', description: 'stored encrypted; shown masked' })
  @IsOptional()
  @IsMobile()
  phone?: string;

  @ApiPropertyOptional({ enum: PLATFORM_ROLES, nullable: true, example: null })
  @IsOptional()
  @IsIn(PLATFORM_ROLES)
  platformRole?: PlatformRole;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '张', description: 'part of the username or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}

export class UserResponseDto {
  @ApiProperty({ example: '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ example: 'zhangsan' }) username!: string;
  @ApiProperty({ example: '张三' }) displayName!: string;
  @ApiProperty({ example: '138****8000', nullable: true }) phoneMasked!: string | null;
  @ApiProperty({ enum: PLATFORM_ROLES, nullable: true, example: null }) platformRole!: PlatformRole | null;
  @ApiProperty({ example: true }) active!: boolean;
  @ApiProperty({ example: '2026-11-29T02:15:00.000Z' }) createdAt!: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserResponseDto] }) items!: UserResponseDto[];
  @ApiProperty({ nullable: true, example: null }) nextCursor!: string | null;
}

export class LoginUserDto {
  @ApiProperty({ example: '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ example: 'zhangsan' }) username!: string;
  @ApiProperty({ example: '张三' }) displayName!: string;
  @ApiProperty({ enum: PLATFORM_ROLES, nullable: true, example: null }) platformRole!: PlatformRole | null;
}

export class LoginResponseDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIs…' }) accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ example: 3600, description: 'seconds' }) expiresIn!: number;
  @ApiProperty({ type: LoginUserDto }) user!: LoginUserDto;
}

export class MembershipSummaryDto {
  @ApiProperty({ example: '8d7e6f5a-1b2c-4d3e-8f90-a1b2c3d4e5f6' }) societyId!: string;
  @ApiProperty({ example: '杏花村救急难互助社' }) societyName!: string;
  @ApiProperty({ enum: SOCIETY_ROLES, isArray: true, example: ['secretary'] }) roles!: SocietyRole[];
}

export class MeResponseDto extends LoginUserDto {
  @ApiProperty({ type: [MembershipSummaryDto] }) memberships!: MembershipSummaryDto[];
}
