/**
 * Admin commands: `ts-node src/cli.ts <command> [args]` (npm run definitions:check, npm run rules:table). A dispatcher only:
 * each command lives with its feature and returns an exit code.
 */
import { runAuditVerify } from './audit/audit-verify.command';
import { runExportVerify } from './audit/export-verify.command';
import { runDefinitionsCheck, type CommandOutput } from './definitions/definitions-check.command';
import { runRulesTable } from './definitions/rules-table.command';

type Command = (args: readonly string[], output: CommandOutput) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  'definitions:check': runDefinitionsCheck,
  'audit:verify': runAuditVerify,
  'rules:table': runRulesTable,
  'audit:verify-export': runExportVerify,
};

const output: CommandOutput = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

async function main([name, ...args]: string[]): Promise<number> {
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    output.err(`usage: cli <command> [args]; commands: ${Object.keys(COMMANDS).join(', ')}`);
    return 2;
  }
  return command(args, output);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
