import type { TestProject } from 'vitest/node';
import { makeEmbeddedTemplate } from './embedded-template.js';

/**
 * Runs once before the test files: makes the embedded database template that
 * `embeddedDataDir` copies, and removes it after the last file.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const template = await makeEmbeddedTemplate();
  project.provide('embeddedTemplate', template.dir);
  return template.remove;
}
