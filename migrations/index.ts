import { Foundation1764400000000 } from './1764400000000-foundation';
import { Fund1764500000000 } from './1764500000000-fund';
import { AuthHardening1764610000000 } from './1764610000000-auth-hardening';
import { IdempotencyPlatformScope1764700000000 } from './1764700000000-idempotency-platform-scope';
import { Cases1764800000000 } from './1764800000000-cases';
import { Votes1764900000000 } from './1764900000000-votes';
import { CasePaidAmount1764930000000 } from './1764930000000-case-paid-amount';
import { CaseEventsOrder1764940000000 } from './1764940000000-case-events-order';
import { Disclosures1765000000000 } from './1765000000000-disclosures';
import { CaseRecovery1765010000000 } from './1765010000000-case-recovery';
import { RateLimits1765020000000 } from './1765020000000-rate-limits';
import { Notifications1765100000000 } from './1765100000000-notifications';
import { Leads1765200000000 } from './1765200000000-leads';
import { EncryptFreeText1765400000000 } from './1765400000000-encrypt-free-text';
import { CityScaleIndexes1765420000000 } from './1765420000000-city-scale-indexes';

/** Every migration, in order. Listed explicitly so the same list runs from TypeScript (tests) and dist/. */
export const MIGRATIONS = [
  Foundation1764400000000,
  Fund1764500000000,
  AuthHardening1764610000000,
  IdempotencyPlatformScope1764700000000,
  Cases1764800000000,
  Votes1764900000000,
  CasePaidAmount1764930000000,
  CaseEventsOrder1764940000000,
  Disclosures1765000000000,
  CaseRecovery1765010000000,
  RateLimits1765020000000,
  Notifications1765100000000,
  Leads1765200000000,
  EncryptFreeText1765400000000,
  CityScaleIndexes1765420000000,
];
