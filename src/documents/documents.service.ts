import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { canonicalJson, sha256Hex } from '../common/crypto/canonical-json';
import { type AnnualReceiptData, renderAnnualReceipt } from './annual-receipt';
import { type DisclosureNoticeData, renderDisclosureNotice } from './disclosure-notice';
import { type DonationReceiptData, renderDonationReceipt } from './donation-receipt';
import { loadFonts } from './fonts';
import { RenderCache } from './render-cache';
import { renderStatement, type StatementDocData } from './statement';
import type { RenderOptions } from './render-options';

/**
 * The injectable face of documents/: renders PDFs from plain data. Call it after the money
 * transaction has committed, never inside it (rendering is CPU work, not part of the write).
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documents');
  private readonly options: RenderOptions;
  private readonly notices = new RenderCache();
  private readonly publicStatements = new RenderCache();

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

  /**
   * A month's statement. The public copy is open to anyone: it is cached by a hash of everything
   * printed (the same month asked again the same day renders once; any change renders anew). The
   * internal copy, with donors' names, is rendered for each request and kept nowhere.
   */
  statement(data: StatementDocData): Promise<Buffer> {
    if (data.audience !== 'public') return renderStatement(data, this.options);
    return this.publicStatements.get(sha256Hex(canonicalJson(data)), () =>
      renderStatement(data, this.options),
    );
  }

  /**
   * The printable notice of a disclosure. A published notice never changes, so its PDF is cached,
   * keyed by a hash of everything printed: different data (e.g. a new society phone) renders anew.
   * The Buffer is shared between callers: do not modify it. `key`: disclosureNoticeKey(data), when
   * the caller has it already (hashing the data again costs more than the cache hit it finds).
   */
  disclosureNotice(data: DisclosureNoticeData, key = this.disclosureNoticeKey(data)): Promise<Buffer> {
    return this.notices.get(key, () => renderDisclosureNotice(data, this.options));
  }

  /** The notice's cache key, known without rendering: a hash of everything printed (the HTTP ETag). */
  disclosureNoticeKey(data: DisclosureNoticeData): string {
    return sha256Hex(canonicalJson(data));
  }

  /** Notices rendered by this instance so far (cache hits excluded). */
  get disclosureNoticeRenders(): number {
    return this.notices.renders;
  }
}
