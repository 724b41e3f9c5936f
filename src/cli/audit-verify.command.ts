import { Command, CommandRunner } from 'nest-commander';
import { AuditService } from '../audit/audit.service';
import { PLATFORM_CHAIN } from '../audit/domain/hash-chain';
import { SocietiesService } from '../societies/societies.service';
import { HuzhuContext } from './huzhu-context';

/** Exit codes: 0 every chain checked is intact, 1 one is broken (or an error), 2 unknown society. */
@Command({
  name: 'audit:verify',
  arguments: '[societyId]',
  description:
    'recompute audit hash chains: one society, or (default) the installation chain and every society; ' +
    'exit code 1 when one is broken',
})
export class AuditVerifyCommand extends CommandRunner {
  constructor(private readonly huzhu: HuzhuContext) {
    super();
  }

  async run([societyId]: string[]): Promise<void> {
    const audit = await this.huzhu.get(AuditService);
    const societies = await this.huzhu.get(SocietiesService);
    const chains = await this.huzhu.run(async () => {
      if (societyId === PLATFORM_CHAIN) return [{ id: PLATFORM_CHAIN, name: '(installation)' }];
      if (societyId) {
        return (await societies.exists(societyId)) ? [{ id: societyId, name: '' }] : null;
      }
      return [{ id: PLATFORM_CHAIN, name: '(installation)' }, ...(await societies.allNames())];
    });
    if (!chains) {
      process.stderr.write(`no society ${societyId}\n`);
      process.exitCode = 2;
      return;
    }
    let broken = 0;
    for (const chain of chains) {
      const result = await this.huzhu.run(() => audit.verify(chain.id));
      // Every society's chain starts with society.created: an empty one was deleted, head and all.
      const emptied = chain.id !== PLATFORM_CHAIN && result.checked === 0;
      const ok = result.ok && !emptied;
      if (!ok) broken++;
      const label = `${chain.id}${chain.name ? ` ${chain.name}` : ''}`;
      const status = ok
        ? `ok      ${label}: ${result.checked} events`
        : emptied
          ? `BROKEN  ${label}: no events at all`
          : `BROKEN  ${label}: intact up to seq ${result.checked}, first broken seq ${result.firstBrokenSeq}`;
      process.stdout.write(`${status}\n`);
    }
    process.stdout.write(`${chains.length - broken} of ${chains.length} chains intact\n`);
    if (broken) process.exitCode = 1;
  }
}
