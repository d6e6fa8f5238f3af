import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RegexSandbox } from '../regex-sandbox';
import { departmentRuleSet } from './department.rule-set';
import { readLabelledTickets } from './labelled-tickets';
import { measureRuleSetAccuracy, RuleSetAccuracy } from './rule-set-accuracy';
import { RuleSet } from './rule-set';
import { serviceDeskRuleSet } from './service-desk.rule-set';

/** Pairing of each rule set with the labelled file of the data folder it is measured on. */
const DATA_FILES: [string, RuleSet][] = [
  ['tickets/tickets_en_de_v5.csv', serviceDeskRuleSet],
  ['tickets/tickets_de_normalized.csv', departmentRuleSet],
];

/** Returns the folder with labelled ticket exports: DESKFLOW_DATA_DIR, else `../shared/data` beside the repository. */
export function dataDirectory(): string {
  return process.env.DESKFLOW_DATA_DIR ?? resolve(__dirname, '../../../../../../shared/data');
}

function percent(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`;
}

function print(file: string, result: RuleSetAccuracy): void {
  console.log(
    `\n${file}: rule set "${result.ruleSet}", ${result.tickets} tickets, ${result.unrouted} unrouted`,
  );
  for (const [label, counts] of Object.entries(result.queueByLabel)) {
    console.log(
      `  queue ${label.padEnd(36)} ${String(counts.matched).padStart(3)}/${counts.total}`,
    );
  }
  console.log(
    `  queue accuracy    ${percent(result.queue.accuracy)} (${result.queue.matched}/${result.queue.total})`,
  );
  console.log(
    `  priority accuracy ${percent(result.priority.accuracy)} (${result.priority.matched}/${result.priority.total})`,
  );
}

async function main(): Promise<void> {
  const directory = dataDirectory();
  const present = DATA_FILES.filter(([file]) => existsSync(join(directory, file)));
  if (present.length === 0) {
    console.log(
      `no labelled ticket files under ${directory}; set DESKFLOW_DATA_DIR to measure the rule sets`,
    );

    return;
  }

  const sandbox = new RegexSandbox();
  try {
    for (const [file, ruleSet] of present) {
      print(
        file,
        await measureRuleSetAccuracy(
          ruleSet,
          readLabelledTickets(join(directory, file)),
          (p, f, t) => sandbox.test(p, f, t),
        ),
      );
    }
  } finally {
    await sandbox.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
