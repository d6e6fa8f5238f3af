import { Module } from '@nestjs/common';
import { WordTablesRefresher } from './word-tables.refresher';

@Module({ providers: [WordTablesRefresher] })
export class WordTablesModule {}
