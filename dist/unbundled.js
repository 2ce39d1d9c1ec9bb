// Written by scripts/build.mjs. @actions/core imports its OIDC client (for core.getIDToken, with
// @actions/http-client) and @actions/exec (for core.platform) at its top level; bfx-begin uses
// neither, so they are not bundled (they tripled the start-up). @azure/identity imports open for
// an interactive browser sign-in, which bfx-begin never asks for. This module stands in for them
// and fails if it is ever used.
function leftOut(name) {
  throw new Error(name + ' is not bundled with bfx-begin (see scripts/build.mjs): core.getIDToken, core.platform and interactive browser sign-in are not available.');
}
export class OidcClient {
  static getIDToken() {
    return leftOut("@actions/core's OIDC client");
  }
}
export function exec() {
  return leftOut('@actions/exec');
}
export function getExecOutput() {
  return leftOut('@actions/exec');
}
export default function open() {
  return leftOut('open');
}
