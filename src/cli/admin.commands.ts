import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Command, CommandRunner, Option } from 'nest-commander';
import { randomBytes } from 'node:crypto';
import { CreateUserDto } from '../auth/dto/auth.dto';
import { UsersService } from '../auth/users.service';
import { PLATFORM_ROLES, PlatformRole } from '../common/access/roles';
import { HuzhuContext, note } from './huzhu-context';

/** 16 characters of base64url (96 bits), like the first admin's generated password. */
const generatePassword = () => randomBytes(12).toString('base64url');

@Command({
  name: 'admin:reset-password',
  arguments: '<username>',
  description: 'give an active user a new generated password (printed on stdout)',
})
export class ResetPasswordCommand extends CommandRunner {
  constructor(private readonly huzhu: HuzhuContext) {
    super();
  }

  async run([username]: string[]): Promise<void> {
    const users = await this.huzhu.get(UsersService);
    const password = generatePassword();
    const user = await this.huzhu.run(async () => {
      const found = await users.findForLogin(username!);
      // The actor is the operator at the console, not a user: recorded as null, like start-up's admin.
      if (found) await users.setPassword(found.id, password, null);
      return found;
    });
    if (!user) throw new Error(`no active user "${username}"`);
    note(`new password for "${user.username}" (shown only this once):`);
    process.stdout.write(`${password}\n`);
  }
}

interface CreateOptions {
  displayName?: string;
  platformRole: PlatformRole;
}

@Command({
  name: 'admin:create',
  arguments: '<username>',
  description: 'create a platform admin (or overseer) with a generated password (printed on stdout)',
})
export class CreateAdminCommand extends CommandRunner {
  constructor(private readonly huzhu: HuzhuContext) {
    super();
  }

  async run([username]: string[], options: CreateOptions): Promise<void> {
    const password = generatePassword();
    const dto = plainToInstance(CreateUserDto, {
      username,
      password,
      displayName: options.displayName ?? username,
      platformRole: options.platformRole,
    });
    const problems = validateSync(dto).flatMap((e) => Object.values(e.constraints ?? {}));
    if (problems.length) throw new Error(problems.join('; '));
    const users = await this.huzhu.get(UsersService);
    const user = await this.huzhu.run(() => users.create(dto, null));
    note(`created ${user.platformRole} "${user.username}" (${user.id}); password (shown only this once):`);
    process.stdout.write(`${password}\n`);
  }

  @Option({
    flags: '--display-name <name>',
    description: 'the name shown in the app (default: the username)',
  })
  parseDisplayName(value: string): string {
    return value;
  }

  @Option({
    flags: '--platform-role <role>',
    description: 'admin or overseer',
    choices: [...PLATFORM_ROLES],
    defaultValue: 'admin',
  })
  parsePlatformRole(value: string): string {
    return value;
  }
}
