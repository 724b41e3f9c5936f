import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { PiiCipher } from './pii-cipher';

/** Field encryption for personal data, keyed by PII_KEY (and PII_KEY_PREVIOUS during a rotation). */
@Global()
@Module({
  providers: [
    {
      provide: PiiCipher,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => new PiiCipher(c.PII_KEY, c.PII_KEY_PREVIOUS),
    },
  ],
  exports: [PiiCipher],
})
export class CryptoModule {}
