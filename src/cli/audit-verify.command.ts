import { Command, CommandRunner, Option } from 'nest-commander';
import { AuditService } from '../audit/audit.service';
import { Anchor, describeProblem, parseAnchor } from '../audit/domain/anchors';
import { PLATFORM_CHAIN } from '../audit/domain/hash-chain';
import { DisclosuresService } from '../disclosures/disclosures.service';
import { SocietiesService } from '../societies/societies.service';
import { HuzhuContext } from './huzhu-context';

interface VerifyOptions {
  head?: Anchor[];
  society?: string;
}

/**
 * Exit codes: 0 every chain checked is intact, 1 one is broken or forged (or an error), 2 unknown
 * society or a bad `--head`.
 *
 * Besides recomputing each chain, it checks the chain against its anchors: the heads printed on the
 * society's notices (from the notices' frozen snapshots) and every `--head <seq>:<hash>` given (a head
 * a resident noted from a notice, or one the township keeps). A chain rewritten and rehashed from the
 * inside still hashes, but no longer passes through a head noted before the rewrite.
 */
@Command({
  name: 'audit:verify',
  arguments: '[societyId]',
  description:
    'recompute audit hash chains: one society, or (default) the installation chain and every society, ' +
    'each checked against the heads printed on its notices and any --head noted elsewhere; ' +
    'exit code 1 when one is broken or forged',
})
export class AuditVerifyCommand extends CommandRunner {
  constructor(private readonly huzhu: HuzhuContext) {
    super();
  }

  async run([positional]: string[], options: VerifyOptions = {}): Promise<void> {
    const societyId = options.society ?? positional;
    const noted = options.head ?? [];
    if (noted.length && !societyId) {
      process.stderr.write('--head needs the society: audit:verify --society <id> --head <seq>:<hash>\n');
      process.exitCode = 2;
      return;
    }
    const audit = await this.huzhu.get(AuditService);
    const societies = await this.huzhu.get(SocietiesService);
    const disclosures = await this.huzhu.get(DisclosuresService);
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
      const { result, problems, anchors } = await this.huzhu.run(async () => {
        const printed = chain.id === PLATFORM_CHAIN ? [] : await disclosures.printedHeads(chain.id);
        const all = [...printed, ...noted];
        return {
          result: await audit.verify(chain.id),
          problems: await audit.checkAnchors(chain.id, all),
          anchors: all.length,
        };
      });
      // Every society's chain starts with society.created: an empty one was deleted, head and all.
      const emptied = chain.id !== PLATFORM_CHAIN && result.checked === 0;
      const ok = result.ok && !emptied && problems.length === 0;
      if (!ok) broken++;
      const label = `${chain.id}${chain.name ? ` ${chain.name}` : ''}`;
      const against = anchors ? `, through ${anchors} noted head${anchors > 1 ? 's' : ''}` : '';
      const status = emptied
        ? `BROKEN  ${label}: no events at all`
        : !result.ok
          ? `BROKEN  ${label}: intact up to seq ${result.checked}, first broken seq ${result.firstBrokenSeq}`
          : problems.length
            ? `FORGED  ${label}: the chain hashes (${result.checked} events) but contradicts a noted head`
            : `ok      ${label}: ${result.checked} events${against}`;
      process.stdout.write(`${status}\n`);
      for (const p of problems) process.stdout.write(`        ${describeProblem(p)}\n`);
    }
    process.stdout.write(`${chains.length - broken} of ${chains.length} chains intact\n`);
    if (broken) process.exitCode = 1;
  }

  @Option({
    flags: '--society <id>',
    description: 'the society whose chain to verify (same as the positional societyId)',
  })
  parseSociety(value: string): string {
    return value;
  }

  @Option({
    flags: '--head <seq:hash>',
    description:
      'a head noted outside the database (the 审计链头 printed on a notice): the chain must still pass ' +
      'through it; repeatable',
  })
  parseHead(value: string, previous: Anchor[] = []): Anchor[] {
    const anchor = parseAnchor(value, `--head ${value.trim()}`);
    if (!anchor) {
      process.stderr.write(
        `--head must be <seq>:<the hash, or at least its first 12 hex digits as a notice prints them>, not "${value}"\n`,
      );
      process.exit(2);
    }
    return [...previous, anchor];
  }
}
