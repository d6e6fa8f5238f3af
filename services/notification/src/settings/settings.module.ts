import { Global, Module } from '@nestjs/common';
import { NOTIFICATION_SETTINGS, readNotificationSettings } from './notification-settings';

@Global()
@Module({
  providers: [{ provide: NOTIFICATION_SETTINGS, useFactory: () => readNotificationSettings() }],
  exports: [NOTIFICATION_SETTINGS],
})
export class SettingsModule {}
