import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { CasesService } from '../cases/cases.service';
import { localDay } from '../common/calendar';
import { Clock } from '../common/clock';
import { CsvCell, csvStream } from '../common/http/csv';
import { SnapshotRepository } from '../database/snapshot.repository';
import { DonationsService } from '../donors/donations.service';
import { LedgerService } from '../fund/ledger.service';
import { SocietiesService } from '../societies/societies.service';
import {
  CASE_HEADER,
  caseCells,
  DONATION_HEADER,
  donationCells,
  ENTRY_HEADER,
  entryCells,
} from './domain/export-rows';

/** Rows read per statement: memory holds about one batch, whatever the society's size. */
export const EXPORT_BATCH = 5000;

/** A CSV download: its file name and the stream that writes it. */
export interface CsvDownload {
  filename: string;
  stream: Readable;
}

/**
 * The CSV exports (cases, donations, ledger entries), streamed. Each is one consistent snapshot: the
 * whole stream reads inside one REPEATABLE READ, READ ONLY transaction (SnapshotRepository), so a
 * donation voided or a case paid while a million rows go out is seen in none of them or — when it
 * committed before the export began — in all. (A keyset up to a bound taken at the start would keep
 * new rows out but still show later changes to earlier rows, such as a void.) The cost is one pooled
 * connection held while the client downloads. Batches are keyset pages of the owning modules.
 */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger('Exports');

  constructor(
    private readonly societies: SocietiesService,
    private readonly cases: CasesService,
    private readonly donations: DonationsService,
    private readonly ledger: LedgerService,
    private readonly snapshot: SnapshotRepository,
    private readonly clock: Clock,
  ) {}

  casesCsv(societyId: string): Promise<CsvDownload> {
    return this.export(societyId, 'cases', CASE_HEADER, (tz) =>
      cells(this.cases.exportRows(societyId, EXPORT_BATCH), (c) => caseCells(c, tz)),
    );
  }

  donationsCsv(societyId: string): Promise<CsvDownload> {
    return this.export(societyId, 'donations', DONATION_HEADER, (tz) =>
      cells(this.donations.exportRows(societyId, EXPORT_BATCH), (d) => donationCells(d, tz)),
    );
  }

  entriesCsv(societyId: string): Promise<CsvDownload> {
    return this.export(societyId, 'entries', ENTRY_HEADER, (tz) =>
      cells(this.ledger.allEntries(societyId, EXPORT_BATCH), (e) => entryCells(e, tz)),
    );
  }

  /**
   * The society is looked up first, so that a wrong one is a 404 before any byte is sent; the rows
   * are then read batch by batch as the client takes them.
   */
  private async export(
    societyId: string,
    name: string,
    header: string[],
    rows: (timeZone: string) => AsyncIterable<CsvCell[][]>,
  ): Promise<CsvDownload> {
    const { timezone } = await this.societies.find(societyId);
    const stream = csvStream(
      header,
      (write) =>
        this.snapshot.read(async () => {
          for await (const batch of rows(timezone)) {
            if (!(await write(batch))) return; // the client left: stop reading, end the transaction
          }
        }),
      // Through the error serializer (logging.ts), which drops parameters and quoted values: a database
      // error's message may quote a row's value.
      (err) => this.logger.error({ err, export: name, societyId }, 'export failed'),
    );
    return { filename: `${name}-${localDay(this.clock.now(), timezone).date}.csv`, stream };
  }
}

async function* cells<T>(
  batches: AsyncIterable<T[]>,
  toCells: (row: T) => CsvCell[],
): AsyncGenerator<CsvCell[][]> {
  for await (const batch of batches) yield batch.map(toCells);
}
