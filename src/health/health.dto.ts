import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' }) status!: 'ok';
  @ApiProperty({ enum: ['up'], example: 'up' }) database!: 'up';
}

/** The 503 body: the error fields plus the health fields, for probes that read either. */
export class HealthDownDto {
  @ApiProperty({ type: 'integer', enum: [503], example: 503 }) statusCode!: 503;
  @ApiProperty({ enum: ['SERVICE_UNAVAILABLE'], example: 'SERVICE_UNAVAILABLE' })
  code!: 'SERVICE_UNAVAILABLE';
  @ApiProperty({ example: '数据库不可用' }) message!: string;
  @ApiProperty({ enum: ['error'], example: 'error' }) status!: 'error';
  @ApiProperty({ enum: ['down'], example: 'down' }) database!: 'down';
}
