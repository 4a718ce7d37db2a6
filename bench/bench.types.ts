/** Figures as the results file holds them: numbers, words and flags, grouped where a benchmark has parts. */
export interface Figures {
  [name: string]: number | string | boolean | Figures;
}

/** One benchmark: it measures, prints its own figures as it goes, and returns them for the results file. */
export interface Benchmark {
  name: string;
  run(): Promise<Figures>;
}
