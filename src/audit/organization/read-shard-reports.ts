import { readdir, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { ActionError } from '../../runtime/action-error.js'
import type { ShardFile } from './merge-reports.js'

/** Every *.json file under a directory, at any depth (download-artifact puts each artifact in its own). */
async function jsonFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter(e => e.isFile() && e.name.endsWith('.json'))
    .map(e => join(e.parentPath, e.name))
    .sort()
}

/** The files `reports` names: a directory's JSON files, or the files a glob matches. */
export async function shardReportPaths(reports: string, workspace: string): Promise<string[]> {
  const path = resolve(workspace, reports)
  const isDirectory = await stat(path).then(
    s => s.isDirectory(),
    () => false
  )
  if (isDirectory) return jsonFilesUnder(path)
  const glob = await import('@actions/glob')
  const globber = await glob.create(resolve(workspace, reports), { matchDirectories: false })
  return (await globber.glob()).sort()
}

/**
 * Reads and parses each shard report, one file at a time so that only one file's text is in memory
 * (1,000 shard reports read at once held ~100 MB of text next to their parsed form); a file that is
 * not JSON is an error naming it.
 */
export async function readShardReports(paths: readonly string[]): Promise<ShardFile[]> {
  const files: ShardFile[] = []
  for (const path of paths) {
    const text = await readFile(path, 'utf8')
    try {
      files.push({ path, report: JSON.parse(text) as unknown })
    } catch (error) {
      throw new ActionError(
        `audit-merge could not read the shard report ${path}: it is not JSON (${(error as Error).message}). Give reports only the report-path files of the shard jobs.`
      )
    }
  }
  return files
}
