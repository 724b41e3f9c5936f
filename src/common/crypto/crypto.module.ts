import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { PiiCipher } from './pii-cipher';

/** Field encryption for personal data, keyed by PII_KEY. */
@Global()
@Module({
  providers: [
    { provide: PiiCipher, inject: [AppConfig], useFactory: (c: AppConfig) => new PiiCipher(c.PII_KEY) },
  ],
  exports: [PiiCipher],
})
export class CryptoModule {}
