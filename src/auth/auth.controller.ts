import { Body, Controller, Get, HttpCode, Ip, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { Authenticated, Can, Public } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { ApiErrors } from '../common/openapi/error-response';
import { AuthService, LoginPrincipal } from './auth.service';
import { clientKey } from '../common/http/client-address';
import {
  ChangePasswordDto,
  CreateUserDto,
  LoginDto,
  LoginResponseDto,
  MeResponseDto,
  UserPageDto,
  UserQueryDto,
  UserResponseDto,
} from './dto/auth.dto';
import { LocalAuthGuard } from './guards';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard, LocalAuthGuard)
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  @ApiOperation({
    summary:
      'Log in; 5 failures for one username from one address within 15 minutes lock that pair for 15 minutes; past 20 failures from all addresses, addresses the user has not logged in from get one attempt per 5–30 s (429)',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(
    { code: 'UNAUTHENTICATED', when: 'the same for an unknown user and a wrong password' },
    { code: 'RATE_LIMITED', when: 'too many attempts; see `Retry-After`' },
  )
  login(@Body() _dto: LoginDto, @CurrentUser() user: LoginPrincipal) {
    return this.auth.login(user);
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who I am: my platform role and my memberships' })
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentUser() user: Principal) {
    return this.auth.me(user);
  }

  @Post('password')
  @Authenticated()
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Change your password (at least 10 characters); a wrong current password is a 400. Revokes every token of the user, this one included',
  })
  @ApiNoContentResponse()
  @ApiErrors({ code: 'RATE_LIMITED', when: 'too many wrong current passwords; see `Retry-After`' })
  changePassword(@Body() dto: ChangePasswordDto, @CurrentUser() user: Principal, @Ip() ip: string) {
    return this.auth.changePassword(user, dto, clientKey(ip));
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Can('user.create')
  @ApiOperation({ summary: 'Create a user (admin); the response never carries the password hash' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiErrors('FORBIDDEN', { code: 'CONFLICT', when: 'the username is taken' })
  create(@Body() dto: CreateUserDto, @CurrentUser() user: Principal) {
    return this.users.create(dto, user);
  }

  @Get()
  @Can('user.search')
  @ApiOperation({ summary: 'Search users by username or display name (admin)' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors('FORBIDDEN')
  search(@Query() query: UserQueryDto) {
    return this.users.search(query);
  }
}
