import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembershipsService } from './memberships.service';
import { SocietiesController } from './societies.controller';
import { SocietiesService } from './societies.service';
import { MembershipEntity, SocietyEntity } from './society.entity';

@Module({
  imports: [TypeOrmModule.forFeature([SocietyEntity, MembershipEntity])],
  controllers: [SocietiesController],
  providers: [SocietiesService, MembershipsService],
  exports: [SocietiesService, MembershipsService],
})
export class SocietiesModule {}
