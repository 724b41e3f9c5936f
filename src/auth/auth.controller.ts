import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { Authenticated, CurrentUser, Principal, Public, Roles } from '../common/access/roles';
import { AuthService } from './auth.service';
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
    summary: 'Log in; 5 failures for one username within 15 minutes lock it for 15 minutes (429)',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({
    description: 'UNAUTHENTICATED: the same for an unknown user and a wrong password',
  })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED, with Retry-After' })
  login(@Body() _dto: LoginDto, @CurrentUser() user: Principal) {
    return this.auth.login(user);
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentUser() user: Principal) {
    return this.auth.me(user);
  }

  @Post('password')
  @Authenticated()
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change your password (at least 10 characters); a wrong current password is a 400',
  })
  @ApiNoContentResponse()
  changePassword(@Body() dto: ChangePasswordDto, @CurrentUser() user: Principal) {
    return this.auth.changePassword(user, dto);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user (admin); the response never carries the password hash' })
  @ApiCreatedResponse({ type: UserResponseDto })
  create(@Body() dto: CreateUserDto, @CurrentUser() user: Principal) {
    return this.users.create(dto, user);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Search users by username or display name (admin)' })
  @ApiOkResponse({ type: UserPageDto })
  search(@Query() query: UserQueryDto) {
    return this.users.search(query);
  }
}
