import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PlatformRole } from '../common/access/roles';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash!: string;

  /** AES-256-GCM (PiiCipher); never plaintext. */
  @Column({ name: 'phone_enc', type: 'bytea', nullable: true, select: false })
  phoneEnc!: Buffer | null;

  @Column({ name: 'platform_role', type: 'text', nullable: true })
  platformRole!: PlatformRole | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Set from the Clock, like every timestamp here (no now() in SQL). */
  @Column({ name: 'password_changed_at', type: 'timestamptz' })
  passwordChangedAt!: Date;

  /** In every JWT as `ver`; bumped by a password change or deactivation, which revokes older tokens. */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
