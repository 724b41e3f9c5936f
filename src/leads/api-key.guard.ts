import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../common/errors/app-error';
import { intakeKeyOfHeader } from './domain/intake-key';
import { IntakeCaller, IntakeKeysService } from './intake-keys.service';

/** A request the ApiKey guard let in: the key's id and society. */
export type IntakeRequest = FastifyRequest & { intakeKey?: IntakeCaller };

/** The intake key of a request the guard has let in (for the route's rate limit and handler). */
export function intakeCallerOf(request: FastifyRequest): IntakeCaller {
  const caller = (request as IntakeRequest).intakeKey;
  if (!caller) throw new Error('intakeCallerOf: the ApiKey guard did not run on this route');
  return caller;
}

/**
 * `Authorization: ApiKey <key>` on the monitoring platforms' intake (@KeyAuthenticated routes): a
 * missing, malformed, unknown or revoked key is 401 UNAUTHENTICATED with `WWW-Authenticate: ApiKey`.
 * The key is never logged (the request logger redacts the header).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: IntakeKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<IntakeRequest>();
    const key = intakeKeyOfHeader(request.headers.authorization);
    const caller = key === null ? null : await this.keys.authenticate(key);
    if (!caller) {
      void context.switchToHttp().getResponse<FastifyReply>().header('WWW-Authenticate', 'ApiKey');
      throw new AppError('UNAUTHENTICATED', { scheme: 'ApiKey' });
    }
    request.intakeKey = caller;
    return true;
  }
}
