import { LoggerService } from '@nestjs/common';
import { QuietStartLogger } from './nest-logger';

describe('QuietStartLogger', () => {
  function recorder() {
    const calls: [string, unknown[]][] = [];
    const inner: LoggerService = {
      log: (...a: unknown[]) => void calls.push(['log', a]),
      error: (...a: unknown[]) => void calls.push(['error', a]),
      warn: (...a: unknown[]) => void calls.push(['warn', a]),
      debug: (...a: unknown[]) => void calls.push(['debug', a]),
    };
    return { logger: new QuietStartLogger(inner), calls };
  }

  it("moves Nest's route-mapping and module lines to debug", () => {
    const { logger, calls } = recorder();
    logger.log('Mapped {/api/v1/societies, POST} route', 'RouterExplorer');
    logger.log('SocietiesController {/api/v1/societies}:', 'RoutesResolver');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    expect(calls.map(([level]) => level)).toEqual(['debug', 'debug', 'debug']);
    expect(calls[0][1]).toEqual(['Mapped {/api/v1/societies, POST} route', 'RouterExplorer']);
  });

  it('passes everything else through at its own level', () => {
    const { logger, calls } = recorder();
    logger.log('Nest application successfully started', 'NestApplication');
    logger.warn('careful', 'Auth');
    logger.error('broken', 'trace', 'ExceptionsHandler');
    logger.fatal('gone', 'Main'); // no fatal on the inner logger: error
    expect(calls.map(([level]) => level)).toEqual(['log', 'warn', 'error', 'error']);
  });
});
