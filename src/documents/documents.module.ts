import { Module } from '@nestjs/common';
import { DocumentsService } from './documents.service';

/** PDF rendering (receipts, disclosure notices; statements later). Needs the global AppConfig. */
@Module({
  providers: [DocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule {}
