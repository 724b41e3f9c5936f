import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SocietyRole } from '../common/access/roles';
import type { SocietySettings } from './domain/settings';

@Entity('societies')
export class SocietyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'text' })
  timezone!: string;

  @Column({ type: 'jsonb' })
  settings!: SocietySettings;

  /** Set from the Clock, like every timestamp of this module (no now() in SQL). */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('memberships')
export class MembershipEntity {
  @Column({ name: 'society_id', type: 'uuid', primary: true })
  societyId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text', array: true })
  roles!: SocietyRole[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
