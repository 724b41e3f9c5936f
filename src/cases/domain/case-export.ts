import type { CaseStatus } from './case-status';
import type { CaseCategory, CaseSource } from './labels';

/**
 * A case as an export shows it: masked as the internal screens show it (ID 前6后4, phone 3+4), and
 * without the address or the bank account at all.
 */
export interface CaseExportRow {
  caseNo: string;
  status: CaseStatus;
  applicantName: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  householdSize: number | null;
  pseudonym: string;
  category: CaseCategory;
  source: CaseSource;
  requestedAmountFen: number;
  approvedAmountFen: number | null;
  paidAmountFen: number | null;
  recoveredAmountFen: number | null;
  payeeName: string | null;
  createdAt: Date;
  paidAt: Date | null;
}
