import { ERROR_CODES, ErrorCode, Lang } from './error-codes';

export type ErrorDetails = Record<string, unknown>;

/**
 * The one error type of the application. Thrown anywhere (domain, services, guards); mapped to HTTP
 * in one place (AllExceptionsFilter). `message` overrides the catalogue text for both languages.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: ErrorDetails,
    readonly messages?: { zh: string; en: string },
    /** Details in each language, when they carry human text (validation messages). */
    readonly localizedDetails?: Record<Lang, ErrorDetails>,
  ) {
    super(messages?.en ?? ERROR_CODES[code].en);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  messageIn(lang: Lang): string {
    return this.messages?.[lang] ?? ERROR_CODES[this.code][lang];
  }

  detailsIn(lang: Lang): ErrorDetails | undefined {
    return this.localizedDetails?.[lang] ?? this.details;
  }

  static notFound(what?: string): AppError {
    return new AppError('NOT_FOUND', what ? { entity: what } : undefined);
  }

  static forbidden(): AppError {
    return new AppError('FORBIDDEN');
  }
}
