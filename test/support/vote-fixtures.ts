import type { OpenVoteDto, VoteDetailDto } from '../../src/votes/dto/vote.dto';
import { VotesService } from '../../src/votes/votes.service';
import type { TestSociety, TestUser } from './fixtures';
import type { TestContext } from './test-app';

/** A society with `board` members, `fundFen` in the fund and a draft case: what a vote needs. */
export async function votingSociety(t: TestContext, board = 9, fundFen = 1_000_000) {
  const soc = await t.fx.society({ board });
  if (fundFen > 0) await t.fx.donation(soc, { amountFen: fundFen });
  const c = await t.fx.case(soc);
  return { soc, c, url: `${soc.url}/cases/${c.id}/vote` };
}

/** Opens a vote on a case through VotesService (by the society's secretary unless `by` says otherwise). */
export function openVote(
  t: TestContext,
  soc: TestSociety,
  caseId: string,
  dto: Partial<OpenVoteDto> = {},
  by: TestUser = soc.secretary,
): Promise<VoteDetailDto> {
  const votes = t.app.get(VotesService);
  return t.fx.tx(() => votes.open(soc.id, caseId, { amountFen: 100_000, ...dto }, by));
}
