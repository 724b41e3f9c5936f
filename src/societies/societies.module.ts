import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembershipsRepository } from './memberships.repository';
import { MembershipsService } from './memberships.service';
import { SocietiesController } from './societies.controller';
import { SocietiesRepository } from './societies.repository';
import { SocietiesService } from './societies.service';
import { MembershipEntity, SocietyEntity } from './society.entity';

@Module({
  imports: [TypeOrmModule.forFeature([SocietyEntity, MembershipEntity])],
  controllers: [SocietiesController],
  providers: [SocietiesService, MembershipsService, SocietiesRepository, MembershipsRepository],
  exports: [SocietiesService, MembershipsService],
})
export class SocietiesModule {}
