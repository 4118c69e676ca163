/** The machine a benchmark ran on, for the results file: ratios travel, absolute times do not. */
import * as os from 'node:os';

export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return `${model}, ${cpus.length} logical cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`;
}
