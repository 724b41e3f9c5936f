import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { DisclosuresModule } from '../disclosures/disclosures.module';
import { DonorsModule } from '../donors/donors.module';
import { FundModule } from '../fund/fund.module';
import { SocietiesModule } from '../societies/societies.module';
import { VotesModule } from '../votes/votes.module';
import { DemoSeeder } from './demo.seeder';

/** The demo society of a first start (DemoSeeder), played through the features' own services. */
@Module({
  imports: [
    AuthModule,
    SocietiesModule,
    FundModule,
    DonorsModule,
    CasesModule,
    VotesModule,
    DisclosuresModule,
  ],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
