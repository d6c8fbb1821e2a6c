#!/usr/bin/env node
/** @module kumoctl's executable: runs one command and exits with its code (0 ok, 1 user error, 2 server or network). */
import { run } from './main.mjs'

const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
})
// let stdout drain before exiting when it is a pipe
process.exitCode = code
