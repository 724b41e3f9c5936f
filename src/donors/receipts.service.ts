import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import type { Tx } from '../database/tx';
import { DocumentsService } from '../documents/documents.service';
import { DonationsService } from './donations.service';
import { DonorsService } from './donors.service';
import { DONOR_KIND_LABELS, DonorKind } from './domain/labels';

/** What the receipts say the money is for (the society's one purpose). */
const PURPOSE = '救急难互助金';

interface SocietyFacts {
  name: string;
  today: string;
}

/** The donor's receipts as PDFs, rendered from committed data (no transaction held while rendering). */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly txHost: TransactionHost<Tx>,
    private readonly donations: DonationsService,
    private readonly donors: DonorsService,
    private readonly documents: DocumentsService,
  ) {}

  async donationReceipt(societyId: string, donationId: string): Promise<{ pdf: Buffer; filename: string }> {
    const d = await this.donations.find(societyId, donationId);
    // The rest of what the receipt prints, in one read: society, donor kind, local dates, cashier.
    const [facts] = (await this.txHost.tx.query(
      `SELECT s.name AS society_name, dn.kind AS donor_kind,
              to_char(x.created_at AT TIME ZONE s.timezone, 'YYYY-MM-DD') AS issued_on,
              to_char(x.voided_at AT TIME ZONE s.timezone, 'YYYY-MM-DD') AS voided_on,
              coalesce(u.display_name, '') AS cashier
         FROM donations x
         JOIN societies s ON s.id = x.society_id
         JOIN donors dn ON dn.society_id = x.society_id AND dn.id = x.donor_id
         LEFT JOIN users u ON u.id = x.recorded_by
        WHERE x.society_id = $1 AND x.id = $2`,
      [societyId, donationId],
    )) as {
      society_name: string;
      donor_kind: DonorKind;
      issued_on: string;
      voided_on: string | null;
      cashier: string;
    }[];
    const pdf = await this.documents.donationReceipt({
      societyName: facts.society_name,
      receiptNo: d.receipt_no,
      donorName: d.donor_name,
      donorKind: DONOR_KIND_LABELS[facts.donor_kind],
      amountFen: Number(d.amount_fen),
      receivedOn: d.received_on,
      channel: d.channel,
      reference: d.reference,
      purpose: PURPOSE,
      note: d.note,
      cashierName: facts.cashier,
      issuedOn: facts.issued_on,
      voided:
        d.status === 'voided' && facts.voided_on
          ? { on: facts.voided_on, reason: d.void_reason ?? '' }
          : null,
    });
    return { pdf, filename: `receipt-${d.receipt_no}.pdf` };
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
    const society = await this.society(societyId);
    const pdf = await this.documents.annualReceipt({
      societyName: society.name,
      donorName: donor.name,
      year,
      gifts: gifts.map((g) => ({
        receiptNo: g.receipt_no,
        receivedOn: g.received_on,
        channel: g.channel,
        amountFen: Number(g.amount_fen),
      })),
      totalFen: gifts.reduce((sum, g) => sum + Number(g.amount_fen), 0),
      issuedOn: society.today,
    });
    return { pdf, filename: `annual-receipt-${year}.pdf` };
  }

  // societies/ is not a dependency of donors/: the two facts needed are read here directly.
  private async society(societyId: string): Promise<SocietyFacts> {
    const [row] = (await this.txHost.tx.query(
      `SELECT name, to_char(now() AT TIME ZONE timezone, 'YYYY-MM-DD') AS today FROM societies WHERE id = $1`,
      [societyId],
    )) as SocietyFacts[];
    if (!row) throw AppError.notFound('society');
    return row;
  }
}
