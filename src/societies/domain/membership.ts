/** Who acts on a membership: the caller's id and platform role. */
export interface MembershipActor {
  id: string;
  platformRole: string | null;
}

/**
 * Whether `actor` may add, change or end the membership of user `targetUserId`. Nobody but a platform
 * admin may touch their own: a secretary could otherwise make itself treasurer, and then file and pay
 * the same case. Another secretary (or an admin) may.
 */
export function mayChangeMembership(actor: MembershipActor, targetUserId: string): boolean {
  return actor.platformRole === 'admin' || actor.id.toLowerCase() !== targetUserId.toLowerCase();
}
