import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DocumentsModule } from '../documents/documents.module';
import { DonorsModule } from '../donors/donors.module';
import { FundModule } from '../fund/fund.module';
import { SocietiesModule } from '../societies/societies.module';
import { PublicStatementsController, StatementsController } from './statements.controller';
import { StatementsService } from './statements.service';

/** Reports over the fund, cases and donations: monthly statements (internal and public). */
@Module({
  imports: [FundModule, DonorsModule, CasesModule, SocietiesModule, DocumentsModule],
  controllers: [StatementsController, PublicStatementsController],
  providers: [StatementsService],
})
export class ReportsModule {}
