/** @module kumoctl's command tree and `run(argv)`: parse, dispatch, print errors, return the exit code. */
import { applyCommand } from './apply.mjs'
import { GLOBAL_FLAGS, help, parse, resolve } from './args.mjs'
import { Client, parseDuration } from './client.mjs'
import { configCommand } from './config-cmd.mjs'
import { configPath, loadConfig, target } from './config.mjs'
import { EXIT, report, userError } from './errors.mjs'
import { generateCommand } from './generate.mjs'
import { deleteCommand, getCommand } from './get.mjs'
import { inspectCommand } from './inspect.mjs'

/** root is kumoctl's command tree, kumactl's verbs against Kumo. */
export const root = {
  use: 'kumoctl',
  short: "Management tool for Kumo (kumactl's verbs)",
  long: `Management tool for Kumo, a Kuma-compatible control plane: kumactl's verbs against Kuma's REST API.

The control plane is the active one of the config file (see "kumoctl config control-planes"),
else http://127.0.0.1:5681. KUMO_ADDRESS and KUMO_TOKEN override its address and token.

Exit codes: 0 success, 1 a user error (bad flags, invalid resources, refused credentials,
not found), 2 the control plane failed or could not be reached.`,
  sub: {
    apply: applyCommand,
    config: configCommand,
    delete: deleteCommand,
    generate: generateCommand,
    get: getCommand,
    inspect: inspectCommand,
  },
}

/**
 * @typedef {object} IO
 * @property {{ write(s: string): unknown, isTTY?: boolean }} stdout
 * @property {{ write(s: string): unknown }} stderr
 * @property {NodeJS.ReadableStream} stdin
 * @property {Record<string, string | undefined>} env
 */

/**
 * run executes one kumoctl invocation and returns its exit code; it never throws and never
 * calls process.exit, so it can be driven in-process too.
 * @param {string[]} argv arguments after the program name
 * @param {IO} io
 * @returns {Promise<number>}
 */
export async function run(argv, io) {
  try {
    const { cmd, path, rest } = resolve(root, argv)
    const { flags, args, help: wantsHelp } = parse(cmd, path, rest)
    if (wantsHelp || (!cmd.run && args.length === 0)) {
      ;(wantsHelp ? io.stdout : io.stderr).write(help(cmd, path))
      return wantsHelp ? EXIT.OK : EXIT.USER
    }
    if (!cmd.run) {
      throw userError(`unknown command "${args[0]}" for "${path}". Run '${path} --help' for usage.`)
    }
    const timeoutMs = parseDuration(flags['api-timeout'])
    if (timeoutMs === undefined) {
      throw userError(
        `--api-timeout must be a duration like "30s" or "1m", got "${flags['api-timeout']}"`,
      )
    }
    const cfgPath = configPath(flags['config-file'], io.env)
    /** @type {import('./config.mjs').Config | undefined} */
    let cfg
    const config = () => (cfg ??= loadConfig(cfgPath))
    /** @type {Client | undefined} */
    let client
    const ctx = {
      flags,
      args,
      path,
      stdout: io.stdout,
      stderr: io.stderr,
      stdin: io.stdin,
      env: io.env,
      timeoutMs,
      configPath: cfgPath,
      config,
      client: () => (client ??= new Client(target(config(), io.env), timeoutMs)),
    }
    const code = await cmd.run(ctx)
    return typeof code === 'number' ? code : EXIT.OK
  } catch (err) {
    return report(err, io.stderr)
  }
}

export { GLOBAL_FLAGS }
