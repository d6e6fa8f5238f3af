import { DynamicModule, Global, Module } from '@nestjs/common';

/** The current time of the service; tests and benchmarks replace it to move time. */
export abstract class TimeSource {
  abstract now(): Date;
}

export class SystemTimeSource extends TimeSource {
  now(): Date {
    return new Date();
  }
}

/** A time source that moves only when a test sets or advances it. */
export class ManualTimeSource extends TimeSource {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

@Global()
@Module({})
export class TimeModule {
  static forRoot(source: TimeSource = new SystemTimeSource()): DynamicModule {
    return {
      module: TimeModule,
      providers: [{ provide: TimeSource, useValue: source }],
      exports: [TimeSource],
    };
  }
}
