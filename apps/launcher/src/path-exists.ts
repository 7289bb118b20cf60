import { access } from 'node:fs/promises';

/** Whether anything (file, folder, link target) is at `file`. */
export async function pathExists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
