import { readFile } from 'node:fs/promises';
import type { JSONWebKeySet } from 'jose';
import { HttpApiGateway, type AnyGateway, type HttpApiModel } from '../emulator/index.js';
import { CliError, errorCode } from './errors.js';

/** A `--jwks ISSUER=FILE_OR_URL` flag: the keys JWT authorizers verify ISSUER's tokens with. */
export interface JwksFlag {
  issuer: string;
  /** A file path (relative to the current directory) or an http(s) URL, as written. */
  source: string;
  /** The flag as given, for messages. */
  flag: string;
}

/** Parses `--jwks ISSUER=FILE_OR_URL`: ISSUER is an http(s) URL (a JWT authorizer's `jwtConfiguration.issuer`). */
export function parseJwksFlag(spelled: string, value: string, given: readonly JwksFlag[]): JwksFlag {
  // The issuer is a URL without "=" (no query string): the first "=" after its scheme separates the two.
  const eq = value.indexOf('=');
  const issuer = eq < 0 ? '' : value.slice(0, eq);
  const source = eq < 0 ? '' : value.slice(eq + 1);
  if (!issuer || !source)
    throw new CliError(`${spelled} "${value}": expected ISSUER=FILE_OR_URL, e.g. https://issuer.example.com=jwks.json`);
  if (!/^https?:\/\/[^\s]+$/.test(issuer))
    throw new CliError(`${spelled} "${value}": the issuer "${issuer}" is not an http(s) URL`);
  if (given.some((f) => f.issuer === issuer)) throw new CliError(`${spelled}: issuer "${issuer}" is given twice`);
  return { issuer, source, flag: `${spelled} ${value}` };
}

/** Reads each flag's JWKS (a file, or a URL fetched once at start-up); one-line errors. */
export async function loadJwksFlags(flags: readonly JwksFlag[]): Promise<{ issuer: string; jwks: JSONWebKeySet }[]> {
  const out: { issuer: string; jwks: JSONWebKeySet }[] = [];
  for (const flag of flags) {
    let text: string;
    try {
      if (/^https?:\/\//.test(flag.source)) {
        const response = await fetch(flag.source);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        text = await response.text();
      } else text = await readFile(flag.source, 'utf8');
    } catch (error) {
      const why =
        errorCode(error) === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
      throw new CliError(`${flag.flag}: cannot read ${flag.source} (${why})`);
    }
    let jwks: unknown;
    try {
      jwks = JSON.parse(text);
    } catch {
      throw new CliError(`${flag.flag}: ${flag.source} is not JSON (expected a JSON Web Key Set, {"keys": [...]})`);
    }
    out.push({ issuer: flag.issuer, jwks: jwks as JSONWebKeySet });
  }
  return out;
}

/**
 * Lends the JWKS to an HTTP API gateway; returns warnings: a `--jwks` for an issuer no JWT authorizer names, and a JWT authorizer whose issuer has no `--jwks` (its tokens are all refused).
 */
export function applyJwksFlags(
  gateway: AnyGateway,
  apis: readonly unknown[],
  loaded: readonly { issuer: string; jwks: JSONWebKeySet }[],
  flags: readonly JwksFlag[],
): string[] {
  const warnings: string[] = [];
  // A REST API's `--jwks` are Cognito user pools (registerUserPools in user-pool.ts).
  if (!(gateway instanceof HttpApiGateway)) return warnings;
  const issuers = new Set<string>();
  for (const api of apis as HttpApiModel[])
    for (const authorizer of Object.values(api.authorizers ?? {}))
      if (authorizer.type === 'JWT') issuers.add(authorizer.issuer);
  loaded.forEach(({ issuer, jwks }, i) => {
    try {
      gateway.putJwks(issuer, jwks);
    } catch (error) {
      throw new CliError(`${flags[i]!.flag}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!issuers.has(issuer))
      warnings.push(`${flags[i]!.flag}: no JWT authorizer of the API has issuer "${issuer}"; its keys are unused`);
  });
  for (const issuer of issuers)
    if (!loaded.some((l) => l.issuer === issuer))
      warnings.push(`no --jwks ${issuer}=FILE: the JWT authorizer of issuer "${issuer}" will refuse every token (401)`);
  return warnings;
}
