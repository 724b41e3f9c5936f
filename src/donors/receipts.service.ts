import { Injectable } from '@nestjs/common';
import { UsersService } from '../auth/users.service';
import { localDay } from '../common/calendar';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { DocumentsService } from '../documents/documents.service';
import { SocietiesService } from '../societies/societies.service';
import { DonationsService } from './donations.service';
import { DonorsService } from './donors.service';
import { DONOR_KIND_LABELS } from './domain/labels';

/** What the receipts say the money is for (the society's one purpose). */
const PURPOSE = '救急难互助金';

/**
 * The donor's receipts as PDFs, rendered from committed data (no transaction held while rendering).
 * Society and cashier come from their own modules' services; dates are the society's local days.
 */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly donations: DonationsService,
    private readonly donors: DonorsService,
    private readonly societies: SocietiesService,
    private readonly users: UsersService,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
  ) {}

  async donationReceipt(societyId: string, donationId: string): Promise<{ pdf: Buffer; filename: string }> {
    const d = await this.donations.find(societyId, donationId);
    const society = await this.societies.find(societyId);
    const donor = await this.donors.find(societyId, d.donorId);
    const cashier = d.recordedBy ? await this.users.displayName(d.recordedBy) : null;
    const day = (instant: Date) => localDay(instant, society.timezone).date;
    const pdf = await this.documents.donationReceipt({
      societyName: society.name,
      receiptNo: d.receiptNo,
      donorName: d.donorName,
      donorKind: DONOR_KIND_LABELS[donor.kind],
      amountFen: d.amountFen,
      receivedOn: d.receivedOn,
      channel: d.channel,
      reference: d.reference,
      purpose: PURPOSE,
      note: d.note,
      cashierName: cashier ?? '',
      issuedOn: day(d.createdAt),
      voided:
        d.status === 'voided' && d.voidedAt ? { on: day(d.voidedAt), reason: d.voidReason ?? '' } : null,
    });
    return { pdf, filename: `receipt-${d.receiptNo}.pdf` };
  }

  /** One receipt for every recorded gift of a donor in a calendar year; NOT_FOUND when there is none. */
  async annualReceipt(
    societyId: string,
    donorId: string,
    year: number,
  ): Promise<{ pdf: Buffer; filename: string }> {
    const donor = await this.donors.find(societyId, donorId);
    const gifts = await this.donations.ofDonorInYear(societyId, donorId, year);
    if (!gifts.length) {
      throw new AppError(
        'NOT_FOUND',
        { entity: 'donation', year },
        {
          zh: `该捐赠人 ${year} 年度没有捐赠记录`,
          en: `The donor made no donation in ${year}`,
        },
      );
    }
    const society = await this.societies.find(societyId);
    const pdf = await this.documents.annualReceipt({
      societyName: society.name,
      donorName: donor.name,
      year,
      gifts: gifts.map((g) => ({
        receiptNo: g.receiptNo,
        receivedOn: g.receivedOn,
        channel: g.channel,
        amountFen: g.amountFen,
      })),
      totalFen: gifts.reduce((sum, g) => sum + g.amountFen, 0),
      issuedOn: localDay(this.clock.now(), society.timezone).date,
    });
    return { pdf, filename: `annual-receipt-${year}.pdf` };
  }
}
