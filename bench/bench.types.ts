/** One benchmark: it measures, prints its own figures as it goes, and returns them for the results file. */
export interface Benchmark {
  name: string;
  run(): Promise<Record<string, number | string | boolean>>;
}
