import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ApiDateTime, ApiString, ApiUuid } from '../../common/openapi/properties';
import { IsNotBlank } from '../../common/validators';

export class CreateIntakeKeyDto {
  @ApiProperty({
    example: '池州市低收入人口动态监测平台',
    minLength: 1,
    maxLength: 100,
    description: 'which platform holds the key',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsNotBlank()
  name!: string;
}

export class IntakeKeyDto {
  @ApiUuid() id!: string;
  @ApiProperty({ example: '池州市低收入人口动态监测平台' }) name!: string;
  @ApiProperty({ example: 'hzk_Q2xl', description: "the key's first 8 characters, to tell keys apart" })
  keyPrefix!: string;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime({ nullable: true, description: 'null while the key is in use' }) revokedAt!: string | null;
}

export class CreatedIntakeKeyDto {
  @ApiUuid() id!: string;
  @ApiProperty({ example: '池州市低收入人口动态监测平台' }) name!: string;
  @ApiString({
    example: 'hzk_ZXhhbXBsZSBvbmx5OiBub3QgYSByZWFsIGtleSEhISE',
    pattern: '^hzk_[A-Za-z0-9_-]{43}$',
    description:
      'the key, shown this once (only its SHA-256 is stored): the platform sends `Authorization: ApiKey <key>`',
  })
  key!: string;
}

export class IntakeKeyListDto {
  @ApiProperty({ type: [IntakeKeyDto], description: 'oldest first, revoked ones too' })
  items!: IntakeKeyDto[];
}
