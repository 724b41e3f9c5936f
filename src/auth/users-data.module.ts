import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserDirectory } from '../societies/user-directory';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/**
 * The users repository, and the UserDirectory it implements for societies/. Global because
 * SocietiesModule cannot import auth/ (the arrow is auth → societies): it names the abstract
 * UserDirectory and gets this implementation without knowing where it lives.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  providers: [UsersRepository, { provide: UserDirectory, useExisting: UsersRepository }],
  exports: [UsersRepository, UserDirectory],
})
export class UsersDataModule {}
