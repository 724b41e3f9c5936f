import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { type AnnualReceiptData, renderAnnualReceipt } from './annual-receipt';
import { type DonationReceiptData, renderDonationReceipt } from './donation-receipt';
import { loadFonts } from './fonts';
import type { RenderOptions } from './render-options';

/**
 * The injectable face of documents/: renders PDFs from plain data. Call it after the money
 * transaction has committed, never inside it (rendering is CPU work, not part of the write).
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documents');
  private readonly options: RenderOptions;

  constructor(config: AppConfig) {
    this.options = {
      fallbackFontPath: config.PDF_FALLBACK_FONT ?? null,
      warn: (message) => this.logger.warn(message),
    };
  }

  /** Parses the fonts now instead of on the first document (fonts load lazily otherwise). */
  warmUp(): void {
    loadFonts(this.options.fallbackFontPath);
  }

  donationReceipt(data: DonationReceiptData): Promise<Buffer> {
    return renderDonationReceipt(data, this.options);
  }

  annualReceipt(data: AnnualReceiptData): Promise<Buffer> {
    return renderAnnualReceipt(data, this.options);
  }
}
