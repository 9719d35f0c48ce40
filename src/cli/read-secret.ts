/**
 * Asks for a secret on the terminal without showing it: the terminal is put in raw mode and nothing
 * typed is written back (readline's muting hook is private and no longer works on Node 20). Backspace
 * deletes, Ctrl-C or Ctrl-D gives up. Resolves undefined when given up.
 */
export function readSecret(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stdout,
): Promise<string | undefined> {
  // raw (no echo) before the prompt shows: a password typed the moment the prompt appears is not echoed
  input.setRawMode(true);
  output.write(prompt);
  input.resume();
  input.setEncoding("utf8");
  let typed = "";
  return new Promise((resolve) => {
    const done = (value: string | undefined) => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      output.write("\n");
      resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done(typed);
        if (ch === "\u0003" || ch === "\u0004") return done(undefined);
        if (ch === "\u007f" || ch === "\b") typed = [...typed].slice(0, -1).join("");
        else if (ch >= " ") typed += ch;
      }
    };
    input.on("data", onData);
  });
}
