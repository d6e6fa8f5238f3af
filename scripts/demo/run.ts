import 'reflect-metadata';
import { readDemoSettings } from './demo-settings';
import { runDeskReplay } from './desk-replay';
import { HttpMailSink } from './receivers/mail-sink';
import { formatDeskReport } from './report/report-printer';

/** `npm run demo`: seeds and replays on the stack that `npm start` runs, then prints the report. */
async function main(): Promise<void> {
  const settings = readDemoSettings();
  const started = Date.now();
  const progress = (message: string) =>
    console.log(`[demo +${Math.round((Date.now() - started) / 1000)}s] ${message}`);
  if (!settings.dataDir)
    progress('no data folder (DESKFLOW_DATA_DIR); replaying the reduced fixtures');

  const report = await runDeskReplay({
    settings,
    mailSink: new HttpMailSink(settings.smtpSinkUrl),
    acceptScore: Number(process.env.DEMO_ACCEPT_SCORE ?? 0.012),
    progress,
  });
  console.log(`\n${formatDeskReport(report)}`);
  process.exitCode = report.checks.every((check) => check.passed) ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
