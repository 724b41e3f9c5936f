import { Param, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from '../errors/app-error';

/**
 * A path id that is not a UUID names nothing: 404 NOT_FOUND naming the entity, as for an unknown id,
 * and no SQL is sent (PostgreSQL would refuse the uuid cast with a 500). `idDetail` also puts the id
 * into the details under that key, for entities whose 404 carries it (the donor's).
 *
 * Like an unknown id, it is answered after the body and query are validated (a bad body is a 400
 * whatever the id). Nest resolves a handler's parameters together and the first failure wins, so
 * the 404 waits one turn of the event loop, by which the validation pipe (no I/O) has finished.
 */
export class UuidPipe implements PipeTransform<string, Promise<string>> {
  constructor(
    private readonly entity: string,
    private readonly idDetail?: string,
  ) {}

  async transform(value: string): Promise<string> {
    if (isUUID(value)) return value;
    await nextTurn();
    throw new AppError('NOT_FOUND', {
      entity: this.entity,
      ...(this.idDetail ? { [this.idDetail]: value } : {}),
    });
  }
}

/** `@IdParam('did', 'donor')`: the path parameter, a UUID or 404 for that entity. */
export const IdParam = (name: string, entity: string, idDetail?: string) =>
  Param(name, new UuidPipe(entity, idDetail));
