/** One traced command of a dry run: `+` acts, `?` looks (lib.sh `trace`). */
export interface Traced {
  readonly kind: '+' | '?';
  readonly argv: readonly string[];
  readonly text: string;
}

/** Splits a `printf %q`-quoted command line back into its arguments (backslash escapes, plain spaces). */
export function splitQuoted(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (char === '\\' && i + 1 < line.length) {
      current += line[++i];
      started = true;
    } else if (char === ' ') {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

export function tracedCommands(stdout: string): Traced[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('+ ') || line.startsWith('? '))
    .map((line) => {
      const argv = splitQuoted(line.slice(2));
      return { kind: line[0] as '+' | '?', argv, text: argv.join(' ') };
    });
}

/** The value of `--flag value` (or `--flag=value`) in argv, or undefined. */
export function flag(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at >= 0) return argv[at + 1];
  return argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}
