import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ApiDateTime, ApiInt, ApiString, ApiUuid } from '../../common/openapi/properties';
import { IsNotBlank } from '../../common/validators';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from '../domain/event-types';
import { MAX_URL_LENGTH } from '../domain/webhook-url';

export const MIN_SECRET_LENGTH = 16;
const MAX_SECRET_LENGTH = 256;
const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export class PutWebhookDto {
  @ApiProperty({
    example: 'https://hooks.example.org/huzhu',
    maxLength: MAX_URL_LENGTH,
    description:
      'http(s), no user name or password; its host must resolve to public addresses only (no loopback, ' +
      'private, link-local, CGNAT, unique-local, multicast…) unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_URL_LENGTH)
  url!: string;

  @ApiProperty({
    example: 'a-long-random-shared-secret',
    minLength: MIN_SECRET_LENGTH,
    maxLength: MAX_SECRET_LENGTH,
    description: 'the HMAC key of `X-Huzhu-Signature`; never shown again',
  })
  @IsString()
  @MinLength(MIN_SECRET_LENGTH)
  @MaxLength(MAX_SECRET_LENGTH)
  @IsNotBlank()
  secret!: string;

  @ApiPropertyOptional({
    enum: WEBHOOK_EVENT_TYPES,
    isArray: true,
    minItems: 1,
    maxItems: WEBHOOK_EVENT_TYPES.length,
    uniqueItems: true,
    nullable: true,
    example: ['case.paid', 'disclosure.overdue'],
    description: 'the event types to send; absent or null: all',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events?: WebhookEventType[] | null;
}

/** The webhook as configured, without its secret. */
export class WebhookResponseDto {
  @ApiString({ example: 'https://hooks.example.org/huzhu' }) url!: string;
  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    isArray: true,
    nullable: true,
    description: 'null: every event type',
  })
  events!: WebhookEventType[] | null;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime() updatedAt!: string;
}

export class DeliveryResponseDto {
  @ApiUuid({ description: "the event's `id`, as in the body sent (receivers dedupe by it)" })
  eventId!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, example: 'case.paid' }) type!: WebhookEventType;
  @ApiProperty({
    enum: DELIVERY_STATUSES,
    description:
      '`pending` (not yet delivered; retried), `delivered`, `failed` (gave up 24 h after the event)',
  })
  status!: (typeof DELIVERY_STATUSES)[number];
  @ApiInt({ minimum: 0, example: 1 }) attempts!: number;
  @ApiString({
    required: false,
    example: 'HTTP 500',
    description: 'what went wrong at the last failed attempt (no body, no secret)',
  })
  lastError?: string;
  @ApiDateTime({ required: false }) deliveredAt?: string;
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryResponseDto] }) items!: DeliveryResponseDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}
