import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An Idempotency-Key claimed by a request, and the answer it got (written in the same transaction). */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  /** The society of the route, or PLATFORM_SCOPE on a route outside any society. */
  @PrimaryColumn({ name: 'society_id', type: 'uuid' })
  scope!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  /** JSON, as it was sent. */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
