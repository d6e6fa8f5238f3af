import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public, publicJwks } from '@deskflow/auth';
import { LoginDto } from './dto/login.dto';
import { LoginResult, LoginService } from './login.service';

@ApiTags('auth')
@Controller()
export class LoginController {
  constructor(private readonly logins: LoginService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() body: LoginDto): Promise<LoginResult> {
    return this.logins.login(body.email, body.password);
  }

  /** Returns the public signing key that the other services verify access tokens with. */
  @Public()
  @Get('.well-known/jwks.json')
  jwks(): Promise<{ keys: object[] }> {
    return publicJwks();
  }
}
