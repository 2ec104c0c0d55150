/**
 * One shape for every problem a user can fix, and one way to print it: config
 * files, construct props, policy findings and report baselines all report
 * through UserError, so the app prints them the same way.
 */

/** One problem: where, what is wrong (the rule, the value found, a fix where one can be named). */
export interface Problem {
  /** Where: a config path (`tenants[1].podsCidr`) or a construct prop (`tunnels[0].peerInterface`). */
  readonly path: string;
  /** The rule, the value found, and a fix where one can be named. */
  readonly message: string;
  /** The other paths the problem involves (a rule between two values names both). */
  readonly involves?: readonly string[];
}

/** A rule's words with the value found and a fix: `must be a /30, got "169.254.1.1/29". Fix: write 169.254.1.0/30`. */
export function describeProblem(rule: string, value: unknown, fix?: string): string {
  return `${rule}, got ${show(value)}${fix ? `. Fix: ${fix}` : ""}`;
}

/** A value described in words rather than shown (a secret, a whole block): printed as is, without quotes. */
export class Described {
  constructor(readonly words: string) {}
}

/** A value as the user wrote it: strings in double quotes, lists by length, nothing as `nothing`. */
export function show(value: unknown): string {
  if (value instanceof Described) return value.words;
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value !== null && typeof value === "object") return "a mapping";
  return JSON.stringify(value);
}

/** Problems one per line, as every error and warning list is printed. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n");
}

/** `<source>: 2 problems:` then one line per problem. */
export function formatProblemList(source: string, problems: readonly Problem[], noun = "problem"): string {
  return `${source}: ${problems.length} ${noun}${problems.length === 1 ? "" : "s"}:\n${formatProblems(problems)}`;
}

/**
 * An error the user fixes by editing their input (a config file, a
 * construct's props, a suppression, a baseline path), not a bug: the app
 * prints its message and exits 1, without a stack trace.
 */
export class UserError extends Error {
  constructor(
    /** What was read: a config file, a construct (`PrivateGkeCluster consumer/gke`), a baseline. */
    readonly source: string,
    /** Every problem found, so one run shows all of them. */
    readonly problems: readonly Problem[],
  ) {
    super(formatProblemList(source, problems));
    this.name = new.target.name;
  }

  /** True for any UserError, also one thrown by another copy of this package. */
  static isUserError(e: unknown): e is UserError {
    return e instanceof UserError || (e instanceof Error && Array.isArray((e as Partial<UserError>).problems) && typeof (e as Partial<UserError>).source === "string");
  }
}
