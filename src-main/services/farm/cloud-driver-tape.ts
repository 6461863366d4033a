import { readFile } from 'node:fs/promises';
import { assembleCloudDriver, CLOUD_DRIVER_SOURCE, type CloudDriver } from '../../rom/cloud-driver.ts';

/**
 * The cloud driver assembled from its source in `folder`: src-main/rom/ in a development tree, out/rom/ in
 * a build (which copies the source there beside the Lab Monitor).
 */
export async function loadCloudDriver(folder: URL): Promise<CloudDriver> {
  return assembleCloudDriver(await readFile(new URL(CLOUD_DRIVER_SOURCE, folder), 'utf8'));
}
