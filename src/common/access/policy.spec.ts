import { POLICY, Action } from './policy';
import { Role } from './roles';

/**
 * API.md "Roles", the rows for the actions that exist, copied as written there. A change to the
 * table or to the policy fails here until both say the same.
 */
const API_MD_ROLES = `
| action | secretary | board | treasurer | supervisor | collector | admin | overseer |
|---|---|---|---|---|---|---|---|
| create society, users | | | | | | ✓ | |
| edit society settings, members | ✓ | | | | | ✓ | |
| donors, donations (record/void) | read | | ✓ | read | | | read |
| fund summary, entries | ✓ | ✓ | ✓ | ✓ | | | ✓ |
| transfers between cash and bank | | | ✓ | | | | |
| file a case | ✓ | | | | ✓ (own drafts only) | | |
| read cases | ✓ | ✓ | ✓ | ✓ | own | | ✓ |
| reveal full personal data | ✓ | | | ✓ | | | |
| pay a case, record a recovery | | | ✓ | | | | |
| open / close a vote, record meeting ballots | ✓ | | | | | | |
| cast own ballot, recuse | | ✓ | | | | | |
| publish / withdraw a disclosure | ✓ | | | | | | |
| resolve objections, clear a dispute | | | | ✓ | | | |
| upload case documents | ✓ | | | | ✓ (own drafts only) | | |
| read case documents | ✓ | ✓ | ✓ | ✓ | own | | |
| audit trail and its verification | ✓ | | | ✓ | | ✓ | ✓ |
| intake keys for monitoring platforms | ✓ | | | | | ✓ | |
| leads: read, convert, dismiss | ✓ | | | | ✓ | | |
| oversight reports | | | | | | ✓ | ✓ |
`;

/** Each API.md row, and the policy actions it governs: "✓" roles for writes, "✓"/"read" for reads. */
const ROWS: Record<string, { write?: Action[]; read?: Action[] }> = {
  'create society, users': { write: ['society.create', 'user.create', 'user.search'] },
  'edit society settings, members': { write: ['society.update', 'member.manage'] },
  'donors, donations (record/void)': {
    write: ['donor.record', 'donation.record', 'donation.void'],
    read: ['donor.read', 'donation.read', 'receipt.read'],
  },
  'fund summary, entries': { read: ['fund.read', 'fund.reconcile', 'statement.read'] },
  'transfers between cash and bank': { write: ['fund.transfer'] },
  // Editing and withdrawing are part of filing: the same people, the collector on own drafts only.
  'file a case': { write: ['case.create', 'case.update', 'case.withdraw'] },
  'read cases': { read: ['case.read'] },
  'reveal full personal data': { write: ['case.reveal'] },
  'pay a case, record a recovery': { write: ['case.pay', 'case.recover'] },
  'resolve objections, clear a dispute': { write: ['objection.resolve', 'case.clear'] },
  'open / close a vote, record meeting ballots': { write: ['vote.open', 'vote.close'] },
  'cast own ballot, recuse': { write: ['vote.recuse'] },
  'publish / withdraw a disclosure': { write: ['disclosure.publish', 'disclosure.withdraw'] },
  'upload case documents': { write: ['attachment.upload', 'attachment.delete'] },
  'read case documents': { read: ['attachment.read'] },
  'audit trail and its verification': { read: ['audit.read'] },
  'intake keys for monitoring platforms': { write: ['intake-key.manage'] },
  'leads: read, convert, dismiss': { read: ['lead.read'], write: ['lead.convert', 'lead.dismiss'] },
  'oversight reports': { read: ['oversight.read'] },
};

/**
 * Not in API.md's table, and why their roles are what they are: reading a society and its members
 * is open to every member and to the platform roles (the console's home needs it); the platform's
 * own audit chain is the platform roles'.
 */
const OUTSIDE_THE_TABLE: Partial<Record<Action, Role[]>> = {
  'society.read': ['secretary', 'board', 'treasurer', 'supervisor', 'collector', 'admin', 'overseer'],
  'member.read': ['secretary', 'board', 'treasurer', 'supervisor', 'collector', 'admin', 'overseer'],
  'platform-audit.read': ['admin', 'overseer'],
  // One route carries both rows above: the board's own ballot and the secretary's meeting record.
  'vote.ballot': ['board', 'secretary'],
  // A vote is on a case past its draft: the case readers but the collector (own drafts only).
  'vote.read': ['secretary', 'board', 'treasurer', 'supervisor', 'overseer'],
  // Every member may ask; only the board's eligible members find votes there.
  'vote.pending': ['secretary', 'board', 'treasurer', 'supervisor', 'collector'],
  // A notice is public anyway; inside, the readers of cases past their draft (not the collector).
  'disclosure.read': ['secretary', 'board', 'treasurer', 'supervisor', 'overseer'],
  // Objections hold residents' (masked) contacts: the supervisor who resolves them, the secretary who
  // publishes the notice and answers for it, and the overseer.
  'objection.read': ['supervisor', 'secretary', 'overseer'],
  // API.md "Notifications (webhooks)" names the secretary for the webhook, its reads and its log.
  'webhook.manage': ['secretary'],
  // The CSV exports (issue 10): donations and entries for who reads them; cases for the readers of
  // every case (the collector, who sees own drafts only, gets no whole-society export).
  'export.cases': ['secretary', 'board', 'treasurer', 'supervisor', 'overseer'],
  'export.donations': ['treasurer', 'secretary', 'supervisor', 'overseer'],
  'export.entries': ['secretary', 'board', 'treasurer', 'supervisor', 'overseer'],
};

function parseTable(md: string): Map<string, { write: Role[]; read: Role[] }> {
  const [header, , ...rows] = md.trim().split('\n');
  const cells = (line: string) =>
    line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
  const roles = cells(header).slice(1) as Role[];
  return new Map(
    rows.map((line) => {
      const [action, ...marks] = cells(line);
      return [
        action,
        {
          // "✓ (own drafts only)" and "own" admit the role; the record rule narrows it (cases/domain).
          write: roles.filter((_, i) => marks[i].startsWith('✓')),
          read: roles.filter((_, i) => marks[i].startsWith('✓') || marks[i] === 'read' || marks[i] === 'own'),
        },
      ];
    }),
  );
}

const sorted = (roles: readonly Role[]) => [...roles].sort();

describe('the access policy (common/access/policy.ts)', () => {
  const table = parseTable(API_MD_ROLES);

  it.each(Object.entries(ROWS))('gives "%s" the roles of API.md', (row, actions) => {
    const want = table.get(row);
    expect(want).toBeDefined();
    for (const action of actions.write ?? [])
      expect([action, sorted(POLICY[action].roles)]).toEqual([action, sorted(want!.write)]);
    for (const action of actions.read ?? [])
      expect([action, sorted(POLICY[action].roles)]).toEqual([action, sorted(want!.read)]);
  });

  it('covers every action: each is in API.md or explained above', () => {
    const fromTable = Object.values(ROWS).flatMap((r) => [...(r.write ?? []), ...(r.read ?? [])]);
    expect(sorted([...fromTable, ...Object.keys(OUTSIDE_THE_TABLE)] as never)).toEqual(
      sorted(Object.keys(POLICY) as never),
    );
    for (const [action, roles] of Object.entries(OUTSIDE_THE_TABLE)) {
      expect([action, sorted(POLICY[action as Action].roles)]).toEqual([action, sorted(roles)]);
    }
  });

  it('scopes to a society every action but the platform ones', () => {
    const platform = Object.entries(POLICY)
      .filter(([, p]) => p.scope === 'platform')
      .map(([a]) => a)
      .sort();
    expect(platform).toEqual([
      'oversight.read',
      'platform-audit.read',
      'society.create',
      'user.create',
      'user.search',
    ]);
    // A platform action must name platform roles only: society roles have no society to count in.
    for (const a of platform) {
      expect(POLICY[a as Action].roles.every((r) => r === 'admin' || r === 'overseer')).toBe(true);
    }
  });
});
