import { Type, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { validationError } from '../errors/validation';

/**
 * How every body, query and path DTO is checked (app.factory.ts installs it globally): unknown
 * properties refused, no implicit conversion, every problem reported as VALIDATION_FAILED by field.
 */
const OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  exceptionFactory: validationError,
  stopAtFirstError: false,
};

export function appValidationPipe(): ValidationPipe {
  return new ValidationPipe(OPTIONS);
}

const pipe = appValidationPipe();

/**
 * `value` checked and transformed as the global pipe does a request body of type `type`, for input
 * that reaches a handler unchecked (the residents' form, whose refusal is a page, not an error).
 */
export async function validateBody<T extends object>(type: Type<T>, value: unknown): Promise<T> {
  return (await pipe.transform(value, { type: 'body', metatype: type })) as T;
}
