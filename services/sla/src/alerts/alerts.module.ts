import { Module } from '@nestjs/common';
import { AlertWorker } from './alert-worker.service';

@Module({ providers: [AlertWorker], exports: [AlertWorker] })
export class AlertsModule {}
