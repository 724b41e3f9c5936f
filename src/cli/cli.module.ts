import { DynamicModule, Module } from '@nestjs/common';
import { CreateAdminCommand, ResetPasswordCommand } from './admin.commands';
import { AuditVerifyCommand } from './audit-verify.command';
import { PiiRotateCommand } from './pii-rotate.command';
import { APP_MODULE, AppModuleFactory, HuzhuContext } from './huzhu-context';

/** The commands; the application they use is opened lazily by HuzhuContext. */
@Module({})
export class CliModule {
  static forRoot(appModule: AppModuleFactory): DynamicModule {
    return {
      module: CliModule,
      providers: [
        { provide: APP_MODULE, useValue: appModule },
        HuzhuContext,
        ResetPasswordCommand,
        CreateAdminCommand,
        AuditVerifyCommand,
        PiiRotateCommand,
      ],
    };
  }
}
