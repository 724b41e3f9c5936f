import { Command, CommandRunner, Option } from 'nest-commander';
import { PiiCipher } from '../common/crypto/pii-cipher';
import { HuzhuContext, note } from './huzhu-context';
import { rotatePii } from './pii-rotation';

interface RotateOptions {
  batchSize?: number;
}

/**
 * `pii:rotate`: re-encrypts every encrypted column under PII_KEY, reading the old ciphertexts with
 * PII_KEY_PREVIOUS, while the service runs (SECURITY.md "Keys and rotation"). Progress on stderr,
 * the rows per table on stdout; audited as `pii.rotated` on the installation chain.
 */
@Command({
  name: 'pii:rotate',
  description:
    're-encrypt all personal data under PII_KEY (old ciphertexts read with PII_KEY_PREVIOUS), in batches, ' +
    'while the service runs; resumable, and a no-op when nothing is left',
})
export class PiiRotateCommand extends CommandRunner {
  constructor(private readonly huzhu: HuzhuContext) {
    super();
  }

  async run(_args: string[], options: RotateOptions = {}): Promise<void> {
    const cipher = await this.huzhu.get(PiiCipher);
    if (!cipher.rotating) {
      note('PII_KEY_PREVIOUS is not set: only ciphertexts of the old format under PII_KEY are rewritten');
    }
    const app = await this.huzhu.context();
    const result = await rotatePii((type) => app.get(type), {
      batchSize: options.batchSize ?? 200,
      run: (fn) => this.huzhu.run(fn),
      log: note,
    });
    for (const [table, n] of Object.entries(result.rows)) process.stdout.write(`${table}: ${n}\n`);
    process.stdout.write(
      result.total
        ? `${result.total} rows re-encrypted under key ${result.keyId}\n`
        : `nothing to re-encrypt: every ciphertext is under key ${result.keyId}\n`,
    );
  }

  @Option({ flags: '--batch-size <rows>', description: 'rows per transaction (default 200; documents: 20)' })
  parseBatchSize(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) {
      process.stderr.write('--batch-size must be a whole number from 1 to 10000\n');
      process.exit(2);
    }
    return n;
  }
}
